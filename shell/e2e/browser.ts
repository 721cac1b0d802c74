/**
 * @module Debian's Chromium driven by playwright-core (which downloads no browser), launched the
 * one way the project allows, and the screenshots the README embeds.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where the screenshots go; each run overwrites them. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

/** Launches headless Chromium from `/usr/bin/chromium`, never a downloaded one. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
}

/** Saves the page as `shell/docs/screenshots/<name>.png` (the full page, for the README). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
