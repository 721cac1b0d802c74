/** @module Texts of the sign-in page. */
import { registerMessages } from '../i18n/index.ts';

registerMessages('signin', {
  en: {
    title: 'Sign in to Heng',
    user: 'User name',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
    wrong: 'Wrong user name or password. Check both and try again.',
    expired: 'Your session has expired. Please sign in again.',
    signedOut: 'You have signed out.',
  },
  'zh-CN': {
    title: '登录衡平台',
    user: '用户名',
    password: '密码',
    submit: '登录',
    busy: '正在登录…',
    wrong: '用户名或密码错误，请检查后重试。',
    expired: '会话已过期，请重新登录。',
    signedOut: '您已退出登录。',
  },
});
