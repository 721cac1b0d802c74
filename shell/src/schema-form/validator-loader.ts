/**
 * @module Loads a package's settings validator: the ES module the hub compiles with ajv's
 * standalone code (`GET /api/catalog/packages/:id/:version/config-validator.js`). The shell's
 * CSP has no `unsafe-eval`, so ajv cannot compile in the page; importing a same-origin module
 * is allowed by `script-src 'self'`, and the session cookie goes with the request.
 */
import type { SettingsValidator } from './error-words.ts';

const loaded = new Map<string, Promise<SettingsValidator>>();

/** The validator module's URL for a catalog package. */
export function configValidatorUrl(id: string, version: string, base = '/api'): string {
  return `${base}/catalog/packages/${encodeURIComponent(id)}/${encodeURIComponent(version)}/config-validator.js`;
}

/**
 * Imports the validator module at `url` once per page (a failed load is forgotten, so the next
 * call tries again).
 *
 * @example
 * const validate = await loadConfigValidator(configValidatorUrl(pkg.plugin.id, pkg.plugin.version));
 * validate(settings) || console.log(validate.errors);
 */
export function loadConfigValidator(url: string): Promise<SettingsValidator> {
  const held = loaded.get(url);
  if (held) return held;
  const loading = (import(/* @vite-ignore */ url) as Promise<{ default?: unknown }>).then((mod) => {
    if (typeof mod.default !== 'function')
      throw new TypeError(`${url} is not a settings validator module`);
    return mod.default as SettingsValidator;
  });
  loading.catch(() => loaded.delete(url));
  loaded.set(url, loading);
  return loading;
}
