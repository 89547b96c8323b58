import { addDays } from '../time/china-time.ts';

/**
 * The official working calendars (国务院办公厅关于部分节假日安排的通知): days off that would
 * otherwise be working days, and weekend days that are working days (调休 make-up days). Weekends
 * not listed are days off. Loading another year is adding (or importing) one more entry.
 */
export interface CalendarYear {
  year: number;
  /** The notice the dates come from. */
  source: string;
  /** Every day off in the holiday periods, weekends inside them included (YYYY-MM-DD). */
  holidays: readonly string[];
  /** Saturdays and Sundays that are working days. */
  workdays: readonly string[];
}

/** Consecutive dates from `from` to `to`, both included. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const OFFICIAL_CALENDARS: readonly CalendarYear[] = [
  {
    year: 2025,
    source: '国办发明电〔2024〕12号 (2024-11-12)',
    holidays: [
      '2025-01-01',
      ...dateRange('2025-01-28', '2025-02-04'),
      ...dateRange('2025-04-04', '2025-04-06'),
      ...dateRange('2025-05-01', '2025-05-05'),
      ...dateRange('2025-05-31', '2025-06-02'),
      ...dateRange('2025-10-01', '2025-10-08'),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
    holidays: [
      ...dateRange('2026-01-01', '2026-01-03'),
      ...dateRange('2026-02-15', '2026-02-23'),
      ...dateRange('2026-04-04', '2026-04-06'),
      ...dateRange('2026-05-01', '2026-05-05'),
      ...dateRange('2026-06-19', '2026-06-21'),
      ...dateRange('2026-09-25', '2026-09-27'),
      ...dateRange('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
