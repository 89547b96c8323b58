import { CHINA_TIME_ZONE } from '../../../shared/time/china-time.ts';

/** Times and dates of the visits pages, in China Standard Time whatever the browser's zone. */
export function formatInstant(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: CHINA_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** A rate 0…1 as a whole percentage, or null. */
export function percentOf(rate: number | null): string | null {
  return rate === null ? null : `${Math.round(rate * 100)}%`;
}
