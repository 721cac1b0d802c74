/** @module `heng-plugin sign PKG --key NAME.key.json [--out FILE]`: signs a packed plugin. */
import { readFile, writeFile } from 'node:fs/promises';
import { signPackage } from '@heng/core';
import { readPrivateKeyFile } from './key-files.ts';
import { fail, type Output } from './output.ts';
import { describePackage } from './pack.ts';
import { shown } from './plugin-dir.ts';

/** What `sign` and `verify` report about a package. */
export interface PackageFacts {
  file: string;
  keyId: string;
  id: string;
  version: string;
  digest: string;
}

/** Signs `pkg` with the key in `keyFile`, writing to `out` (default: `pkg` itself). */
export async function signPackageFile(
  pkg: string,
  keyFile: string,
  out?: string,
): Promise<PackageFacts> {
  const key = await readPrivateKeyFile(keyFile);
  const signed = await signPackage(new Uint8Array(await readFile(pkg)), key);
  const file = out ?? pkg;
  await writeFile(file, signed);
  const { manifest, signature } = describePackage(signed);
  return {
    file,
    keyId: signature!.keyId,
    id: manifest.id,
    version: manifest.version,
    digest: manifest.digest!,
  };
}

/** Prints the facts of a signed or verified package. */
export function printFacts(out: Output, facts: PackageFacts): void {
  out.info(`key     ${facts.keyId}`);
  out.info(`id      ${facts.id}`);
  out.info(`version ${facts.version}`);
  out.info(`digest  ${facts.digest}`);
}

/** The `sign` command. */
export async function runSign(
  pkg: string,
  options: { key: string; out?: string },
  out: Output,
): Promise<number> {
  try {
    const facts = await signPackageFile(pkg, options.key, options.out);
    out.info(`signed ${shown(facts.file)}`);
    printFacts(out, facts);
    out.result({ ok: true, ...facts });
    return 0;
  } catch (err) {
    return fail(out, err, shown(pkg));
  }
}
