/** @module Times for people, in the user's language. */
import { getLocale, t } from '../i18n/index.ts';
import './messages.ts';

/** An ISO time as a local date and time, or a dash when there is none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(getLocale(), { dateStyle: 'short', timeStyle: 'medium' });
}

/** How long ago `iso` was, e.g. "3 min ago" / "3 分钟前"; "never" when absent. */
export function formatAgo(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return t('format.never');
  const ms = now - new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  const format = new Intl.RelativeTimeFormat(getLocale(), { numeric: 'auto' });
  const s = Math.round(ms / 1000);
  if (s < 60) return format.format(-s, 'second');
  if (s < 3600) return format.format(-Math.round(s / 60), 'minute');
  if (s < 86_400) return format.format(-Math.round(s / 3600), 'hour');
  return format.format(-Math.round(s / 86_400), 'day');
}
