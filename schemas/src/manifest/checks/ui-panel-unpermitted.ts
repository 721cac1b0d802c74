/**
 * @module Check: a panel in ui.panels that no ui:panel permission asks to show.
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

/** The "ui-panel-unpermitted" check (warning); `description` says what it enforces. */
export const uiPanelUnpermitted: ManifestCheck = {
  id: 'ui-panel-unpermitted',
  severity: 'warning',
  description:
    'Every panel in ui.panels is named by a ui:panel permission, or the shell never shows it.',
  check(manifest) {
    const permitted = new Set(
      permissionsOf(manifest).flatMap(({ value }) =>
        value.capability === 'ui:panel' && Array.isArray(value.panels) ? value.panels : [],
      ),
    );
    const panels = manifest.ui?.panels;
    if (!Array.isArray(panels)) return [];
    const findings: Finding[] = [];
    panels.forEach((panel, i) => {
      if (typeof panel?.id !== 'string' || permitted.has(panel.id)) return;
      findings.push({
        path: `/ui/panels/${i}/id`,
        message: `panel "${panel.id}" is not named by any "ui:panel" permission, so the shell will not show it; add it to one`,
      });
    });
    return findings;
  },
};
