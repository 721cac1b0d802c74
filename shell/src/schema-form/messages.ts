/**
 * @module The settings form's own words (feature `form`), in English and Simplified Chinese;
 * the validation messages are in error-words.ts (feature `formerr`).
 */
import { registerMessages } from '../i18n/index.ts';

registerMessages('form', {
  en: {
    choose: 'Choose…',
    add: 'Add {what}',
    remove: 'Remove',
    'remove-row': 'Remove {what}',
    summary: 'Please correct {count} problem(s) in the settings:',
    loading: 'Loading the settings checks…',
    'load-failed':
      'The settings checks could not be loaded ({reason}). Reload the page to try again.',
    'required-note': 'Fields marked * are required.',
    settings: 'Settings',
  },
  'zh-CN': {
    choose: '请选择…',
    add: '添加{what}',
    remove: '删除',
    'remove-row': '删除{what}',
    summary: '设置中有 {count} 处问题需要修改：',
    loading: '正在加载设置校验…',
    'load-failed': '无法加载设置校验（{reason}）。请刷新页面重试。',
    'required-note': '带 * 的为必填项。',
    settings: '设置',
  },
});
