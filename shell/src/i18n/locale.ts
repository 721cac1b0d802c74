/** @module Choosing the language: persisted in localStorage, mirrored on `<html lang>`, broadcast. */

import { getLocale, isLocale, type Locale, locales, useLocale } from './catalog.ts';

const storageKey = 'heng.locale';
const listeners = new Set<(locale: Locale) => void>();

/**
 * Switches the shell's language: `t()` answers in it from now on, the choice survives a reload
 * (localStorage), `<html lang>` follows (screen readers, fonts for CJK), and every subscriber of
 * {@link onLocaleChange} is told so that it re-renders.
 */
export function setLocale(locale: Locale): void {
  useLocale(locale);
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Storage can be disabled (private mode, policy); the choice then lasts for this page only.
  }
  document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

/**
 * Calls `listener` after every {@link setLocale}; returns the function that unsubscribes.
 */
export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Picks the starting language: the saved choice, else the browser's first preferred language
 * the shell speaks (any `zh*` maps to Simplified Chinese), else English. Applies it silently.
 */
export function initLocale(preferred: readonly string[] = navigator.languages): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(storageKey);
  } catch {
    saved = null;
  }
  const chosen = isLocale(saved) ? saved : fromPreferences(preferred);
  useLocale(chosen);
  document.documentElement.lang = chosen;
  return getLocale();
}

function fromPreferences(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    if (isLocale(tag)) return tag;
    if (tag.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (tag.toLowerCase().startsWith('en')) return 'en';
  }
  return locales[0];
}
