/** @module The texts of plugin panels and their bridge, in English and Simplified Chinese. */
import { registerMessages } from '../i18n/index.ts';

registerMessages('panels', {
  en: {
    frameTitle: 'Panel "{title}" of {plugin}',
    loading: 'Loading the panel…',
    notGranted: 'This app may not show the panel "{panel}": its permissions do not include it.',
    flood:
      'The panel sent too many messages at once; the shell ignored the extra ones. If it stops updating, reload the page or ask the app’s vendor.',
    refused:
      'The panel asked for something its permissions do not allow, and nothing was sent: {message}',
    badRequest: 'A request must be an object with a string id of at most 64 characters.',
    unsupported: 'Unknown request "{kind}": a panel may ask for telemetry.latest or command.send.',
    badPoints: 'points must be a list of 1 to 100 point names (device/point).',
    readDenied: 'reading {point} is not in this app’s telemetry:read permission.',
    commandDenied: 'commanding {point} is not in this app’s command:write permission.',
    badValue: 'a command’s value must be a number, true/false or text.',
    badReason: 'a command needs a reason (1 to 500 characters).',
  },
  'zh-CN': {
    frameTitle: '{plugin} 的面板“{title}”',
    loading: '正在加载面板…',
    notGranted: '此应用无权显示面板“{panel}”：它的权限中没有此面板。',
    flood:
      '面板一次发送的消息过多，多余的消息已被忽略。如果面板停止更新，请刷新页面或联系应用供应商。',
    refused: '面板请求了其权限不允许的操作，未发送任何内容：{message}',
    badRequest: '请求必须是对象，id 为不超过 64 个字符的字符串。',
    unsupported: '未知请求“{kind}”：面板只能请求 telemetry.latest 或 command.send。',
    badPoints: 'points 必须是 1 到 100 个测点名称（设备/测点）的列表。',
    readDenied: '读取 {point} 不在此应用的 telemetry:read 权限内。',
    commandDenied: '控制 {point} 不在此应用的 command:write 权限内。',
    badValue: '控制指令的值必须是数字、真/假或文本。',
    badReason: '控制指令需要填写原因（1 到 500 个字符）。',
  },
});
