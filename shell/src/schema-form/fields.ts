/**
 * @module The controls of the settings form, drawn recursively in one shadow root (so that
 * `aria-describedby` can point at help and error texts): inputs, selects, check boxes, fieldsets
 * for nested objects, and lists with add/remove rows for arrays.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/index.ts';
import './messages.ts';
import {
  type FieldSchema,
  initialValue,
  kindOf,
  type PathStep,
  pointerOf,
  resolveRef,
  valueAt,
} from './json-schema.ts';

/** What drawing a field needs from the form. */
export interface FieldContext {
  root: FieldSchema;
  value: unknown;
  /** Error messages to show now for a JSON pointer (empty when valid or not yet touched). */
  shownErrors(pointer: string): string[];
  set(path: readonly PathStep[], next: unknown): void;
}

/** An element id for a path, unique within the form's shadow root. */
export function fieldId(path: readonly PathStep[]): string {
  return `f${path.map((s) => `-${encodeURIComponent(String(s)).replaceAll('%', '_')}`).join('')}`;
}

function help(id: string, schema: FieldSchema) {
  return schema.description
    ? html`<div class="help" id="${id}-help">${schema.description}</div>`
    : nothing;
}

function errorBox(id: string, errors: string[]) {
  return errors.length > 0
    ? html`<div class="error" id="${id}-err">${errors.map((e) => html`<span>${e}</span> `)}</div>`
    : nothing;
}

function describedBy(id: string, schema: FieldSchema, errors: string[]): string | typeof nothing {
  const ids = [schema.description ? `${id}-help` : '', errors.length > 0 ? `${id}-err` : ''].filter(
    Boolean,
  );
  return ids.length > 0 ? ids.join(' ') : nothing;
}

function label(id: string, text: string, required: boolean) {
  return html`<label for=${id}>${text}${required ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</label>`;
}

function numberOf(input: HTMLInputElement): number | undefined {
  // An empty or unparsable box is "not given"; the validator then says whether it must be.
  return input.value.trim() === '' || Number.isNaN(input.valueAsNumber)
    ? undefined
    : input.valueAsNumber;
}

function control(
  ctx: FieldContext,
  s: FieldSchema,
  path: readonly PathStep[],
  id: string,
  req: boolean,
  errs: string[],
) {
  const kind = kindOf(s);
  const value = valueAt(ctx.value, path);
  const inArray = typeof path.at(-1) === 'number';
  const aria = { invalid: errs.length > 0 ? 'true' : 'false', by: describedBy(id, s, errs) };
  switch (kind) {
    case 'boolean':
      return html`<input type="checkbox" id=${id} .checked=${value === true} aria-invalid=${aria.invalid}
        aria-describedby=${aria.by} @change=${(e: Event) => ctx.set(path, (e.target as HTMLInputElement).checked)} />`;
    case 'enum': {
      const options = s.enum ?? [];
      const chosen = options.indexOf(value);
      return html`<select id=${id} aria-required=${req ? 'true' : 'false'} aria-invalid=${aria.invalid}
        aria-describedby=${aria.by}
        @change=${(e: Event) => {
          const i = Number((e.target as HTMLSelectElement).value);
          ctx.set(path, i < 0 ? undefined : options[i]);
        }}>
        <option value="-1" ?selected=${chosen < 0}>${t('form.choose')}</option>
        ${options.map((o, i) => html`<option value=${i} ?selected=${i === chosen}>${String(o)}</option>`)}
      </select>`;
    }
    case 'number':
    case 'integer':
      return html`<input type="number" id=${id} inputmode=${kind === 'integer' ? 'numeric' : 'decimal'}
        step=${kind === 'integer' ? (s.multipleOf ?? 1) : (s.multipleOf ?? 'any')}
        min=${s.minimum ?? nothing} max=${s.maximum ?? nothing} .value=${typeof value === 'number' ? String(value) : ''}
        aria-required=${req ? 'true' : 'false'} aria-invalid=${aria.invalid} aria-describedby=${aria.by}
        @input=${(e: Event) => ctx.set(path, numberOf(e.target as HTMLInputElement))} />`;
    case 'string':
      return html`<input type="text" id=${id} .value=${typeof value === 'string' ? value : ''}
        maxlength=${s.maxLength ?? nothing} aria-required=${req ? 'true' : 'false'} aria-invalid=${aria.invalid}
        aria-describedby=${aria.by}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          ctx.set(path, text === '' && !inArray ? undefined : text);
        }} />`;
    default:
      return html`<textarea id=${id} rows="4" aria-invalid=${aria.invalid} aria-describedby=${aria.by}
        .value=${value === undefined ? '' : JSON.stringify(value, null, 2)}
        @input=${(e: Event) => {
          const text = (e.target as HTMLTextAreaElement).value;
          try {
            ctx.set(path, text.trim() === '' ? undefined : JSON.parse(text));
          } catch {
            ctx.set(path, text); // the validator reports the type; the box keeps what was typed
          }
        }}></textarea>`;
  }
}

