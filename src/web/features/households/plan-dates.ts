/** Follow-up dates as typed in the plan form: blanks dropped; the problem key, if any. */
export function checkFollowUpDates(
  dates: readonly (string | undefined)[],
  options: { required: boolean },
): { dates: string[]; problem: string | null } {
  const filled = dates.map((d) => d?.trim() ?? '').filter((d) => d !== '');
  if (filled.some((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))))
    return { dates: filled, problem: 'records.problems.dateInvalid' };
  if (new Set(filled).size !== filled.length) return { dates: filled, problem: 'records.plan.dateRepeated' };
  if (options.required && filled.length === 0)
    return { dates: filled, problem: 'records.plan.datesRequired' };
  return { dates: [...filled].sort(), problem: null };
}

/** Where a follow-up stands on `today` ('YYYY-MM-DD'). */
export function followUpState(followUp: { dueDate: string; doneAt: string | null }, today: string) {
  if (followUp.doneAt) return 'done' as const;
  return followUp.dueDate < today ? ('overdue' as const) : ('pending' as const);
}
