/**
 * @module What the permissions step adds for an app that runs at the hub: that it runs at the
 * management centre, and for each command permission how far it reaches (every site whose points
 * match its patterns, named among the sites registered now) and the vendor's reason, which the
 * hub's manifest checker requires on such a permission.
 */
import type { Permission } from '@heng/schemas';
import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/index.ts';
import type { WizardSite } from './install-request.ts';
import { describePermission, listWords } from './permission-words.ts';
import './wizard-messages.ts';

type CommandPermission = Extract<Permission, { capability: 'command:write' }>;

/** The registered sites a command permission's point patterns reach (`+` and `#` reach all). */
export function sitesReached(p: CommandPermission, sites: readonly WizardSite[]): string[] {
  const patterns = p.points.map((point) => point.split('/')[0] ?? '#');
  if (patterns.some((s) => s === '+' || s === '#')) return sites.map((s) => s.id);
  return sites.filter((s) => patterns.includes(s.id)).map((s) => s.id);
}

function commandItem(p: CommandPermission, sites: readonly WizardSite[]): TemplateResult {
  const reached = sitesReached(p, sites);
  return html`<li data-capability="command:write">
    <span class="say">${describePermission(p)}</span>
    ${
      sites.length === 0
        ? nothing
        : html`<span class="reach">${
            reached.length
              ? t('wizard.hub.reach', { sites: listWords(reached) })
              : t('wizard.hub.reach-none')
          }</span>`
    }
    ${
      p.reason
        ? html`<span class="reason">${t('perm.reason', { reason: p.reason })}</span>`
        : html`<span class="error">${t('wizard.hub.no-reason')}</span>`
    }
  </li>`;
}

/**
 * The notice for a hub app's consent. `alsoEdge` when the package may run at sites too, so the
 * notice says it is about the hub; `sites` are the registered sites, to name what a pattern reaches.
 */
export function hubConsentNote(
  permissions: readonly Permission[],
  sites: readonly WizardSite[],
  alsoEdge: boolean,
): TemplateResult {
  const commands = permissions.filter(
    (p): p is CommandPermission => p.capability === 'command:write',
  );
  return html`<section class="hub-note" aria-labelledby="hub-note-title">
    <h3 id="hub-note-title">${t('wizard.hub.title')}</h3>
    <p>${alsoEdge ? t('wizard.hub.intro-both') : t('wizard.hub.intro')}</p>
    ${
      commands.length
        ? html`<p>${t('wizard.hub.commands')}</p>
            <ul>${commands.map((p) => commandItem(p, sites))}</ul>`
        : html`<p>${t('wizard.hub.no-commands')}</p>`
    }
  </section>`;
}
