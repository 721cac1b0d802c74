/** @module Which view shows for which route. */
import { html } from 'lit';
import { t } from '../i18n/index.ts';
import type { Route } from '../router/index.ts';
import type { ShellContext } from '../session/index.ts';
import '../apps/index.ts';
import '../audit/index.ts';
import '../catalog/index.ts';
import '../events/index.ts';
import '../hub/index.ts';
import '../overview/index.ts';
import '../parties/index.ts';
import '../signin/index.ts';
import '../site/index.ts';

/** The view of `route`, given the shared context. */
export function renderView(route: Route, ctx: ShellContext) {
  switch (route.name) {
    case 'overview':
    case 'signin':
      return html`<heng-overview .ctx=${ctx}></heng-overview>`;
    case 'site':
      return html`<heng-site-view .ctx=${ctx} .site=${route.site}></heng-site-view>`;
    case 'apps':
      return html`<heng-site-apps .ctx=${ctx} .site=${route.site}></heng-site-apps>`;
    case 'catalog':
      return html`<heng-catalog .ctx=${ctx}></heng-catalog>`;
    case 'hub':
      return html`<heng-hub-view .ctx=${ctx}></heng-hub-view>`;
    case 'events':
      return html`<heng-events .ctx=${ctx}></heng-events>`;
    case 'audit':
      return html`<heng-audit .ctx=${ctx}></heng-audit>`;
    case 'parties':
      return html`<heng-parties .ctx=${ctx}></heng-parties>`;
    case 'not-found':
      return html`<p role="alert">${t('app.notFound', { path: route.path })}</p>`;
  }
}
