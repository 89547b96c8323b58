import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseAction, TERMINAL_STATES } from '../../../shared/cases/workflow.ts';
import type { CaseDetail } from '../../../shared/domain/case.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { followLink, useSearch } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { ProposeExampleButton } from '../examples/ProposeExampleButton.tsx';
import { CaseStatusLinks } from '../resident-status/CaseStatusLinks.tsx';
import { CaseActionModal } from './CaseActionModal.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseFlags, CaseStateTag, UrgencyTag } from './CaseBadges.tsx';
import { CaseContext } from './CaseContext.tsx';
import { CaseSuggestions } from './CaseSuggestions.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { CaseUnavailableActions } from './CaseUnavailableActions.tsx';
import { ClassifyModal } from './ClassifyForm.tsx';
import { clockStatus, formatTime } from './case-clock.ts';
import { casesApi, categoryText } from './cases-api.ts';
import { casePath } from './cases-path.ts';
import { Rows } from './Rows.tsx';

/** Actions that move the case forward come first and stand out; the rest follow. */
const PRIMARY: ReadonlySet<CaseAction> = new Set([
  'accept',
  'dispatch',
  'sign',
  'reply',
  'approve_reply',
  'rate',
  'rehandle',
  'redispatch',
  'approve_extension',
]);

/**
 * One case: who has it and by when, the buttons for exactly what the caller may do now, and its
 * whole history. Every action is sent on the version shown here.
 */
