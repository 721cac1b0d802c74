/** @module i18n: lookup, fallback, placeholders, persistence and `<html lang>`. */
import { afterEach, describe, equal, it } from '../../test/harness.ts';
import { initLocale, onLocaleChange, registerMessages, setLocale, t } from './index.ts';

registerMessages('demo', {
  en: { hello: 'Hello, {name}', only: 'English only', count: '{n} of {total}' },
  'zh-CN': { hello: '你好，{name}' },
});

describe('i18n', () => {
  afterEach(() => {
    setLocale('en');
    localStorage.removeItem('heng.locale');
  });

  it('fills placeholders in the current language', () => {
    equal(t('demo.hello', { name: 'Li' }), 'Hello, Li');
    setLocale('zh-CN');
    equal(t('demo.hello', { name: 'Li' }), '你好，Li');
    equal(t('demo.count', { n: 2, total: 5 }), '2 of 5');
  });

  it('falls back to English, then to the key', () => {
    setLocale('zh-CN');
    equal(t('demo.only'), 'English only');
    equal(t('demo.missing'), 'demo.missing');
    equal(t('nofeature.x'), 'nofeature.x');
  });

  it('persists the choice, sets <html lang> and notifies listeners', () => {
    const seen: string[] = [];
    const off = onLocaleChange((l) => seen.push(l));
    setLocale('zh-CN');
    off();
    setLocale('en');
    equal(localStorage.getItem('heng.locale'), 'en');
    equal(document.documentElement.lang, 'en');
    equal(seen.join(), 'zh-CN');
  });

  it('starts from the saved choice, else the browser preference', () => {
    localStorage.setItem('heng.locale', 'zh-CN');
    equal(initLocale(['en-US']), 'zh-CN');
    localStorage.removeItem('heng.locale');
    equal(initLocale(['zh-TW', 'en']), 'zh-CN');
    equal(initLocale(['fr', 'en-GB']), 'en');
    equal(document.documentElement.lang, 'en');
  });
});
