/** @module The hub's version, from its package.json, for health and the OpenAPI document. */
import pkg from '../package.json' with { type: 'json' };

export const HUB_VERSION: string = pkg.version;
