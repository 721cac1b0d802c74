/** @module The message tables of every feature and `t()`, the lookup that formats them. */

/** The languages the shell speaks. English is the fallback for any missing message. */
export const locales = ['en', 'zh-CN'] as const;

/** One of {@link locales}. */
export type Locale = (typeof locales)[number];

/** A feature's messages in one language: key → text with `{name}` placeholders. */
export type MessageTable = Readonly<Record<string, string>>;

/** A feature's messages in every language; English is required, the others may lag behind. */
export type FeatureMessages = { readonly en: MessageTable } & {
  readonly [L in Exclude<Locale, 'en'>]?: MessageTable;
};

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

const tables = new Map<string, FeatureMessages>();
let current: Locale = 'en';

/**
 * Registers a feature's messages under its name; keys are then looked up as `feature.key`.
 * Registering the same feature again replaces its tables (hot reload, tests).
 *
 * @example
 * registerMessages('signin', {
 *   en: { title: 'Sign in', welcome: 'Welcome, {name}' },
 *   'zh-CN': { title: '登录', welcome: '欢迎，{name}' },
 * });
 * t('signin.welcome', { name: 'Li' }); // 'Welcome, Li'
 */
export function registerMessages(feature: string, messages: FeatureMessages): void {
  if (feature.includes('.')) throw new TypeError(`feature name may not contain a dot: ${feature}`);
  tables.set(feature, messages);
}

/**
 * The message `key` (`feature.key`) in the current language, with `{name}` placeholders filled
 * from `params`. Falls back to English, then to the key itself, so a missing translation shows
 * up on screen as a readable key instead of an empty label.
 */
export function t(key: string, params?: MessageParams): string {
  const dot = key.indexOf('.');
  const feature = tables.get(key.slice(0, dot));
  const name = key.slice(dot + 1);
  const text = (dot > 0 && (feature?.[current]?.[name] ?? feature?.en[name])) || key;
  return params ? fill(text, params) : text;
}

/** True when `key` has a message in some language (lets callers choose a fallback key). */
export function hasMessage(key: string): boolean {
  const dot = key.indexOf('.');
  return dot > 0 && tables.get(key.slice(0, dot))?.en[key.slice(dot + 1)] !== undefined;
}

function fill(text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The language `t()` currently uses. */
export function getLocale(): Locale {
  return current;
}

/** Sets the language `t()` uses; {@link setLocale} in locale.ts also persists and notifies. */
export function useLocale(locale: Locale): void {
  current = locale;
}

/** True when `value` names a language the shell speaks. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
