/** @module Users and organisations: lists for readers, creation forms for administrators. */
import type { Organisation, User } from '@heng/schemas';
import { html, LitElement } from 'lit';
import { ApiError } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import { may, type ShellContext } from '../session/index.ts';
import { sharedStyles } from '../theme/index.ts';
import './messages.ts';
import { orgForm, userForm } from './party-forms.ts';

/** `<heng-parties>`. */
export class PartiesView extends LitElement {
  static override properties = {
    ctx: { attribute: false },
    orgs: { state: true },
    users: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [sharedStyles];

  declare ctx: ShellContext;
  declare orgs: Organisation[] | null;
  declare users: User[] | null;
  declare error: string;
  declare done: string;

  constructor() {
    super();
    new LocaleController(this);
    this.orgs = null;
    this.users = null;
    this.error = '';
    this.done = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const [{ organisations }, { users }] = await Promise.all([
        this.ctx.api.get<{ organisations: Organisation[] }>('/api/organisations'),
        this.ctx.api.get<{ users: User[] }>('/api/users'),
      ]);
      this.orgs = organisations;
      this.users = users;
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  /** Sends a creation form; on success shows what was made (a generated password once). */
  async #create(path: string, body: Record<string, unknown>, form: HTMLFormElement): Promise<void> {
    this.error = '';
    this.done = '';
    try {
      const created = await this.ctx.api.post<{ password?: string }>(path, body);
      this.done = created.password
        ? t('parties.password', { id: String(body['id']), password: created.password })
        : t('parties.created', { id: String(body['id']) });
      form.reset();
      await this.#load();
    } catch (err) {
      this.error = err instanceof ApiError ? err.friendly : String(err);
    }
  }

  override render() {
    const write = may(this.ctx.me, 'parties:write');
    const create = (path: string) => (body: Record<string, unknown>, form: HTMLFormElement) =>
      this.#create(path, body, form);
    return html`<h1>${t('parties.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.done ? html`<p class="ok" role="status">${this.done}</p>` : ''}
      <section aria-labelledby="orgs"><h2 id="orgs">${t('parties.organisations')}</h2>
        ${this.orgs === null ? html`<p role="status">${t('parties.loading')}</p>` : this.#orgTable(this.orgs)}
        ${write ? orgForm(create('/api/organisations')) : ''}
      </section>
      <section aria-labelledby="users"><h2 id="users">${t('parties.users')}</h2>
        ${this.users === null ? '' : this.#userTable(this.users)}
        ${write ? userForm(this.orgs ?? [], create('/api/users')) : ''}
      </section>`;
  }

  #orgTable(orgs: Organisation[]) {
    return html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('parties.id')}</th><th scope="col">${t('parties.name')}</th>
        <th scope="col">${t('parties.kind')}</th></tr></thead>
      <tbody>${orgs.map((o) => html`<tr><td>${o.id}</td><td>${o.name}</td><td>${t(`parties.${o.kind}`)}</td></tr>`)}</tbody>
    </table></div>`;
  }

  #userTable(users: User[]) {
    return html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">${t('parties.id')}</th><th scope="col">${t('parties.name')}</th>
        <th scope="col">${t('parties.organisation')}</th><th scope="col">${t('parties.roles')}</th>
        <th scope="col">${t('parties.clearance')}</th><th scope="col">${t('parties.state')}</th></tr></thead>
      <tbody>${users.map(
        (u) => html`<tr><td>${u.id}</td><td>${u.name}</td><td>${u.organisation}</td>
          <td>${u.roles.join(', ')}</td><td>${u.clearance}</td>
          <td>${u.disabled ? t('parties.disabled') : t('parties.enabled')}</td></tr>`,
      )}</tbody>
    </table></div>`;
  }
}

customElements.define('heng-parties', PartiesView);
