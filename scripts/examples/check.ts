/**
 * @module `npm run check:examples`: type-checks every TSDoc `@example` of the product code of
 * schemas, core, sdk, edge-node and hub, so an example cannot call what does not exist or pass
 * what its function refuses (how: type-check.ts). The examples it leaves out, and why, are in
 * not-checked.ts.
 *
 * Usage: `node scripts/examples/check.ts [file…]` (default: every product file of the packages).
 */
import path from 'node:path';
import { NOT_CHECKED } from './not-checked.ts';
import { checkExamples, PACKAGES, productFiles, ROOT } from './type-check.ts';

const started = performance.now();
const args = process.argv.slice(2);
const files = args.length
  ? args.map((file) => path.resolve(file))
  : PACKAGES.flatMap((pkg) => productFiles(path.join(ROOT, pkg, 'src')));
const { problems, checked, skipped } = checkExamples(files, NOT_CHECKED);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s) in ${checked} checked @examples (${seconds} s).`);
  process.exitCode = 1;
} else {
  console.log(
    `${checked} @examples type-check, ${skipped} left out (scripts/examples/not-checked.ts); ${seconds} s.`,
  );
}
