/** @module The forms that create an organisation and a user; the hub validates them again. */
import type { Organisation } from '@heng/schemas';
import { DATA_CLASSES } from '@heng/schemas/data-classes';
import { html } from 'lit';
import { t } from '../i18n/index.ts';

type Submit = (body: Record<string, unknown>, form: HTMLFormElement) => void;

const ID_PATTERN = '[a-z][a-z0-9_\\-]{0,62}';
const ORG_KINDS = ['department', 'enterprise', 'social-organisation', 'public'] as const;
const ROLES = ['administrator', 'operator', 'technician', 'vendor', 'viewer', 'resident'] as const;

function submitWith(onSubmit: Submit, toBody: (data: FormData) => Record<string, unknown>) {
  return (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (!form.reportValidity()) return;
    onSubmit(toBody(new FormData(form)), form);
  };
}

/** The "new organisation" form. */
export function orgForm(onSubmit: Submit) {
  return html`<form class="row" aria-label=${t('parties.newOrg')} @submit=${submitWith(
    onSubmit,
    (d) => ({
      id: String(d.get('id')),
      name: String(d.get('name')),
      kind: String(d.get('kind')),
    }),
  )}>
    <label>${t('parties.id')}<input name="id" required pattern=${ID_PATTERN} title=${t('parties.idHint')} /></label>
    <label>${t('parties.name')}<input name="name" required /></label>
    <label>${t('parties.kind')}<select name="kind">
      ${ORG_KINDS.map((k) => html`<option value=${k}>${t(`parties.${k}`)}</option>`)}
    </select></label>
    <button type="submit">${t('parties.create')}</button>
  </form>`;
}

/** The "new user" form; the hub generates the password and returns it once. */
export function userForm(orgs: readonly Organisation[], onSubmit: Submit) {
  return html`<form class="row" aria-label=${t('parties.newUser')} @submit=${submitWith(
    onSubmit,
    (d) => ({
      id: String(d.get('id')),
      name: String(d.get('name')),
      organisation: String(d.get('organisation')),
      roles: d.getAll('roles').map(String),
      clearance: String(d.get('clearance')),
    }),
  )}>
    <label>${t('parties.id')}<input name="id" required pattern="[a-z][a-z0-9_.\\-]{0,62}" /></label>
    <label>${t('parties.name')}<input name="name" required /></label>
    <label>${t('parties.organisation')}<select name="organisation" required>
      ${orgs.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
    </select></label>
    <label>${t('parties.roles')}<select name="roles" multiple required size="3">
      ${ROLES.map((r) => html`<option value=${r} ?selected=${r === 'viewer'}>${r}</option>`)}
    </select></label>
    <label>${t('parties.clearance')}<select name="clearance">
      ${DATA_CLASSES.map((c) => html`<option value=${c} ?selected=${c === 'internal'}>${c}</option>`)}
    </select></label>
    <button type="submit">${t('parties.create')}</button>
  </form>`;
}
