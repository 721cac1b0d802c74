/** @module `<heng-schema-form>`: controls from the schema, validation as one types, rows, languages. */
import { afterEach, deepEqual, describe, equal, includes, it, ok } from '../../test/harness.ts';
import { setLocale } from '../i18n/index.ts';
import {
  type AjvError,
  type FieldSchema,
  type HengSchemaForm,
  loadConfigValidator,
  type SettingsValidator,
} from './index.ts';

const SCHEMA: FieldSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: 'Name', description: 'Lower-case letters', pattern: '^[a-z]+$' },
    level: { type: 'integer', title: 'Level', minimum: 0, maximum: 100, default: 30 },
    mode: { enum: ['auto', 'manual'], title: 'Mode', default: 'auto' },
    on: { type: 'boolean', title: 'On' },
    window: {
      type: 'object',
      title: 'Window',
      properties: { from: { type: 'string', title: 'From' } },
    },
    steps: {
      type: 'array',
      title: 'Steps',
      maxItems: 2,
      items: {
        type: 'object',
        title: 'Step',
        required: ['at'],
        properties: { at: { type: 'integer', title: 'At' } },
      },
    },
  },
};

/** Stands in for the hub's ajv module: the same error shapes, for the rules of SCHEMA. */
const fakeValidator: SettingsValidator = Object.assign(
  (value: unknown) => {
    const v = value as Record<string, unknown>;
    const errors: AjvError[] = [];
    if (v.name === undefined)
      errors.push({ keyword: 'required', instancePath: '', params: { missingProperty: 'name' } });
    else if (!/^[a-z]+$/.test(String(v.name)))
      errors.push({ keyword: 'pattern', instancePath: '/name', params: { pattern: '^[a-z]+$' } });
    if (typeof v.level === 'number' && v.level > 100)
      errors.push({
        keyword: 'maximum',
        instancePath: '/level',
        params: { comparison: '<=', limit: 100 },
      });
    (Array.isArray(v.steps) ? v.steps : []).forEach((s: Record<string, unknown>, i: number) => {
      if (s.at === undefined)
        errors.push({
          keyword: 'required',
          instancePath: `/steps/${i}`,
          params: { missingProperty: 'at' },
        });
    });
    fakeValidator.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  },
  { errors: null as AjvError[] | null },
);

async function mount(validator: SettingsValidator | null = fakeValidator): Promise<HengSchemaForm> {
  const form = document.createElement('heng-schema-form');
  form.schema = SCHEMA;
  form.validator = validator ?? undefined;
  document.body.append(form);
  await form.updateComplete;
  return form;
}

function control<T extends HTMLElement = HTMLInputElement>(form: HengSchemaForm, id: string): T {
  const el = form.shadowRoot?.getElementById(id) as T | null;
  ok(el, `control #${id}`);
  return el;
}

async function type(form: HengSchemaForm, id: string, text: string): Promise<void> {
  const input = control(form, id);
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await form.updateComplete;
}

function describedText(form: HengSchemaForm, id: string): string {
  const ids = control(form, id).getAttribute('aria-describedby') ?? '';
  return ids
    .split(' ')
    .filter(Boolean)
    .map((ref) => form.shadowRoot?.getElementById(ref)?.textContent?.trim() ?? '')
    .join(' | ');
}

