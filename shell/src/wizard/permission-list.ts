/**
 * @module `<heng-permission-list>`: a plugin's permissions in plain words with the vendor's
 * reasons, or, on upgrade, only the difference the hub reported.
 */
import type { Permission } from '@heng/schemas';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { LocaleController, t } from '../i18n/index.ts';
import { atomWords, describePermission, listWords, permissionTitle } from './permission-words.ts';

/** One capability whose scope changed, as the hub's `consent_required` body carries it. */
export interface ScopeChange {
  capability: string;
  atoms: string[];
}

/** The hub's `difference` from the installed permissions to the ones asked for. */
export interface PermissionDifference {
  added: Permission[];
  removed: Permission[];
  widened: ScopeChange[];
  narrowed: ScopeChange[];
}

/**
 * Lists permissions as sentences. Set `permissions` for an install, or `difference` for an
 * upgrade (then only what changed is shown).
 *
 * @example
 * html`<heng-permission-list .permissions=${pkg.permissions}></heng-permission-list>`
 */
export class HengPermissionList extends LitElement {
  static override properties = {
    permissions: { attribute: false },
    difference: { attribute: false },
  };

  declare permissions: Permission[];
  declare difference: PermissionDifference | undefined;

  static override styles = css`
    :host { display: block; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 0.5rem 0; border-bottom: 1px solid #d0d5dd; }
    li:last-child { border-bottom: none; }
    .title { font-weight: 600; display: block; }
    .reason { color: #344054; font-style: italic; display: block; margin-top: 0.25rem; }
    h3 { font-size: 1rem; margin: 1rem 0 0.25rem; }
  `;

  constructor() {
    super();
    this.permissions = [];
    this.difference = undefined;
    new LocaleController(this);
  }

  override render(): TemplateResult {
    return this.difference
      ? this.#renderDifference(this.difference)
      : this.#renderList(this.permissions);
  }

  #renderList(list: readonly Permission[]): TemplateResult {
    if (list.length === 0) return html`<p>${t('perm.list.empty')}</p>`;
    return html`<ul aria-label=${t('perm.list.label')}>
      ${list.map(
        (p) => html`<li data-capability=${p.capability}>
          <span class="title">${permissionTitle(p.capability)}</span>
          <span class="say">${describePermission(p)}</span>
          ${p.reason ? html`<span class="reason">${t('perm.reason', { reason: p.reason })}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
  }

  #renderChanges(changes: readonly ScopeChange[], key: 'widened-one' | 'narrowed-one') {
    return html`<ul>
      ${changes.map(
        (c) => html`<li data-capability=${c.capability}>
          ${t(`perm.diff.${key}`, {
            title: permissionTitle(c.capability),
            atoms: listWords(c.atoms.map((a) => atomWords(c.capability, a))),
          })}
        </li>`,
      )}
    </ul>`;
  }

  #renderDifference(d: PermissionDifference): TemplateResult {
    const section = (key: string, body: TemplateResult) =>
      html`<section class=${key}><h3>${t(`perm.diff.${key}`)}</h3>${body}</section>`;
    const grows = d.added.length > 0 || d.widened.length > 0;
    return html`
      ${grows ? nothing : html`<p class="none">${t('perm.diff.none')}</p>`}
      ${d.added.length > 0 ? section('added', this.#renderList(d.added)) : nothing}
      ${d.widened.length > 0 ? section('widened', this.#renderChanges(d.widened, 'widened-one')) : nothing}
      ${
        d.removed.length > 0
          ? section(
              'removed',
              html`<ul>${d.removed.map((p) => html`<li data-capability=${p.capability}>${permissionTitle(p.capability)}</li>`)}</ul>`,
            )
          : nothing
      }
      ${d.narrowed.length > 0 ? section('narrowed', this.#renderChanges(d.narrowed, 'narrowed-one')) : nothing}
    `;
  }
}

if (!customElements.get('heng-permission-list'))
  customElements.define('heng-permission-list', HengPermissionList);

declare global {
  interface HTMLElementTagNameMap {
    'heng-permission-list': HengPermissionList;
  }
}
