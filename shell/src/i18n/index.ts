/**
 * @module The shell's i18n: per-feature English and Simplified Chinese tables, `t(key, params)`,
 * the persisted language choice, and a Lit controller that redraws on a switch.
 */

export {
  type FeatureMessages,
  getLocale,
  hasMessage,
  isLocale,
  type Locale,
  locales,
  type MessageParams,
  type MessageTable,
  registerMessages,
  t,
} from './catalog.ts';
export { LocaleController } from './controller.ts';
export { initLocale, onLocaleChange, setLocale } from './locale.ts';
