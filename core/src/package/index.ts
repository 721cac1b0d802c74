/** @module Plugin packages (`.hpkg`): pack, read, sign and verify, with Ed25519 vendor keys. */
export { unsafePathReason } from './archive-path.ts';
export { canonicalJson } from './canonical-json.ts';
export { MANIFEST_PATH, packageDigest, SIGNATURE_PATH } from './digest.ts';
export {
  exportPrivateKey,
  exportPublicKey,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  keyId,
  type PrivateKeyRecord,
  type PublicKeyRecord,
  publicKeyOf,
} from './keys.ts';
export { defaultPackageLimits, type PackageLimits } from './limits.ts';
export { DEFAULT_ENTRY, entryOf, type ManifestFile, manifestFiles } from './manifest-files.ts';
export { type PackInput, packPlugin } from './pack.ts';
export { readPackage } from './read.ts';
export { signedMessage, signPackage } from './sign.ts';
export type { PackageSignature, PluginPackage, VerifiedPackage } from './types.ts';
export { type VerifyOptions, verifyPackage } from './verify.ts';
