/**
 * @module ajv's errors in the user's language, placed on the field they belong to: `required`
 * goes to the missing property, everything else to its `instancePath`.
 */
import { registerMessages, t } from '../i18n/index.ts';

/** What the form needs of one ajv `ErrorObject` (the validator module's `errors`). */
export interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A settings validator: ajv's standalone validate function, with its errors after a call. */
export type SettingsValidator = ((value: unknown) => boolean) & { errors?: AjvError[] | null };

registerMessages('formerr', {
  en: {
    required: 'Required.',
    type: 'Must be {what}.',
    'what.string': 'text',
    'what.number': 'a number',
    'what.integer': 'a whole number',
    'what.boolean': 'yes or no',
    'what.object': 'a group of settings',
    'what.array': 'a list',
    minimum: 'Must be {limit} or more.',
    maximum: 'Must be {limit} or less.',
    exclusiveMinimum: 'Must be more than {limit}.',
    exclusiveMaximum: 'Must be less than {limit}.',
    multipleOf: 'Must be a multiple of {limit}.',
    minLength: 'Must be at least {limit} characters long.',
    maxLength: 'Must be at most {limit} characters long.',
    pattern: 'Is not in the expected form (see the hint).',
    format: 'Must be a valid {format}.',
    enum: 'Must be one of the listed choices.',
    const: 'Must be {value}.',
    minItems: 'Needs at least {limit} entries.',
    maxItems: 'Can have at most {limit} entries.',
    uniqueItems: 'Entries {i} and {j} are the same; each entry must be different.',
    additionalProperties: 'The setting “{name}” is not known to this app.',
    other: 'Is not valid: {message}',
    json: 'Is not valid JSON.',
  },
  'zh-CN': {
    required: '必填。',
    type: '必须是{what}。',
    'what.string': '文本',
    'what.number': '数字',
    'what.integer': '整数',
    'what.boolean': '是或否',
    'what.object': '一组设置',
    'what.array': '列表',
    minimum: '不能小于 {limit}。',
    maximum: '不能大于 {limit}。',
    exclusiveMinimum: '必须大于 {limit}。',
    exclusiveMaximum: '必须小于 {limit}。',
    multipleOf: '必须是 {limit} 的倍数。',
    minLength: '至少需要 {limit} 个字符。',
    maxLength: '最多 {limit} 个字符。',
    pattern: '格式不正确（请参考提示）。',
    format: '必须是有效的 {format}。',
    enum: '必须是列出的选项之一。',
    const: '必须是 {value}。',
    minItems: '至少需要 {limit} 项。',
    maxItems: '最多只能有 {limit} 项。',
    uniqueItems: '第 {i} 项和第 {j} 项相同，每一项都必须不同。',
    additionalProperties: '此应用没有“{name}”这项设置。',
    other: '无效：{message}',
    json: '不是有效的 JSON。',
  },
});

/** One ajv error in words. */
export function errorWords(error: AjvError): string {
  const p = error.params;
  const limit = p.limit as number | undefined;
  switch (error.keyword) {
    case 'required':
      return t('formerr.required');
    case 'type': {
      const first = String(p.type).split(',')[0] ?? '';
      const key = `formerr.what.${first}`;
      const what = t(key);
      return t('formerr.type', { what: what === key ? first : what });
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return t(`formerr.${error.keyword}`, { limit: String(limit ?? p.multipleOf) });
    case 'pattern':
    case 'enum':
      return t(`formerr.${error.keyword}`);
    case 'format':
      return t('formerr.format', { format: String(p.format) });
    case 'const':
      return t('formerr.const', { value: JSON.stringify(p.allowedValue) });
    case 'uniqueItems':
      // ajv counts from 0; people count from 1.
      return t('formerr.uniqueItems', { i: Number(p.j) + 1, j: Number(p.i) + 1 });
    case 'additionalProperties':
      return t('formerr.additionalProperties', { name: String(p.additionalProperty) });
    default:
      return t('formerr.other', { message: error.message ?? error.keyword });
  }
}

/** The JSON pointer an error belongs to: the missing property for `required`. */
export function errorPointer(error: AjvError): string {
  if (error.keyword !== 'required') return error.instancePath;
  const name = String(error.params.missingProperty).replaceAll('~', '~0').replaceAll('/', '~1');
  return `${error.instancePath}/${name}`;
}

/** Messages by JSON pointer, in the order ajv reported them, without repeats. */
export function errorsByPointer(
  errors: readonly AjvError[] | null | undefined,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const error of errors ?? []) {
    if (error.keyword === 'if') continue; // the failing `then` reports itself
    const pointer = errorPointer(error);
    const list = out.get(pointer) ?? [];
    const words = errorWords(error);
    if (!list.includes(words)) list.push(words);
    out.set(pointer, list);
  }
  return out;
}
