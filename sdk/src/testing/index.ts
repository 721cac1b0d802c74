/**
 * @module @heng/sdk/testing: run a plugin in the real core sandbox against a simulated site, in a
 * vendor's unit tests.
 */
import { createTestSite as createSite, type TestSite, type TestSiteOptions } from './site.ts';

export type {
  CapturedCommand,
  FeedReading,
  TestResponse,
  TestSite,
  TestSiteOptions,
} from './site.ts';

/** Options naming a plugin folder (with `heng.plugin.json` and `src/plugin.ts`) instead of a bundle. */
export type TestSiteFromDir = Omit<TestSiteOptions, 'manifest' | 'bundle'> & {
  dir: string | URL;
  /** Changes the folder's manifest for this test, e.g. to grant less than it asks for. */
  manifest?: (manifest: Record<string, unknown>) => unknown;
};

/**
 * Installs and activates one plugin on a simulated site: through the same install checks, grant,
 * broker and sandbox as a real host. From a folder, the sources are bundled in memory first.
 *
 * @example
 * const site = await createTestSite({ dir: new URL('..', import.meta.url), config: { threshold: 50 } });
 * await site.feed({ device: 'aq-1', point: 'pm25', value: 80 });
 * expect(site.events.map((e) => e.topic)).toEqual(['air/alert']);
 * await site.dispose();
 */
export async function createTestSite(
  options: TestSiteOptions | TestSiteFromDir,
): Promise<TestSite> {
  if (!('dir' in options)) return createSite(options);
  const { loadPluginDir } = await import('./node/from-dir.ts');
  const { dir, manifest: change, ...rest } = options;
  const loaded = await loadPluginDir(dir);
  const manifest = change
    ? change(structuredClone(loaded.manifest) as Record<string, unknown>)
    : loaded.manifest;
  return createSite({ ...rest, bundle: loaded.bundle, manifest });
}
