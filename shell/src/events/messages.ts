/** @module Texts of the events list. */
import { registerMessages } from '../i18n/index.ts';

registerMessages('events', {
  en: {
    title: 'Events',
    site: 'Site',
    time: 'Time',
    level: 'Level',
    topic: 'Topic',
    what: 'What',
    source: 'Source',
    none: 'No events at this site.',
    noSites: 'No sites to show events of.',
    routine: 'routine',
    levelN: 'Level {n}',
    loading: 'Loading events…',
  },
  'zh-CN': {
    title: '事件',
    site: '站点',
    time: '时间',
    level: '响应级别',
    topic: '主题',
    what: '内容',
    source: '来源',
    none: '该站点暂无事件。',
    noSites: '没有可查看事件的站点。',
    routine: '日常',
    levelN: '{n} 级',
    loading: '正在加载事件…',
  },
});
