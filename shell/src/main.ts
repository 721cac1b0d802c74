/** @module The shell's entry point: picks the language; `<heng-app>` in index.html does the rest. */
import './app/index.ts';
import { initLocale } from './i18n/index.ts';

// Runs before the first render (Lit renders in a microtask after the element upgrades).
initLocale();
