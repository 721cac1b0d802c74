/** @module The version of this core, which plugin manifests' `engines.heng` ranges are matched against. */
export const ENGINE_VERSION = '0.1.0';
