/**
 * @module An automated accessibility audit of the page in hand: axe-core, evaluated through the
 * browser's debugging protocol (the hub's policy forbids inline scripts, and a test must not
 * loosen it), run over the document and every open shadow root, failing on serious and critical
 * violations with each rule, its help and the elements it found.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: Promise<string> | undefined;

/** What one violation looks like in a failure message. */
interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** The impacts that fail the audit. */
const FAILING = new Set(['serious', 'critical']);

/**
 * Audits `page` against WCAG 2.1 A and AA; resolves with the serious and critical violations
 * described one per line (empty when there are none). Plugin panels (frames) are the vendor's
 * pages and are left out.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const script = await source;
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(script);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      iframes: false,
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    })) as { violations: unknown[] };
    return result.violations;
  });
  return (violations as Violation[])
    .filter((v) => v.impact !== null && FAILING.has(v.impact))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 5)
          .map((n) => `${JSON.stringify(n.target)} (${n.failureSummary?.replace(/\s+/g, ' ')})`)
          .join('; ')}`,
    );
}
