/**
 * @module Builds the shell into `dist/`: `app-<hash>.js` (the whole app, minified ES module),
 * `page-<hash>.css`, and `index.html` naming them. Hashed names let the hub cache assets for
 * good and revalidate only index.html. Prints the initial JavaScript's size, raw and gzipped.
 *
 * Run: `npm run build -w @heng/shell` (or `node shell/scripts/build.ts`).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Sizes of what a browser loads before the shell can render. */
export interface BuildReport {
  outDir: string;
  script: string;
  stylesheet: string;
  jsBytes: number;
  jsGzipBytes: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles the shell into `outDir` (default `shell/dist`), replacing what was there. */
export async function buildShell(outDir = join(root, 'dist')): Promise<BuildReport> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { app: 'src/main.ts', page: 'src/page.css' },
    entryNames: '[name]-[hash]',
    outdir: outDir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  let script = '';
  let stylesheet = '';
  let jsBytes = 0;
  let jsGzipBytes = 0;
  for (const file of result.outputFiles) {
    await writeFile(file.path, file.contents);
    const name = basename(file.path);
    if (name.endsWith('.js')) {
      script = name;
      jsBytes = file.contents.byteLength;
      jsGzipBytes = gzipSync(file.contents, { level: 9 }).byteLength;
    } else if (name.endsWith('.css')) stylesheet = name;
  }
  await writeFile(join(outDir, 'index.html'), indexHtml(script, stylesheet));
  return { outDir, script, stylesheet, jsBytes, jsGzipBytes };
}

function indexHtml(script: string, stylesheet: string): string {
  // No inline script or style: the hub's CSP allows only files from its own origin.
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Heng 衡</title>
<link rel="stylesheet" href="./${stylesheet}">
<script type="module" src="./${script}"></script>
</head>
<body>
<heng-app></heng-app>
<noscript>Heng's shell needs JavaScript. 衡平台管理界面需要启用 JavaScript。</noscript>
</body>
</html>
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await buildShell(process.argv[2]);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `shell: ${report.script} ${kb(report.jsBytes)} raw, ${kb(report.jsGzipBytes)} gzipped ` +
      `(budget 120 KiB gzipped); files: ${(await readdir(report.outDir)).join(', ')}`,
  );
}
