/**
 * @module The settings form drawn from a plugin's JSON Schema, validated in the page by the
 * validator module the hub compiles for the package (the shell's CSP forbids ajv's compiler).
 */
export {
  type AjvError,
  errorsByPointer,
  errorWords,
  type SettingsValidator,
} from './error-words.ts';
export {
  type FieldKind,
  type FieldSchema,
  initialValue,
  kindOf,
  type PathStep,
  pointerOf,
  resolveRef,
  setAt,
  valueAt,
} from './json-schema.ts';
export { HengSchemaForm, type SettingsChange } from './schema-form.ts';
export { configValidatorUrl, loadConfigValidator } from './validator-loader.ts';