export function CaseDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const me = useMe();
  const load = useCallback((signal: AbortSignal) => casesApi(api).get(id, signal), [api, id]);
  const loaded = useAsync(load);
  // The case as the last action answered it, over what was loaded.
  const [latest, setLatest] = useState<CaseDetail | null>(null);
  const [acting, setActing] = useState<CaseAction | null>(null);
  // Opened from the field app (?from=field): the way back leads to the phone app, not the queue.
  const back = new URLSearchParams(useSearch()).get('from') === 'field' ? '/field/cases' : '/cases';

  if (loaded.status === 'error' && loaded.error.code === 'NOT_FOUND') return <NotFoundPage />;
  if (loaded.status === 'error') return <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  const data = latest && (!loaded.data || latest.version >= loaded.data.version) ? latest : loaded.data;
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;

  const reload = () => {
    setLatest(null);
    setActing(null);
    loaded.reload();
  };
  const done = (updated: CaseDetail) => {
    setLatest(updated);
    setActing(null);
  };
  const time = (iso: string) => formatTime(iso, i18n.language);
  const terminal = TERMINAL_STATES.has(data.state);
  const actions = [...data.actions].sort((a, b) => Number(PRIMARY.has(b)) - Number(PRIMARY.has(a)));
  // Suggestions are for where the case goes next: only while the caller may send it there (or merge it).
  const suggesting =
    me.permissions.includes('cases:dispatch') &&
    (['dispatch', 'redispatch', 'merge'] as const).some((a) => data.actions.includes(a));
  // Files come from those who work the case (the server checks the caller reaches it).
  const mayUpload = !terminal && me.permissions.includes('cases:handle');
  const unitText = data.unit ? data.unit.name : t('cases.noUnit');

  return (
    <Flex vertical gap={16} data-testid="case-page" data-version={data.version} data-state={data.state}>
      <a href={back} onClick={(event) => followLink(event, back)} data-testid="case-back">
        <ArrowLeftOutlined /> {t(back === '/cases' ? 'cases.detail.back' : 'field.backToField')}
      </a>
      <Flex vertical gap={4}>
        <Flex gap={8} wrap align="center">
          <Typography.Text code data-testid="case-number">
            {data.number}
          </Typography.Text>
          <CaseStateTag state={data.state} />
          <UrgencyTag urgency={data.urgency} />
          <Tag>{t(`cases.levels.${data.level}`)}</Tag>
          <CaseFlags item={data} />
        </Flex>
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="case-title">
          {data.title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('cases.detail.subtitle', {
            channel: t(`cases.channels.${data.channel}`),
            kind: t(`cases.kinds.${data.kind}`),
            time: time(data.createdAt),
          })}
        </Typography.Text>
      </Flex>

      <Card size="small" data-testid="case-actions">
        {/* An ended case says so once, below (CaseUnavailableActions); no second "nothing to do". */}
        {actions.length === 0 ? (
          !terminal && <Typography.Text type="secondary">{t('cases.detail.noActions')}</Typography.Text>
        ) : (
          <Flex gap={8} wrap>
            {actions.map((action) => (
              <Button
                key={action}
                type={PRIMARY.has(action) ? 'primary' : 'default'}
                danger={action === 'cancel' || action === 'reject'}
                onClick={() => setActing(action)}
                data-testid={`case-action-button-${action}`}
              >
                {t(`cases.actions.${action}`)}
              </Button>
            ))}
          </Flex>
        )}
        <CaseUnavailableActions detail={data} />
        {data.state === 'closed' && (
          <Flex style={{ marginTop: 8 }}>
            <ProposeExampleButton subject={{ kind: 'case', id: data.id }} />
          </Flex>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('cases.detail.overview')}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  {
                    key: 'unit',
                    label: t('cases.unit'),
                    children: <span data-testid="case-unit">{unitText}</span>,
                  },
                  {
                    key: 'responder',
                    label: t('cases.detail.firstResponder'),
                    children: (
                      <span data-testid="case-first-responder">
                        {data.firstResponder?.name ?? t('cases.none')}
                      </span>
                    ),
                  },
                  {
                    key: 'levels',
                    label: t('cases.detail.levelsPassed'),
                    children: <LevelsPassed steps={data.levelsPassed} time={time} />,
                  },
                  {
                    key: 'category',
                    label: t('cases.category'),
                    children: categoryText(data, i18n.language) ?? t('cases.none'),
                  },
                  {
                    key: 'list',
                    label: t('cases.listType'),
                    children: t(`cases.listTypes.${data.listType}`),
                  },
                  {
                    key: 'region',
                    label: t('cases.region'),
                    children: data.regionPath.map((r) => r.name).join(' / ') || data.regionName,
                  },
                  {
                    key: 'address',
                    label: t('cases.detail.address'),
                    children: data.address ?? t('cases.none'),
                  },
                  ...(data.extensionPending
                    ? [
                        {
                          key: 'ext',
                          label: t('cases.detail.extensionPending'),
                          children: <Tag color="gold">✓</Tag>,
                        },
                      ]
                    : []),
                  ...(data.mergedInto
                    ? [
                        {
                          key: 'merged',
                          label: t('cases.detail.mergedInto'),
                          children: <CaseLink id={data.mergedInto.id} number={data.mergedInto.number} />,
                        },
                      ]
                    : []),
                  ...(data.linkedCase
                    ? [
                        {
                          key: 'linked',
                          label: t('cases.detail.linkedCase'),
                          children: <CaseLink id={data.linkedCase.id} number={data.linkedCase.number} />,
                        },
                      ]
                    : []),
                ]}
              />
              <Typography.Paragraph
                style={{ marginTop: 12, marginBottom: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                data-testid="case-description"
              >
                {data.description}
              </Typography.Paragraph>
            </Card>
            <CaseContext detail={data} onAct={setActing} />
            <Card size="small" title={t('cases.detail.timeline')}>
              <CaseTimeline events={data.events} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            {suggesting && (
              <CaseSuggestions key={data.version} detail={data} onDone={done} onStale={reload} />
            )}
            <Card size="small" title={t('cases.detail.clocks')} data-testid="case-clocks">
              {data.clocks.length === 0 && data.nextDueAt ? (
                <NextDue due={data.nextDueAt} overdue={clockStatus(data) === 'overdue'} time={time} />
              ) : (
                <Rows
                  size="small"
                  dataSource={data.clocks}
                  empty={t('cases.none')}
                  renderItem={(c) => (
                    <Rows.Item data-testid="case-clock" data-clock={c.clock}>
                      <Flex vertical style={{ width: '100%' }}>
                        <Flex justify="space-between" gap={8} wrap>
                          <Typography.Text>{t(`cases.clocks.${c.clock}`)}</Typography.Text>
                          {c.overdueAt && (
                            <Tag color="red" style={{ marginInlineEnd: 0 }}>
                              {t('cases.clock.overdue')}
                            </Tag>
                          )}
                        </Flex>
                        <Typography.Text type="secondary">
                          {c.stoppedAt
                            ? t('cases.clockStopped', { time: time(c.stoppedAt) })
                            : t('cases.clock.due', { time: time(c.dueAt) })}
                        </Typography.Text>
                      </Flex>
                    </Rows.Item>
                  )}
                />
              )}
            </Card>
            {data.tasks.length > 0 && (
              <Card size="small" title={t('cases.detail.tasks')}>
                <Rows
                  size="small"
                  dataSource={data.tasks}
                  renderItem={(task) => (
                    <Rows.Item>
                      <Flex vertical>
                        <Typography.Text>
                          {task.departmentName} ·{' '}
                          {t(task.role === 'lead' ? 'cases.detail.taskLead' : 'cases.detail.taskAssist')}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {task.doneAt
                            ? t('cases.detail.taskDone', { time: time(task.doneAt) })
                            : t('cases.detail.taskDueAt', { time: time(task.reportDueAt) })}
                        </Typography.Text>
                      </Flex>
                    </Rows.Item>
                  )}
                />
              </Card>
            )}
            {data.extensions.length > 0 && (
              <Card size="small" title={t('cases.detail.extensions')} data-testid="case-extensions">
                <Rows
                  size="small"
                  dataSource={data.extensions}
                  renderItem={(e) => (
                    <Rows.Item>
                      <Flex vertical>
                        <Flex gap={8} wrap>
                          <Tag
                            color={
                              e.status === 'approved' ? 'green' : e.status === 'refused' ? 'red' : 'gold'
                            }
                          >
                            {t(`cases.detail.extensionStatus.${e.status}`)}
                          </Tag>
                          <Typography.Text type="secondary">{time(e.requestedAt)}</Typography.Text>
                        </Flex>
                        <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                          {t('cases.detail.extensionLine', { days: e.workingDays, reason: e.reason })}
                        </Typography.Text>
                        {e.decisionReason && (
                          <Typography.Text type="secondary">
                            {t('cases.detail.reason', { reason: e.decisionReason })}
                          </Typography.Text>
                        )}
                      </Flex>
                    </Rows.Item>
                  )}
                />
              </Card>
            )}
            <CaseAttachments detail={data} mayUpload={mayUpload} onUploaded={reload} />
            <CaseStatusLinks detail={data} />
            {data.relatedCases.length > 0 && (
              <Card size="small" title={t('cases.detail.related')}>
                <Rows
                  size="small"
                  dataSource={data.relatedCases}
                  renderItem={(r) => (
                    <Rows.Item>
                      <CaseLink id={r.id} number={r.number} /> {t(`cases.detail.relations.${r.relation}`)}
                    </Rows.Item>
                  )}
                />
              </Card>
            )}
          </Flex>
        </Col>
      </Row>
      {acting === 'classify' && (
        <ClassifyModal
          key={data.version}
          detail={data}
          onDone={done}
          onStale={reload}
          onClose={() => setActing(null)}
        />
      )}
      {acting && acting !== 'classify' && (
        <CaseActionModal
          key={`${acting}-${data.version}`}
          detail={data}
          action={acting}
          onDone={done}
          onStale={reload}
          onClose={() => setActing(null)}
        />
      )}
    </Flex>
  );
}

