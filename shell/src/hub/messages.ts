/** @module Texts of the hub's view (its apps and the events they raised), in English and Simplified Chinese. */
import { registerMessages } from '../i18n/index.ts';

registerMessages('hub', {
  en: {
    title: 'The hub',
    intro:
      'Apps installed at the hub run at the management centre, for the whole city: they hear the events of every site and command the sites their permissions reach.',
    'events.title': 'Events raised at the hub',
    'events.intro': 'What the hub’s apps announced (incidents opened and closed, …), newest first.',
    'events.refresh': 'Refresh events',
    'events.loading': 'Loading the hub’s events…',
    'events.none': 'No app at the hub has raised an event yet.',
    'events.site': 'Site',
  },
  'zh-CN': {
    title: '管理中心',
    intro:
      '安装在管理中心的应用在管理中心运行，为全市工作：接收所有站点的事件，并向其权限所及的站点发送指令。',
    'events.title': '管理中心应用产生的事件',
    'events.intro': '管理中心的应用发布的事件（事件处置的开启与关闭等），最新的在前。',
    'events.refresh': '刷新事件',
    'events.loading': '正在加载管理中心的事件…',
    'events.none': '管理中心的应用尚未产生事件。',
    'events.site': '站点',
  },
});
