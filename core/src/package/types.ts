/** @module The shapes a package has once read: its manifest, files and signature. */
import type { PluginManifest } from '@heng/schemas';

/** `signature.json`: who signed the package and the signature over its id, version and digest. */
export interface PackageSignature {
  alg: 'Ed25519';
  /** The signing key's id (see `keyId`). */
  keyId: string;
  /** Ed25519 signature, base64, over `heng-package-v1\n<id>\n<version>\n<digest>`. */
  signature: string;
  /**
   * SHA-256 hex of each file at signing time, by path: the lines the digest is made of.
   * Not trusted by itself; used only after it hashes to the signed digest, to name the file
   * that changed when a package fails its digest check.
   */
  files?: Record<string, string>;
}

/** A package as read from an archive: the same shape `packPlugin` takes, plus the signature. */
export interface PluginPackage {
  manifest: PluginManifest;
  /** Every file but `heng.plugin.json` and `signature.json`: the bundle, assets, ui panels. */
  files: Map<string, Uint8Array>;
  signature?: PackageSignature;
}

/** A package whose digest and signature checked out against a trusted key. */
export interface VerifiedPackage {
  manifest: PluginManifest;
  /** The plugin's bundle (the file at `manifest.entry`) as text, ready for the sandbox. */
  bundle: string;
  files: Map<string, Uint8Array>;
  /** The trusted key that signed it. */
  keyId: string;
}