function objectFields(ctx: FieldContext, s: FieldSchema, path: readonly PathStep[]) {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, child]) =>
    renderField(ctx, child, [...path, name], name, required.has(name)),
  );
}

function arrayRows(ctx: FieldContext, s: FieldSchema, path: readonly PathStep[], title: string) {
  const list = valueAt(ctx.value, path);
  const rows = Array.isArray(list) ? list : [];
  const items = resolveRef(ctx.root, s.items ?? {});
  const full = s.maxItems !== undefined && rows.length >= s.maxItems;
  const add = () => {
    const fresh = initialValue(ctx.root, items);
    ctx.set([...path, rows.length], fresh ?? (kindOf(items) === 'string' ? '' : fresh));
  };
  const remove = (i: number) =>
    ctx.set(
      path,
      rows.filter((_, j) => j !== i),
    );
  return html`<ol class="rows">
      ${rows.map(
        (_, i) => html`<li>
          ${renderField(ctx, items, [...path, i], `${items.title ?? title} ${i + 1}`, true)}
          <button type="button" class="remove" @click=${() => remove(i)}
            aria-label=${t('form.remove-row', { what: `${items.title ?? title} ${i + 1}` })}>${t('form.remove')}</button>
        </li>`,
      )}
    </ol>
    <button type="button" class="add" ?disabled=${full} @click=${add}>${t('form.add', { what: items.title ?? title })}</button>`;
}

/**
 * One field for `schema` at `path`, labelled with its `title` (else `name`), its `description`
 * as help, and the errors to show now; nested objects become fieldsets, arrays lists of rows.
 */
export function renderField(
  ctx: FieldContext,
  schema: FieldSchema,
  path: readonly PathStep[],
  name: string,
  required: boolean,
): TemplateResult {
  const s = resolveRef(ctx.root, schema);
  const id = fieldId(path);
  const title = s.title ?? name;
  const errs = ctx.shownErrors(pointerOf(path));
  const kind = kindOf(s);
  if (kind === 'object' || kind === 'array') {
    return html`<fieldset id=${id} class=${kind} aria-invalid=${errs.length > 0 ? 'true' : 'false'}
      aria-describedby=${describedBy(id, s, errs)}>
      <legend>${title}${required && path.length > 0 ? html`<span class="req" aria-hidden="true"> *</span>` : nothing}</legend>
      ${help(id, s)} ${errorBox(id, errs)}
      ${kind === 'object' ? objectFields(ctx, s, path) : arrayRows(ctx, s, path, title)}
    </fieldset>`;
  }
  return html`<div class="field ${kind}">
    ${label(id, title, required)} ${control(ctx, s, path, id, required, errs)} ${help(id, s)} ${errorBox(id, errs)}
  </div>`;
}