function CaseLink({ id, number }: { id: string; number: string }) {
  return (
    <a href={casePath(id)} onClick={(event) => followLink(event, casePath(id))}>
      {number}
    </a>
  );
}

/** The levels the case passed (社区 → 街道 → 区级), each with when it got there and who passed it up. */
function LevelsPassed({ steps, time }: { steps: CaseDetail['levelsPassed']; time: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap align="center" data-testid="case-levels">
      {steps.map((step, i) => (
        <Flex key={step.at} gap={4} align="center">
          {i > 0 && <span aria-hidden>→</span>}
          <Tooltip title={[time(step.at), step.by].filter(Boolean).join(' · ')}>
            <Tag data-testid={`case-level-${step.level}`}>{t(`cases.levels.${step.level}`)}</Tag>
          </Tooltip>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * A case without clock rows of its own (older or imported cases) still has the next deadline the
 * header and the queue show: say it here too, from the same fields, rather than "—".
 */
function NextDue({ due, overdue, time }: { due: string; overdue: boolean; time: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" gap={8} wrap data-testid="case-next-due">
      <Flex vertical>
        <Typography.Text>{t('cases.nextDue')}</Typography.Text>
        <Typography.Text type="secondary">{t('cases.clock.due', { time: time(due) })}</Typography.Text>
      </Flex>
      {overdue && (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {t('cases.clock.overdue')}
        </Tag>
      )}
    </Flex>
  );
}
