import { Button, Flex, Tooltip, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import type { CaseDetail, UnavailableActionView } from '../../../shared/domain/case.ts';

type TFn = ReturnType<typeof useTranslation>['t'];

/** Why one action is not offered, in the reader's language, from the reason the server gave. */
function reasonText(t: TFn, language: string, u: UnavailableActionView): string {
  if (u.reason === 'wrong_state') {
    const states = (u.states ?? []).map((s) => t(`cases.states.${s}`));
    const list = new Intl.ListFormat(language, { type: 'disjunction' }).format(states);
    return t('cases.unavailable.wrongState', { states: list });
  }
  if (u.reason === 'held_above') return t(`cases.unavailable.reasons.held_above.${u.level ?? 0}`);
  // A guard with no line of its own reads as its refusal does (cases.guards).
  return t([`cases.unavailable.reasons.${u.reason}`, `cases.guards.${u.reason}`], {
    count: u.count,
    needed: u.needed,
  });
}

/**
 * Rows to show: each guard's refusal on its own; actions waiting for the same states together, and
 * those held by a higher level's dispatchers together.
 */
function rowsOf(items: readonly UnavailableActionView[]): UnavailableActionView[][] {
  const grouped = (u: UnavailableActionView) => u.reason === 'wrong_state' || u.reason === 'held_above';
  const refused = items.filter((u) => !grouped(u)).map((u) => [u]);
  const byReason = new Map<string, UnavailableActionView[]>();
  for (const u of items.filter(grouped)) {
    const key = u.reason === 'held_above' ? u.reason : (u.states ?? []).join(',');
    byReason.set(key, [...(byReason.get(key) ?? []), u]);
  }
  return [...refused, ...byReason.values()];
}

/**
 * The caller's actions the case page does not offer now, each with why (workflow.ts
 * `unavailableActions`): disabled buttons whose tooltip and visible line say the reason. The line
 * is the buttons' description, so a screen reader hears it too. A reason particular to this case (a
 * guard, a level above holding it) stays in view; actions that merely wait for another state are
 * folded away under a count, since nobody asked about them.
 */
export function CaseUnavailableActions({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const idPrefix = useId();
  if (TERMINAL_STATES.has(detail.state)) {
    return (
      <Typography.Text
        type="secondary"
        data-testid="case-unavailable-ended"
        style={{ display: 'block', marginTop: detail.actions.length > 0 ? 12 : 0 }}
      >
        {/* A closed case may still be classified (workflow.ts CLASSIFIABLE_STATES). */}
        {t(
          detail.actions.includes('classify') ? 'cases.unavailable.endedClassify' : 'cases.unavailable.ended',
        )}
      </Typography.Text>
    );
  }
  if (detail.unavailableActions.length === 0) return null;
  const rows = rowsOf(detail.unavailableActions);
  const folded = rows.filter((row) => row[0]?.reason === 'wrong_state');
  const shown = rows.filter((row) => row[0]?.reason !== 'wrong_state');
  const foldedCount = folded.reduce((n, row) => n + row.length, 0);
  const list = (items: UnavailableActionView[][]) => (
    <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
      {items.map((row) => {
        const first = row[0] as UnavailableActionView;
        const reason = reasonText(t, i18n.language, first);
        const reasonId = `${idPrefix}-${first.action}`;
        return (
          <li key={first.action} data-testid="case-unavailable-row" style={{ marginBlock: 4 }}>
            <Flex gap={8} align="center" wrap>
              {row.map((u) => (
                <span key={u.action} data-testid={`case-unavailable-${u.action}`} data-reason={u.reason}>
                  <Tooltip title={reason}>
                    <Button size="small" disabled aria-describedby={reasonId}>
                      {t(`cases.actions.${u.action}`)}
                    </Button>
                  </Tooltip>
                </span>
              ))}
              <Typography.Text type="secondary" id={reasonId} data-testid="case-unavailable-reason">
                {reason}
              </Typography.Text>
            </Flex>
          </li>
        );
      })}
    </ul>
  );
  return (
    <Flex vertical gap={4} data-testid="case-unavailable" style={{ marginTop: 12 }}>
      {shown.length > 0 && (
        <>
          <Typography.Text type="secondary" strong>
            {t('cases.unavailable.title')}
          </Typography.Text>
          {list(shown)}
        </>
      )}
      {foldedCount > 0 && (
        // A native disclosure: closed by default, keyboard-operable, and its rows stay in the page.
        <details data-testid="case-unavailable-folded">
          <summary style={{ cursor: 'pointer' }}>
            <Typography.Text type="secondary">
              {t(shown.length > 0 ? 'cases.unavailable.foldedMore' : 'cases.unavailable.folded', {
                count: foldedCount,
              })}
            </Typography.Text>
          </summary>
          {list(folded)}
        </details>
      )}
    </Flex>
  );
}
