/** @module Texts of the shell's frame: navigation, language, the unreachable banner. */
import { registerMessages } from '../i18n/index.ts';

registerMessages('app', {
  en: {
    brand: 'Heng',
    nav: 'Main',
    sites: 'Sites',
    catalog: 'App catalog',
    events: 'Events',
    audit: 'Audit log',
    parties: 'Users & organisations',
    language: 'Language',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {user}',
    unreachable: 'The hub is unreachable. What you see may be out of date; reconnecting…',
    checking: 'Connecting to the hub…',
    retry: 'Try again',
    notFound: 'There is no page at {path}.',
    skip: 'Skip to content',
  },
  'zh-CN': {
    brand: '衡',
    nav: '主菜单',
    sites: '站点',
    catalog: '应用目录',
    events: '事件',
    audit: '审计日志',
    parties: '用户与组织',
    language: '语言',
    signOut: '退出登录',
    signedInAs: '当前用户：{user}',
    unreachable: '无法连接管理中心，显示的内容可能已过时；正在重新连接…',
    checking: '正在连接管理中心…',
    retry: '重试',
    notFound: '页面 {path} 不存在。',
    skip: '跳到正文',
  },
});
