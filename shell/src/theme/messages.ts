/** @module Texts of the shared formatting. */
import { registerMessages } from '../i18n/index.ts';

registerMessages('format', { en: { never: 'never' }, 'zh-CN': { never: '从未' } });
