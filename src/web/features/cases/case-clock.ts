import { DUE_SOON_MS } from '../../../shared/cases/clock-rules.ts';

export { DUE_SOON_MS };

/** How close a case's next deadline is: past it, within the warning window, or not yet near. */
export type ClockStatus = 'overdue' | 'due_soon' | 'on_time' | 'none';

export function clockStatus(
  item: { overdue: boolean; nextDueAt: string | null },
  now: number = Date.now(),
): ClockStatus {
  if (item.overdue) return 'overdue';
  if (!item.nextDueAt) return 'none';
  const due = Date.parse(item.nextDueAt);
  if (Number.isNaN(due)) return 'none';
  if (due <= now) return 'overdue';
  return due - now <= DUE_SOON_MS ? 'due_soon' : 'on_time';
}

/** A time as the reader's locale shows it, to the minute. */
export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
