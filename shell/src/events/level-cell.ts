/**
 * @module An event's graded-response level (分级响应) as a table cell: "Level n", marked when
 * severe (levels 1 and 2), or "routine" when the event has none. Shared by every events list.
 */
import type { HengEvent } from '@heng/schemas';
import { html } from 'lit';
import { t } from '../i18n/index.ts';
import './messages.ts';

/** The `<td>` of `event`'s level. */
export function levelCell(event: Pick<HengEvent, 'level'>) {
  return html`<td class=${event.level && event.level <= 2 ? 'bad' : ''}>
    ${event.level ? t('events.levelN', { n: event.level }) : t('events.routine')}</td>`;
}
