/** Times and dates of the visits pages, in China Standard Time whatever the browser's zone. */
export function formatInstant(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** Today as a CST calendar day (YYYY-MM-DD). */
export function todayCst(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** The first day of the CST month `day` lies in. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** A rate 0…1 as a whole percentage, or null. */
export function percentOf(rate: number | null): string | null {
  return rate === null ? null : `${Math.round(rate * 100)}%`;
}
