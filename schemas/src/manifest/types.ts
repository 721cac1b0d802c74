/**
 * @module The shape of a semantic manifest check: the second pass, after the schema.
 */
import type { Limits, PluginManifest } from '../../generated/types.ts';

/** An error stops validation (the plugin cannot be packed or installed); a warning does not. */
export type Severity = 'error' | 'warning';

/** One problem a check found, at a JSON pointer into the manifest. */
export interface Finding {
  path: string;
  message: string;
  /** Repairs the manifest in place; present only when the repair is safe to apply unasked. */
  fix?: (manifest: PluginManifest) => void;
  /** What `fix` does, in plain words, e.g. `strip the leading "v"`. */
  fixText?: string;
}

/** What a check may know beyond the manifest. */
export interface CheckContext {
  /** The resource ceilings of this deployment (never above the schema's maxima). */
  ceilings: Required<Limits>;
}

/**
 * One rule about a manifest's meaning. Checks also run inside `fixManifest` on manifests
 * that failed the structure pass, so they read defensively and skip what they do not
 * understand: the structure pass reports that.
 */
export interface ManifestCheck {
  /** Stable id, e.g. "net-fetch-private-host", shown with every finding. */
  id: string;
  severity: Severity;
  /** What the rule is, for documentation and `heng-plugin validate --list`. */
  description: string;
  check(manifest: PluginManifest, context: CheckContext): Finding[];
}

/** A finding together with the check and severity that produced it. */
export interface ManifestFinding extends Finding {
  check: string;
  severity: Severity;
}
