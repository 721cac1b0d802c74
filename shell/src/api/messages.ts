/** @module The hub's error codes in words a person can act on, in English and Chinese. */
import { registerMessages } from '../i18n/index.ts';

registerMessages('api', {
  en: {
    unreachable: 'The hub cannot be reached. Check the network; the shell retries on its own.',
    unauthenticated: 'You are not signed in, or your session has expired. Please sign in again.',
    permission_denied: 'You are not allowed to do this. Ask an administrator for the role.',
    not_found: 'This no longer exists. Reload the list.',
    invalid_input: 'Some values are not accepted. Correct the fields marked and try again.',
    conflict: 'Someone changed this at the same time. Reload and try again.',
    payload_too_large: 'What you sent is too large.',
    store_unavailable: "The hub's store is unavailable. Try again in a moment.",
    rate_limited: 'Too many requests. Wait a moment and try again.',
    internal: 'The hub failed unexpectedly. Try again; if it persists, tell the operator.',
  },
  'zh-CN': {
    unreachable: '无法连接管理中心。请检查网络；界面会自动重试。',
    unauthenticated: '您尚未登录或会话已过期，请重新登录。',
    permission_denied: '您无权执行此操作，请向管理员申请相应角色。',
    not_found: '该对象已不存在，请刷新列表。',
    invalid_input: '部分取值不被接受，请更正标记的字段后重试。',
    conflict: '他人同时修改了此项，请刷新后重试。',
    payload_too_large: '发送的内容过大。',
    store_unavailable: '管理中心的存储暂不可用，请稍后重试。',
    rate_limited: '请求过于频繁，请稍候再试。',
    internal: '管理中心发生意外错误。请重试；如仍出现，请联系运维人员。',
  },
});
