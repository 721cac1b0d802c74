/** @module `heng-plugin keygen --out NAME`: a vendor's Ed25519 signing key pair. */
import { writeKeyPair } from './key-files.ts';
import { fail, type Output } from './output.ts';

/** The `keygen` command. Prints the key id and file names, never the private key. */
export async function runKeygen(name: string, out: Output): Promise<number> {
  try {
    const files = await writeKeyPair(name);
    out.info(`key ${files.keyId}`);
    out.info(`private key: ${files.privateFile} (keep it secret; do not commit it)`);
    out.info(`public key:  ${files.publicFile} (give it to the hubs that should trust you)`);
    out.result({ ok: true, ...files });
    return 0;
  } catch (err) {
    return fail(out, err, name);
  }
}
