import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../shared/domain/case.ts';
import { clockStatus, formatTime } from './case-clock.ts';

const STATE_COLORS: Record<CaseListItem['state'], string> = {
  submitted: 'blue',
  accepted: 'cyan',
  dispatched: 'geekblue',
  returned: 'orange',
  in_progress: 'processing',
  replied: 'purple',
  follow_up: 'magenta',
  reopened: 'volcano',
  closed: 'success',
  rejected: 'default',
  merged: 'default',
  cancelled: 'default',
};

const URGENCY_COLORS: Record<CaseListItem['urgency'], string> = {
  urgent: 'red',
  important: 'orange',
  ordinary: 'default',
};

export function CaseStateTag({ state }: { state: CaseListItem['state'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="case-state" data-state={state}>
      {t(`cases.states.${state}`)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: CaseListItem['urgency'] }) {
  const { t } = useTranslation();
  return <Tag color={URGENCY_COLORS[urgency]}>{t(`cases.urgencies.${urgency}`)}</Tag>;
}

/** The next deadline (red when past, amber when near), reopen count and supervision flag. */
export function CaseFlags({
  item,
}: {
  item: Pick<CaseListItem, 'overdue' | 'nextDueAt' | 'reopenCount' | 'supervised'>;
}) {
  const { t, i18n } = useTranslation();
  const status = clockStatus(item);
  return (
    <Flex gap={4} wrap>
      {status === 'overdue' && (
        <Tag color="red" data-testid="case-overdue">
          {t('cases.clock.overdue')}
        </Tag>
      )}
      {status === 'due_soon' && (
        <Tag color="gold" data-testid="case-due-soon">
          {t('cases.clock.dueSoon')}
        </Tag>
      )}
      {item.nextDueAt && status !== 'overdue' && (
        <Tag>{t('cases.clock.due', { time: formatTime(item.nextDueAt, i18n.language) })}</Tag>
      )}
      {item.reopenCount > 0 && (
        <Tag color="volcano" data-testid="case-reopened">
          {t('cases.clock.reopened', { count: item.reopenCount })}
        </Tag>
      )}
      {item.supervised && (
        <Tag color="purple" data-testid="case-supervised">
          {t('cases.clock.supervised')}
        </Tag>
      )}
    </Flex>
  );
}
