/** @module `heng-plugin verify PKG --trust KEY.pub.json…`: checks a package as a hub would. */
import { readFile } from 'node:fs/promises';
import { verifyPackage } from '@heng/core';
import { readPublicKeyFile } from './key-files.ts';
import { CliError, fail, type Output } from './output.ts';
import { shown } from './plugin-dir.ts';
import { type PackageFacts, printFacts } from './sign.ts';

/**
 * Verifies `pkg` against the public keys in `trustFiles`.
 * @throws the core's PackageError (`digest_mismatch`, `signature_invalid`, `untrusted_key`,
 * `invalid_package`) or a CliError for unreadable key files.
 */
export async function verifyPackageFile(
  pkg: string,
  trustFiles: readonly string[],
): Promise<PackageFacts> {
  if (trustFiles.length === 0) {
    throw new CliError(
      'invalid_input',
      'no key to trust: give at least one --trust KEY.pub.json',
      '--trust',
    );
  }
  const trustedKeys = await Promise.all(trustFiles.map(readPublicKeyFile));
  const verified = await verifyPackage(new Uint8Array(await readFile(pkg)), { trustedKeys });
  const { manifest } = verified;
  return {
    file: pkg,
    keyId: verified.keyId,
    id: manifest.id,
    version: manifest.version,
    digest: manifest.digest!,
  };
}

/** The `verify` command: exit status 1, with the reason, when the package does not verify. */
export async function runVerify(
  pkg: string,
  options: { trust: string[] },
  out: Output,
): Promise<number> {
  try {
    const facts = await verifyPackageFile(pkg, options.trust);
    out.info(`verified ${shown(pkg)}`);
    printFacts(out, facts);
    out.result({ ok: true, ...facts });
    return 0;
  } catch (err) {
    return fail(out, err, shown(pkg));
  }
}
