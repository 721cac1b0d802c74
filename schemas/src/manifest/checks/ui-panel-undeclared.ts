/**
 * @module Check: a ui:panel permission names a panel that ui.panels does not declare.
 */
import { permissionsOf } from '../permission-lists.ts';
import type { Finding, ManifestCheck } from '../types.ts';

/** The ids of the panels the manifest declares in `ui.panels`. */
export function declaredPanels(manifest: { ui?: { panels?: unknown } }): string[] {
  const panels = manifest.ui?.panels;
  if (!Array.isArray(panels)) return [];
  return panels
    .map((p) => (p as { id?: unknown })?.id)
    .filter((id): id is string => typeof id === 'string');
}

/** The "ui-panel-undeclared" check (error); `description` says what it enforces. */
export const uiPanelUndeclared: ManifestCheck = {
  id: 'ui-panel-undeclared',
  severity: 'error',
  description: 'Every panel a ui:panel permission names is declared in ui.panels.',
  check(manifest) {
    const declared = declaredPanels(manifest);
    const findings: Finding[] = [];
    for (const { value, path } of permissionsOf(manifest)) {
      if (value.capability !== 'ui:panel' || !Array.isArray(value.panels)) continue;
      value.panels.forEach((id, i) => {
        if (declared.includes(id)) return;
        const known =
          declared.length > 0 ? `declared: ${declared.join(', ')}` : 'ui.panels declares none';
        findings.push({
          path: `${path}/panels/${i}`,
          message: `names panel "${id}", which ui.panels does not declare (${known})`,
        });
      });
    }
    return findings;
  },
};
