/**
 * @module `<heng-install-wizard>`: install a catalog package at sites, or upgrade one site's
 * install, step by step: package and signer, permissions and consent, settings, sites, review.
 * It sends nothing the settings form calls invalid, and shows the hub's refusals in the user's
 * language; an upgrade shows only the permissions that change.
 */
import type { AppInstall } from '@heng/schemas';
import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import { type ApiClient, HUB_PLACE } from '../api/index.ts';
import { LocaleController, t } from '../i18n/index.ts';
import {
  configValidatorUrl,
  type HengSchemaForm,
  type SettingsChange,
} from '../schema-form/index.ts';
import {
  type CatalogEntry,
  differenceOf,
  refusalWords,
  sendInstall,
  sendUpgrade,
  type WizardSite,
} from './install-request.ts';
import type { PermissionDifference } from './permission-list.ts';
import { installedWords, placeName, placesOf } from './places.ts';
import { renderFrame, type WizardMessage } from './wizard-frame.ts';
import { renderStep, type StepName, type StepView } from './wizard-steps.ts';
import { wizardStyles } from './wizard-styles.ts';

/** Detail of `heng-install-done`: the install records the hub wrote. */
export interface InstallDone {
  installs: AppInstall[];
}

/**
 * The install wizard. Set `api`, `pkg` and `sites` to install; for an upgrade set
 * `mode="upgrade"`, `site`, `installedVersion` and `settings` (the current ones). It fires
 * `heng-install-done` when the hub accepted, and `heng-wizard-cancel` on Cancel.
 *
 * @example
 * html`<heng-install-wizard .api=${api} .pkg=${entry} .sites=${sites}
 *   @heng-install-done=${() => router.go('/apps')}></heng-install-wizard>`
 */
export class HengInstallWizard extends LitElement {
  static override properties = {
    api: { attribute: false },
    pkg: { attribute: false },
    sites: { attribute: false },
    mode: {},
    site: {},
    installedVersion: { attribute: 'installed-version' },
    settings: { attribute: false },
    difference: { attribute: false },
    validatorUrl: { attribute: 'validator-url' },
    step: { state: true },
    consent: { state: true },
    chosen: { state: true },
    busy: { state: true },
    message: { state: true },
    done: { state: true },
    showNeeds: { state: true },
  };

  declare api: ApiClient | undefined;
  declare pkg: CatalogEntry | undefined;
  declare sites: WizardSite[];
  declare mode: 'install' | 'upgrade';
  declare site: string | undefined;
  declare installedVersion: string | undefined;
  /** The settings as edited (for an upgrade, start from the installed ones). */
  declare settings: unknown;
  /** On upgrade: what the hub said changes; set from its `consent_required` answer. */
  declare difference: PermissionDifference | undefined;
  /** Where the settings validator module is; the hub's route for the package when not set. */
  declare validatorUrl: string | undefined;
  declare step: number;
  declare consent: boolean;
  declare chosen: ReadonlySet<string>;
  declare busy: boolean;
  declare message: WizardMessage | undefined;
  declare done: boolean;
  declare showNeeds: boolean;
  #settingsValid = false;

  static override styles = wizardStyles;

  constructor() {
    super();
    Object.assign(this, {
      api: undefined,
      pkg: undefined,
      sites: [],
      mode: 'install',
      site: undefined,
    });
    Object.assign(this, {
      installedVersion: undefined,
      settings: undefined,
      difference: undefined,
    });
    this.validatorUrl = undefined;
    Object.assign(this, {
      step: 0,
      consent: false,
      chosen: new Set(),
      busy: false,
      message: undefined,
    });
    Object.assign(this, { done: false, showNeeds: false });
    new LocaleController(this);
  }

  /** The steps this wizard walks: an upgrade asks about permissions only when they grow. */
  get steps(): StepName[] {
    if (this.mode === 'upgrade')
      return this.difference
        ? ['package', 'permissions', 'config', 'review']
        : ['package', 'config', 'review'];
    return ['package', 'permissions', 'config', 'sites', 'review'];
  }

  /**
   * A package that runs only at the hub has one place to go: it is chosen already, and the
   * place step says why no site is offered.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('pkg') || this.mode !== 'install' || !this.pkg) return;
    const places = placesOf(this.pkg);
    if (places.hub && !places.edge) this.chosen = new Set([HUB_PLACE]);
  }

  get #current(): StepName {
    return this.steps[Math.min(this.step, this.steps.length - 1)] ?? 'package';
  }

  get #hasSettings(): boolean {
    const props = (this.pkg?.configSchema as { properties?: object } | undefined)?.properties;
    return props !== undefined && Object.keys(props).length > 0;
  }

  /** Whether the current step lets the user go on; shows what is missing when not. */
  async #stepDone(): Promise<boolean> {
    switch (this.#current) {
      case 'package':
        return !this.pkg?.revoked;
      case 'permissions':
        return this.consent;
      case 'sites':
        return this.chosen.size > 0;
      case 'config': {
        if (!this.#hasSettings) return true;
        const form = this.renderRoot.querySelector<HengSchemaForm>('heng-schema-form');
        if (!form) return false;
        // A quick Next must not find the settings invalid only because the validator is loading.
        await form.validatorReady;
        return form.reportValidity();
      }
      default:
        return true;
    }
  }

