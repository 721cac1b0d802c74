/**
 * @module `<heng-schema-form>`: a plugin's settings form drawn from its JSON Schema, validated as
 * the user types by the validator module the hub compiled for it (no eval in the page).
 */
import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { LocaleController, t } from '../i18n/index.ts';
import { errorsByPointer, type SettingsValidator } from './error-words.ts';
import { type FieldContext, renderField } from './fields.ts';
import { type FieldSchema, initialValue, type PathStep, pointerOf, setAt } from './json-schema.ts';
import './messages.ts';
import { loadConfigValidator } from './validator-loader.ts';

/** Detail of the `heng-settings-change` event, sent after every edit. */
export interface SettingsChange {
  value: unknown;
  valid: boolean;
}

/**
 * The settings form. Give it `schema` and either `validatorUrl` (the hub's validator module) or
 * a `validator`; read `value` and `valid`. Messages show next to a field once it was edited,
 * and for every field after {@link HengSchemaForm.reportValidity}.
 *
 * @example
 * html`<heng-schema-form .schema=${pkg.configSchema} validator-url=${url}
 *   @heng-settings-change=${(e) => (this.ok = e.detail.valid)}></heng-schema-form>`
 */
export class HengSchemaForm extends LitElement {
  static override properties = {
    schema: { attribute: false },
    value: { attribute: false },
    validator: { attribute: false },
    validatorUrl: { attribute: 'validator-url' },
    showAllErrors: { type: Boolean, attribute: 'show-all-errors' },
    loadError: { state: true },
  };

  declare schema: FieldSchema | undefined;
  /** The settings as edited; starts from the schema's defaults when not set. */
  declare value: unknown;
  declare validator: SettingsValidator | undefined;
  declare validatorUrl: string | undefined;
  /** Show every error, not only those of fields edited so far. */
  declare showAllErrors: boolean;
  declare loadError: string | undefined;

  #touched = new Set<string>();
  #errors: Map<string, string[]> | undefined;
  #loading: Promise<void> = Promise.resolve();

  static override styles = css`
    :host { display: block; }
    fieldset { border: 1px solid #d0d5dd; border-radius: 4px; margin: 0.5rem 0; padding: 0.5rem 0.75rem; }
    legend { font-weight: 600; }
    .field { margin: 0.5rem 0; display: grid; gap: 0.25rem; }
    label { font-weight: 600; }
    .help { color: #475467; font-size: 0.875rem; }
    .error, .summary { color: #b42318; font-size: 0.875rem; }
    [aria-invalid='true'] { border-color: #b42318; outline-color: #b42318; }
    input, select, textarea, button { font: inherit; }
    input:focus-visible, select:focus-visible, textarea:focus-visible, button:focus-visible {
      outline: 3px solid #1570ef; outline-offset: 1px;
    }
    ol.rows { padding-left: 1.25rem; }
    ol.rows > li { display: flex; gap: 0.5rem; align-items: end; flex-wrap: wrap; }
  `;

  constructor() {
    super();
    this.schema = undefined;
    this.value = undefined;
    this.validator = undefined;
    this.validatorUrl = undefined;
    this.showAllErrors = false;
    this.loadError = undefined;
    new LocaleController(this);
  }

  /** True when the validator is loaded and accepts the value. */
  get valid(): boolean {
    return this.validator !== undefined && this.#check().size === 0;
  }

  /** Settles when the validator named by `validatorUrl` is loaded (or failed to load). */
  get validatorReady(): Promise<void> {
    return this.#loading;
  }

  /** Every current error by JSON pointer, shown or not. */
  get errors(): ReadonlyMap<string, string[]> {
    return this.#check();
  }

  /** Shows every error, moves focus to the first invalid field, and says whether all is valid. */
  async reportValidity(): Promise<boolean> {
    this.showAllErrors = true;
    await this.updateComplete;
    // The first invalid control in document order, else the summary (an error with no field).
    const first =
      this.renderRoot.querySelector<HTMLElement>(
        'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"]',
      ) ?? this.renderRoot.querySelector<HTMLElement>('.summary');
    first?.focus();
    return this.valid;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('schema') && this.schema && this.value === undefined)
      this.value = initialValue(this.schema);
    if (changed.has('validatorUrl') && this.validatorUrl) this.#load(this.validatorUrl);
    if (changed.has('value') || changed.has('validator')) this.#errors = undefined;
  }

  #load(url: string): void {
    this.loadError = undefined;
    this.#loading = loadConfigValidator(url).then(
      (validator) => {
        if (this.validatorUrl !== url) return;
        this.validator = validator;
        this.#emit();
      },
      (err: unknown) => {
        if (this.validatorUrl === url)
          this.loadError = err instanceof Error ? err.message : String(err);
      },
    );
  }

  #check(): Map<string, string[]> {
    if (this.#errors) return this.#errors;
    const validate = this.validator;
    // The validator mutates nothing without useDefaults, so the form's value can go in as it is.
    this.#errors = !validate || validate(this.value) ? new Map() : errorsByPointer(validate.errors);
    return this.#errors;
  }

  #emit(): void {
    const detail: SettingsChange = { value: this.value, valid: this.valid };
    this.dispatchEvent(
      new CustomEvent('heng-settings-change', { detail, bubbles: true, composed: true }),
    );
  }

  #set = (path: readonly PathStep[], next: unknown): void => {
    this.#touched.add(pointerOf(path));
    this.value = setAt(this.value, path, next);
    this.#errors = undefined;
    this.#emit();
  };

  override render(): TemplateResult {
    if (!this.schema) return html``;
    const errors = this.#check();
    const shown = (pointer: string) =>
      this.showAllErrors || this.#touched.has(pointer) ? (errors.get(pointer) ?? []) : [];
    const ctx: FieldContext = {
      root: this.schema,
      value: this.value,
      shownErrors: shown,
      set: this.#set,
    };
    const all = [...errors.values()].flat();
    return html`
      ${this.loadError ? html`<p class="error" role="alert">${t('form.load-failed', { reason: this.loadError })}</p>` : nothing}
      ${!this.validator && !this.loadError ? html`<p class="loading" role="status">${t('form.loading')}</p>` : nothing}
      ${
        this.showAllErrors && all.length > 0
          ? html`<div class="summary" role="alert" tabindex="-1">${t('form.summary', { count: all.length })}
              <ul>${[...errors].map(([pointer, msgs]) => html`<li><code>${pointer || '/'}</code> ${msgs.join(' ')}</li>`)}</ul></div>`
          : nothing
      }
      <p class="help">${t('form.required-note')}</p>
      ${renderField(ctx, this.schema, [], t('form.settings'), false)}
    `;
  }
}

if (!customElements.get('heng-schema-form'))
  customElements.define('heng-schema-form', HengSchemaForm);

declare global {
  interface HTMLElementTagNameMap {
    'heng-schema-form': HengSchemaForm;
  }
  interface HTMLElementEventMap {
    'heng-settings-change': CustomEvent<SettingsChange>;
  }
}
