/**
 * @module The install wizard's steps as templates over one view of its state: the package and
 * who signed it, the permissions with the consent box, the settings form, the sites, and the
 * review.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/index.ts';
import type { SettingsChange } from '../schema-form/index.ts';
import '../schema-form/index.ts';
import type { CatalogEntry, WizardSite } from './install-request.ts';
import type { PermissionDifference } from './permission-list.ts';
import './permission-list.ts';
import './wizard-messages.ts';

/** The wizard's steps, in order; which ones run depends on the mode. */
export type StepName = 'package' | 'permissions' | 'config' | 'sites' | 'review';

/** What the step templates read and call. */
export interface StepView {
  pkg: CatalogEntry;
  mode: 'install' | 'upgrade';
  installedVersion: string | undefined;
  difference: PermissionDifference | undefined;
  consent: boolean;
  sites: readonly WizardSite[];
  chosen: ReadonlySet<string>;
  site: string | undefined;
  settings: unknown;
  validatorUrl: string;
  hasSettings: boolean;
  /** Show what is missing on this step (set after Next was refused). */
  showNeeds: boolean;
  onConsent(checked: boolean): void;
  onSite(id: string, checked: boolean): void;
  onSettings(change: SettingsChange): void;
}

const row = (term: string, detail: unknown) => html`<dt>${term}</dt><dd>${detail}</dd>`;

function packageStep(v: StepView): TemplateResult {
  const p = v.pkg;
  return html`
    ${p.description ? html`<p>${p.description}</p>` : nothing}
    <dl class="facts">
      ${row(t('wizard.pkg.name'), p.name)} ${row(t('wizard.pkg.id'), html`<code>${p.plugin.id}</code>`)}
      ${v.installedVersion ? row(t('wizard.pkg.from'), v.installedVersion) : nothing}
      ${row(t('wizard.pkg.version'), p.plugin.version)}
      ${row(t('wizard.pkg.vendor'), p.vendor?.name ?? t('wizard.pkg.vendor-unknown'))}
      ${p.panels?.length ? row(t('wizard.pkg.panels'), p.panels.map((x) => x.title).join(', ')) : nothing}
      ${row(t('wizard.pkg.signer'), html`<code class="key">${p.keyId}</code>`)}
      ${row(t('wizard.pkg.digest'), html`<code class="digest">${p.plugin.digest}</code>`)}
    </dl>
    ${p.publisher && p.publishedAt ? html`<p>${t('wizard.pkg.publisher', { who: p.publisher, at: new Date(p.publishedAt).toLocaleString() })}</p>` : nothing}
    <p class="note">${t('wizard.pkg.signer-note')}</p>
    ${p.revoked ? html`<p class="error" role="alert">${t('wizard.pkg.revoked', { reason: p.revoked.reason })}</p>` : nothing}
  `;
}

function permissionsStep(v: StepView): TemplateResult {
  const upgrade = v.mode === 'upgrade';
  return html`
    <p>${upgrade ? t('wizard.perm.intro-upgrade') : t('wizard.perm.intro')}</p>
    ${
      upgrade
        ? html`<heng-permission-list .difference=${v.difference}></heng-permission-list>`
        : html`<heng-permission-list .permissions=${v.pkg.permissions}></heng-permission-list>`
    }
    <p class="consent">
      <input type="checkbox" id="consent" .checked=${v.consent} aria-required="true"
        aria-invalid=${v.showNeeds && !v.consent ? 'true' : 'false'}
        aria-describedby=${v.showNeeds && !v.consent ? 'consent-err' : nothing}
        @change=${(e: Event) => v.onConsent((e.target as HTMLInputElement).checked)} />
      <label for="consent">${t('wizard.perm.consent')}</label>
    </p>
    ${v.showNeeds && !v.consent ? html`<p class="error" id="consent-err" role="alert">${t('wizard.perm.consent-needed')}</p>` : nothing}
  `;
}

function configStep(v: StepView): TemplateResult {
  if (!v.hasSettings) return html`<p>${t('wizard.config.none')}</p>`;
  return html`
    <p>${t('wizard.config.intro')}</p>
    <heng-schema-form .schema=${v.pkg.configSchema} .value=${v.settings} validator-url=${v.validatorUrl}
      @heng-settings-change=${(e: CustomEvent<SettingsChange>) => v.onSettings(e.detail)}></heng-schema-form>
  `;
}

function sitesStep(v: StepView): TemplateResult {
  if (v.sites.length === 0)
    return html`<p class="error" role="alert">${t('wizard.sites.empty')}</p>`;
  const missing = v.showNeeds && v.chosen.size === 0;
  return html`
    <fieldset aria-invalid=${missing ? 'true' : 'false'} aria-describedby=${missing ? 'sites-err' : nothing}>
      <legend>${t('wizard.sites.legend')}</legend>
      ${v.sites.map(
        (s) => html`<div class="site">
          <input type="checkbox" id="site-${s.id}" .checked=${v.chosen.has(s.id)}
            @change=${(e: Event) => v.onSite(s.id, (e.target as HTMLInputElement).checked)} />
          <label for="site-${s.id}">${s.name ? `${s.name} (${s.id})` : s.id}</label>
        </div>`,
      )}
    </fieldset>
    ${missing ? html`<p class="error" id="sites-err" role="alert">${t('wizard.sites.none')}</p>` : nothing}
  `;
}

function reviewStep(v: StepView): TemplateResult {
  const granted =
    v.mode === 'upgrade' && !v.difference
      ? t('wizard.review.no-new-permissions')
      : t('wizard.review.permissions-count', { count: v.pkg.permissions.length });
  return html`<dl class="facts">
    ${row(t('wizard.pkg.name'), `${v.pkg.name} ${v.pkg.plugin.version}`)}
    ${
      v.mode === 'upgrade'
        ? row(t('wizard.review.site'), v.site)
        : row(t('wizard.review.sites'), [...v.chosen].join(', '))
    }
    ${row(t('wizard.review.permissions'), granted)}
    ${row(t('wizard.review.settings'), html`<pre>${JSON.stringify(v.settings ?? {}, null, 2)}</pre>`)}
  </dl>`;
}

/** The body of one step. */
export function renderStep(step: StepName, v: StepView): TemplateResult {
  switch (step) {
    case 'package':
      return packageStep(v);
    case 'permissions':
      return permissionsStep(v);
    case 'config':
      return configStep(v);
    case 'sites':
      return sitesStep(v);
    case 'review':
      return reviewStep(v);
  }
}