  async #go(step: number): Promise<void> {
    this.step = step;
    this.showNeeds = false;
    await this.updateComplete;
    // Move focus to the new step's heading, so keyboard and screen-reader users start there.
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #next = async (): Promise<void> => {
    if (!(await this.#stepDone())) {
      this.showNeeds = true;
      if (this.#current === 'config')
        this.message = { text: t('wizard.config.invalid'), error: true };
      return;
    }
    this.message = undefined;
    await this.#go(this.step + 1);
  };

  #submit = async (): Promise<void> => {
    const api = this.api;
    const pkg = this.pkg;
    if (!api || !pkg || this.busy) return;
    if (this.#hasSettings && !this.#settingsValid) {
      // Refuse here what the hub would refuse: back to the form, with every problem shown.
      this.message = { text: t('wizard.refused.settings'), error: true };
      await this.#go(this.steps.indexOf('config'));
      await this.renderRoot.querySelector<HengSchemaForm>('heng-schema-form')?.reportValidity();
      return;
    }
    const settings = this.#hasSettings ? this.settings : {};
    const chosen = [...this.chosen];
    const upgrade = this.mode === 'upgrade';
    this.busy = true;
    this.message = {
      text: upgrade
        ? t('wizard.upgrading', { site: placeName(this.site ?? '') })
        : t('wizard.installing', { count: chosen.length }),
      error: false,
    };
    try {
      const installs = upgrade
        ? [
            await sendUpgrade(
              api,
              this.site ?? '',
              pkg,
              settings,
              this.difference !== undefined && this.consent,
            ),
          ]
        : await sendInstall(api, pkg, chosen, settings);
      this.done = true;
      this.message = {
        text: upgrade
          ? t('wizard.upgraded', { version: pkg.plugin.version, site: placeName(this.site ?? '') })
          : installedWords(chosen),
        error: false,
      };
      this.dispatchEvent(
        new CustomEvent<InstallDone>('heng-install-done', {
          detail: { installs },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (err) {
      await this.#refused(err);
    } finally {
      this.busy = false;
    }
  };

  async #refused(err: unknown): Promise<void> {
    const issues = (err as { issues?: Array<{ path?: string; message?: string }> }).issues ?? [];
    this.message = {
      text: refusalWords(err),
      error: true,
      issues: issues.map((i) => `${i.path ?? ''} ${i.message ?? ''}`.trim()),
    };
    const difference = differenceOf(err);
    if (difference) {
      this.difference = this.mode === 'upgrade' ? difference : undefined;
      this.consent = false;
      await this.#go(this.steps.indexOf('permissions'));
    } else if ((err as { code?: string }).code === 'invalid_config') {
      await this.#go(this.steps.indexOf('config'));
    }
  }

  #view(pkg: CatalogEntry): StepView {
    return {
      pkg,
      places: placesOf(pkg),
      mode: this.mode,
      installedVersion: this.installedVersion,
      difference: this.difference,
      consent: this.consent,
      sites: this.sites,
      chosen: this.chosen,
      site: this.site,
      settings: this.settings,
      validatorUrl: this.validatorUrl ?? configValidatorUrl(pkg.plugin.id, pkg.plugin.version),
      hasSettings: this.#hasSettings,
      showNeeds: this.showNeeds,
      onConsent: (checked) => (this.consent = checked),
      onSite: (id, checked) => {
        const next = new Set(this.chosen);
        if (checked) next.add(id);
        else next.delete(id);
        this.chosen = next;
      },
      onSettings: (change: SettingsChange) => {
        this.settings = change.value;
        this.#settingsValid = change.valid;
        if (change.valid && this.message?.error) this.message = undefined;
      },
    };
  }

  override render(): TemplateResult {
    const pkg = this.pkg;
    if (!pkg) return html``;
    const upgrade = this.mode === 'upgrade';
    const current = this.#current;
    return renderFrame({
      title: upgrade
        ? t('wizard.title.upgrade', { name: pkg.name, version: pkg.plugin.version })
        : t('wizard.title.install', { name: pkg.name }),
      stepTitles: this.steps.map((s) => t(stepTitleKey(s, upgrade, placesOf(pkg).hub))),
      step: this.step,
      body: renderStep(current, this.#view(pkg)),
      busy: this.busy,
      done: this.done,
      message: this.message,
      submit:
        current === 'review'
          ? { label: t(upgrade ? 'wizard.upgrade' : 'wizard.install'), enabled: !pkg.revoked }
          : undefined,
      onCancel: () =>
        this.dispatchEvent(
          new CustomEvent('heng-wizard-cancel', { bubbles: true, composed: true }),
        ),
      onBack: () => this.#go(this.step - 1),
      onNext: this.#next,
      onSubmit: this.#submit,
    });
  }
}

/** A step's title: the place step says "Where it runs" when the hub is one of the places. */
function stepTitleKey(step: StepName, upgrade: boolean, atHub: boolean): string {
  if (step === 'review' && upgrade) return 'wizard.step.review-upgrade';
  if (step === 'sites' && atHub) return 'wizard.step.places';
  return `wizard.step.${step}`;
}

if (!customElements.get('heng-install-wizard'))
  customElements.define('heng-install-wizard', HengInstallWizard);

declare global {
  interface HTMLElementTagNameMap {
    'heng-install-wizard': HengInstallWizard;
  }
}