describe('<heng-schema-form>', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('heng-schema-form')) el.remove();
    setLocale('en');
  });

  it('draws a labelled control per setting, starting from the defaults', async () => {
    const form = await mount();
    deepEqual(form.value, { level: 30, mode: 'auto' });
    equal(control(form, 'f-level').value, '30');
    equal(control(form, 'f-level').type, 'number');
    equal(control<HTMLSelectElement>(form, 'f-mode').selectedOptions[0]?.textContent, 'auto');
    equal(control(form, 'f-on').type, 'checkbox');
    equal(form.shadowRoot?.querySelector('label[for="f-name"]')?.textContent?.trim(), 'Name *');
    equal(control(form, 'f-name').getAttribute('aria-required'), 'true');
    includes(describedText(form, 'f-name'), 'Lower-case letters');
    equal(form.shadowRoot?.querySelector('#f-window legend')?.textContent?.trim(), 'Window');
    ok(form.shadowRoot?.getElementById('f-window-from'), 'nested field');
  });

  it('validates as the user types, with the message next to the field', async () => {
    const form = await mount();
    await type(form, 'f-name', 'lamps');
    equal(form.valid, true, 'valid with a name');
    const changes: boolean[] = [];
    form.addEventListener('heng-settings-change', (e) => changes.push(e.detail.valid));
    await type(form, 'f-level', '150');
    equal(form.valid, false);
    equal(control(form, 'f-level').getAttribute('aria-invalid'), 'true');
    includes(describedText(form, 'f-level'), 'Must be 100 or less.');
    await type(form, 'f-level', '90');
    equal(control(form, 'f-level').getAttribute('aria-invalid'), 'false');
    deepEqual(form.value, { level: 90, mode: 'auto', name: 'lamps' });
    deepEqual(changes, [false, true]);
  });

  it('shows errors of untouched fields only after reportValidity, and focuses the first', async () => {
    const form = await mount();
    equal(control(form, 'f-name').getAttribute('aria-invalid'), 'false', 'quiet before');
    equal(await form.reportValidity(), false);
    equal(control(form, 'f-name').getAttribute('aria-invalid'), 'true');
    includes(describedText(form, 'f-name'), 'Required.');
    equal(form.shadowRoot?.activeElement?.id, 'f-name');
    includes(form.shadowRoot?.querySelector('.summary')?.textContent, '1 problem');
  });

  it('adds and removes rows of a list, up to its maximum', async () => {
    const form = await mount();
    const add = () => form.shadowRoot?.querySelector<HTMLButtonElement>('#f-steps > button.add');
    add()?.click();
    await form.updateComplete;
    add()?.click();
    await form.updateComplete;
    equal(add()?.disabled, true, 'add at maxItems');
    await type(form, 'f-steps-0-at', '5');
    deepEqual((form.value as { steps: unknown }).steps, [{ at: 5 }, {}]);
    await type(form, 'f-name', 'x');
    await form.reportValidity();
    includes(describedText(form, 'f-steps-1-at'), 'Required.');
    form.shadowRoot?.querySelectorAll<HTMLButtonElement>('#f-steps button.remove')[1]?.click();
    await form.updateComplete;
    deepEqual((form.value as { steps: unknown }).steps, [{ at: 5 }]);
    equal(form.valid, true);
    includes(
      form.shadowRoot?.querySelector('#f-steps button.remove')?.getAttribute('aria-label'),
      'Remove Step 1',
    );
  });

  it('speaks Simplified Chinese', async () => {
    setLocale('zh-CN');
    const form = await mount();
    await type(form, 'f-level', '101');
    includes(describedText(form, 'f-level'), '不能大于 100。');
  });

  it('is not valid until its validator is loaded, then loads it from a module URL', async () => {
    const form = await mount(null);
    equal(form.valid, false);
    ok(form.shadowRoot?.querySelector('.loading'), 'says it is loading');
    const source = 'export default function validate(v) { validate.errors = null; return true; }';
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    form.validatorUrl = url;
    await form.updateComplete;
    await form.validatorReady;
    equal(form.valid, true);
    equal(await loadConfigValidator(url), form.validator, 'loaded once per URL');
  });

  it('says so when the validator cannot be loaded', async () => {
    const form = await mount(null);
    form.validatorUrl = '/no-such-validator.js';
    await form.updateComplete;
    await form.validatorReady;
    await form.updateComplete;
    includes(form.shadowRoot?.querySelector('[role="alert"]')?.textContent, 'could not be loaded');
    equal(form.valid, false);
  });
});
