/**
 * @module Everything checked before a plugin counts as installed: manifest structure and meaning,
 * where it may run, the engine range, a free id, its config against its own schema, and a bundle
 * that parses. Nothing is recorded until all of it passes.
 */
import {
  assertManifest,
  checkManifest,
  effectiveLimits,
  HengError,
  ManifestError,
  type PluginManifest,
  validateAgainst,
} from '@heng/schemas';
import semver from 'semver';
import {
  DEFAULT_SANDBOX_LIMITS,
  type ModulePool,
  PluginSandbox,
  type SandboxLimits,
} from '../sandbox/index.ts';

/** What arrives to be installed: a verified package's manifest and bundle, and the admin's config. */
export interface InstallRequest {
  manifest: unknown;
  bundle: string;
  config?: unknown;
}

/** A plugin that passed every install check. */
export interface PreparedPlugin {
  manifest: PluginManifest;
  bundle: string;
  config: Record<string, unknown>;
  limits: SandboxLimits;
}

export interface InstallEnvironment {
  engineVersion: string;
  role: 'edge' | 'hub';
  isInstalled(id: string): boolean;
  modules?: ModulePool;
}

/** Largest bundle the core accepts, before any parsing. */
export const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;

const EMPTY_CONFIG_SCHEMA = { type: 'object', additionalProperties: false };

export async function preparePlugin(
  pkg: InstallRequest,
  env: InstallEnvironment,
): Promise<PreparedPlugin> {
  const manifest = assertManifest(pkg.manifest);
  const { errors } = checkManifest(manifest);
  if (errors.length > 0) {
    throw new ManifestError(
      errors.map(({ path, message, fixText }) =>
        fixText ? { path, message, fix: fixText } : { path, message },
      ),
    );
  }
  if (!manifest.runsOn.includes(env.role)) {
    throw new HengError(
      'invalid_manifest',
      `plugin ${manifest.id} runs on ${manifest.runsOn.join(' and ')}, not on this ${env.role} (/runsOn)`,
    );
  }
  const range = manifest.engines.heng;
  if (!semver.satisfies(env.engineVersion, range, { includePrerelease: true })) {
    throw new HengError(
      'engine_unsatisfied',
      `plugin ${manifest.id} needs heng ${range} (/engines/heng); this core is ${env.engineVersion}`,
    );
  }
  if (env.isInstalled(manifest.id)) {
    throw new HengError('duplicate_plugin', `plugin ${manifest.id} is already installed`);
  }
  const config = validateAgainst<Record<string, unknown>>(
    (manifest.config as object | undefined) ?? EMPTY_CONFIG_SCHEMA,
    pkg.config ?? {},
    `config for ${manifest.id}`,
    { useDefaults: true },
  );
  const limits = sandboxLimitsOf(manifest);
  await assertBundleParses(manifest.id, pkg.bundle, env.modules);
  return { manifest, bundle: pkg.bundle, config, limits };
}

/** The manifest's limits (within the platform ceilings) in the sandbox's units. */
export function sandboxLimitsOf(manifest: PluginManifest): SandboxLimits {
  const limits = effectiveLimits(manifest);
  return {
    memoryBytes: limits.memoryMiB * 1024 * 1024,
    stackBytes: limits.stackKiB * 1024,
    callTimeoutMs: limits.callTimeoutMs,
    asyncTimeoutMs: limits.asyncTimeoutMs,
    loadTimeoutMs: Math.max(DEFAULT_SANDBOX_LIMITS.loadTimeoutMs, limits.callTimeoutMs),
    maxResultBytes: DEFAULT_SANDBOX_LIMITS.maxResultBytes,
  };
}

async function assertBundleParses(
  id: string,
  bundle: unknown,
  modules: ModulePool | undefined,
): Promise<void> {
  if (typeof bundle !== 'string' || bundle.length === 0) {
    throw new HengError('bundle_invalid', `bundle of ${id} is empty or not text`);
  }
  if (bundle.length > MAX_BUNDLE_BYTES) {
    throw new HengError(
      'bundle_invalid',
      `bundle of ${id} is ${bundle.length} bytes, over the limit of ${MAX_BUNDLE_BYTES}`,
    );
  }
  const probe = await PluginSandbox.create({
    pluginId: id,
    api: {},
    bridge: () => {
      throw new HengError('permission_denied', 'no host calls while parsing');
    },
    modules,
  });
  try {
    probe.compile(bundle);
  } finally {
    probe.dispose();
  }
}
