/** @module The app catalog view: packages, their signers and digests, and Install. */
export { type CatalogPackage, HengCatalog } from './catalog-view.ts';
