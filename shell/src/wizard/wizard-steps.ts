/**
 * @module The install wizard's steps as templates over one view of its state: the package and
 * who signed it, the permissions with the consent box, the settings form, the sites, and the
 * review.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/index.ts';
import type { SettingsChange } from '../schema-form/index.ts';
import '../schema-form/index.ts';
import { HUB_PLACE, isHubPlace } from '../api/index.ts';
import { hubConsentNote } from './hub-consent.ts';
import type { CatalogEntry, WizardSite } from './install-request.ts';
import type { PermissionDifference } from './permission-list.ts';
import './permission-list.ts';
import { type Places, placeName, placeNames } from './places.ts';
import './wizard-messages.ts';

/** The wizard's steps, in order; which ones run depends on the mode. */
export type StepName = 'package' | 'permissions' | 'config' | 'sites' | 'review';

/** What the step templates read and call. */
export interface StepView {
  pkg: CatalogEntry;
  /** Where the package may run (its `runsOn`). */
  places: Places;
  mode: 'install' | 'upgrade';
  installedVersion: string | undefined;
  difference: PermissionDifference | undefined;
  consent: boolean;
  sites: readonly WizardSite[];
  chosen: ReadonlySet<string>;
  /** On upgrade: the place of the install, a site or the hub. */
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
    ${
      (upgrade ? isHubPlace(v.site) : v.places.hub)
        ? hubConsentNote(v.pkg.permissions, v.sites, !upgrade && v.places.edge)
        : nothing
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

function siteBox(v: StepView, id: string, label: string, note?: string): TemplateResult {
  return html`<div class="site">
    <input type="checkbox" id="site-${id}" .checked=${v.chosen.has(id)}
      aria-describedby=${note ? `site-${id}-note` : nothing}
      @change=${(e: Event) => v.onSite(id, (e.target as HTMLInputElement).checked)} />
    <label for="site-${id}">${label}</label>
    ${note ? html`<p class="note" id="site-${id}-note">${note}</p>` : nothing}
  </div>`;
}

/** The place step: the hub when the package runs there, field sites when it runs at the edge. */
function sitesStep(v: StepView): TemplateResult {
  const { hub, edge } = v.places;
  if (!hub && v.sites.length === 0)
    return html`<p class="error" role="alert">${t('wizard.sites.empty')}</p>`;
  const missing = v.showNeeds && v.chosen.size === 0;
  const sites = v.sites.map((s) => siteBox(v, s.id, s.name ? `${s.name} (${s.id})` : s.id));
  return html`
    <fieldset aria-invalid=${missing ? 'true' : 'false'} aria-describedby=${missing ? 'sites-err' : nothing}>
      <legend>${hub ? t('wizard.places.legend') : t('wizard.sites.legend')}</legend>
      ${hub ? siteBox(v, HUB_PLACE, t('wizard.places.hub'), t('wizard.places.hub-note')) : nothing}
      ${edge ? sites : nothing}
      ${hub && edge && v.sites.length === 0 ? html`<p class="note">${t('wizard.places.no-sites')}</p>` : nothing}
    </fieldset>
    ${edge ? nothing : html`<p class="note">${t('wizard.places.hub-only')}</p>`}
    ${missing ? html`<p class="error" id="sites-err" role="alert">${t(hub ? 'wizard.places.none' : 'wizard.sites.none')}</p>` : nothing}
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
        ? row(t('wizard.review.site'), placeName(v.site ?? ''))
        : row(t(v.places.hub ? 'wizard.step.places' : 'wizard.review.sites'), placeNames(v.chosen))
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
