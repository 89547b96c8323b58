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
  // A guard with no line of its own reads as its refusal does (cases.guards).
  return t([`cases.unavailable.reasons.${u.reason}`, `cases.guards.${u.reason}`], {
    count: u.count,
    needed: u.needed,
  });
}

/** Rows to show: each guard's refusal on its own, actions waiting for the same states together. */
function rowsOf(items: readonly UnavailableActionView[]): UnavailableActionView[][] {
  const refused = items.filter((u) => u.reason !== 'wrong_state').map((u) => [u]);
  const byStates = new Map<string, UnavailableActionView[]>();
  for (const u of items.filter((u) => u.reason === 'wrong_state')) {
    const key = (u.states ?? []).join(',');
    byStates.set(key, [...(byStates.get(key) ?? []), u]);
  }
  return [...refused, ...byStates.values()];
}

/**
 * The caller's actions the case page does not offer now, each with why (workflow.ts
 * `unavailableActions`): disabled buttons whose tooltip and visible line say the reason. The line
 * is the buttons' description, so a screen reader hears it too.
 */
export function CaseUnavailableActions({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const idPrefix = useId();
  if (detail.unavailableActions.length === 0) return null;
  if (TERMINAL_STATES.has(detail.state)) {
    return (
      <Typography.Text type="secondary" data-testid="case-unavailable-ended">
        {t('cases.unavailable.ended')}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={4} data-testid="case-unavailable" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary" strong>
        {t('cases.unavailable.title')}
      </Typography.Text>
      <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
        {rowsOf(detail.unavailableActions).map((row) => {
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
    </Flex>
  );
}
