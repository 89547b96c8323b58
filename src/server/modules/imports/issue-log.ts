import type { ImportIssue, Reason } from './reasons.ts';
import type { SheetSpec } from './sheet-spec.ts';

/** The issues of one import and the rows they name; sorted by row, then column, for the report. */
export interface IssueLog {
  issues: ImportIssue[];
  rejectedRows: Set<number>;
  add(row: number, key: string | null, column: string | null, reason: Reason): void;
  /** Issues found elsewhere (while planning a batch). */
  addAll(issues: readonly ImportIssue[]): void;
  sorted(): ImportIssue[];
}

export function createIssueLog<K extends string>(spec: SheetSpec<K>): IssueLog {
  const order = new Map<string | null, number>(spec.keys.map((k, i) => [k, i]));
  const log: IssueLog = {
    issues: [],
    rejectedRows: new Set(),
    add(row, key, column, reason) {
      log.issues.push({ row, key, column, ...reason });
      log.rejectedRows.add(row);
    },
    addAll(issues) {
      for (const issue of issues) {
        log.issues.push(issue);
        log.rejectedRows.add(issue.row);
      }
    },
    sorted() {
      return log.issues.sort(
        (a, b) => a.row - b.row || (order.get(a.column) ?? 99) - (order.get(b.column) ?? 99),
      );
    },
  };
  return log;
}
