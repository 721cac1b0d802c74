/** @module One installed app as a table row: versions, wanted and reported state, and its actions. */
import { html, nothing } from 'lit';
import { hasMessage, t } from '../i18n/index.ts';
import { type AppAction, errorText, grantedPanels, type SiteApp } from './app-actions.ts';
import './messages.ts';
import type { PlaceWords } from './place-words.ts';

/** What a row can ask its view to do. */
export interface RowHandlers {
  act: (app: SiteApp, action: AppAction) => void;
  askUninstall: (app: SiteApp) => void;
  upgrade: (app: SiteApp) => void;
  autoRollback: (app: SiteApp, on: boolean) => void;
  openPanel: (app: SiteApp, panel: string) => void;
  /** The title a panel's button shows (the panel's id when its title is not known). */
  panelTitle: (app: SiteApp, panel: string) => string;
}

/** Words for a plugin state, falling back to the state's own name. */
export function stateWords(state: string): string {
  return hasMessage(`apps.state.${state}`) ? t(`apps.state.${state}`) : state;
}

/**
 * The row of `app`; `canWrite` shows the actions, `busy` disables them while one runs, `say` gives
 * the words of the place (a site's edge or the hub).
 */
export function appRow(
  app: SiteApp,
  canWrite: boolean,
  busy: boolean,
  on: RowHandlers,
  say: PlaceWords,
) {
  const { install, status } = app;
  const gone = install.state === 'uninstalled';
  const name = install.plugin.id;
  return html`<tr data-plugin=${name}>
    <th scope="row"><code>${name}</code></th>
    <td>${install.plugin.version}</td>
    <td>${stateWords(install.state)}</td>
    <td>${
      status
        ? html`<span class=${['failed', 'quarantined'].includes(status.state) ? 'bad' : ''}>
              ${stateWords(status.state)}</span>
            ${status.current ? nothing : html`<br /><span class="note">${say('stale', { version: status.plugin.version })}</span>`}
            ${status.lastError ? html`<br /><span class="bad">${t('apps.lastError', { message: errorText(status.lastError) })}</span>` : nothing}`
        : html`<span class="note">${say('noReport')}</span>`
    }</td>
    <td>${status?.faults ?? 0}</td>
    <td>${gone ? nothing : actions(app, canWrite, busy, on)}</td>
  </tr>`;
}

function actions(app: SiteApp, canWrite: boolean, busy: boolean, on: RowHandlers) {
  const { install } = app;
  const panels = grantedPanels(install).map(
    (panel) => html`<button class="secondary" @click=${() => on.openPanel(app, panel)}>
      ${t('apps.panel', { panel: on.panelTitle(app, panel) })}</button>`,
  );
  if (!canWrite) return html`<div class="row">${panels}</div>`;
  const stopped = install.state === 'stopped';
  return html`<div class="row">
    <button ?disabled=${busy} @click=${() => on.upgrade(app)}>${t('apps.upgrade')}</button>
    ${
      install.previous
        ? html`<button class="secondary" ?disabled=${busy} @click=${() => on.act(app, 'rollback')}>
            ${t('apps.rollback', { version: install.previous.version })}</button>`
        : nothing
    }
    <button class="secondary" ?disabled=${busy}
      @click=${() => on.act(app, stopped ? 'enable' : 'disable')}>
      ${stopped ? t('apps.enable') : t('apps.disable')}</button>
    <button class="secondary" ?disabled=${busy} @click=${() => on.askUninstall(app)}>
      ${t('apps.uninstall')}</button>
    ${panels}
  </div>
  <label class="check"><input type="checkbox" ?disabled=${busy} .checked=${install.autoRollback === true}
    @change=${(e: Event) => on.autoRollback(app, (e.target as HTMLInputElement).checked)} />
    ${t('apps.autoRollback')}</label>`;
}
