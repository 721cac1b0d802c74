/** @module Users and organisations. */
export { PartiesView } from './parties-view.ts';
