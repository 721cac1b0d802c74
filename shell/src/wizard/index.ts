/**
 * @module The install wizard: permissions in plain words (and, on upgrade, only what changes),
 * the settings form, sites, and the install or upgrade call with its progress and refusals.
 */
export {
  type CatalogEntry,
  differenceOf,
  refusalWords,
  sendInstall,
  sendUpgrade,
  type WizardSite,
} from './install-request.ts';
export { HengInstallWizard, type InstallDone } from './install-wizard.ts';
export {
  HengPermissionList,
  type PermissionDifference,
  type ScopeChange,
} from './permission-list.ts';
export {
  atomWords,
  describePermission,
  hostWords,
  listWords,
  permissionTitle,
  pointWords,
  sizeWords,
  topicWords,
  windowWords,
} from './permission-words.ts';
export { installedWords, type Places, placeName, placeNames, placesOf } from './places.ts';
export type { StepName } from './wizard-steps.ts';
