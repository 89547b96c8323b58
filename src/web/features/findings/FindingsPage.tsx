import { App, Button, Flex, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FINDING_SOURCES,
  FINDING_STATES,
  type Finding,
  type FindingSource,
  type FindingState,
} from '../../../shared/domain/findings.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate, useSearch } from '../../app/router.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useScoreListsApi } from '../score-lists/score-lists-api.ts';

const STATE_COLOURS: Record<FindingState, string> = { open: 'gold', overdue: 'red', rectified: 'green' };

/**
 * /findings (整改): the findings of the caller's places, departments and self — from criticism
 * lists and supervision reports — earliest due first, by state and source; the unit a finding
 * names records its rectification here. `?sourceId=` shows one list's or report's findings.
 */
export function FindingsPage() {
  const { t } = useTranslation();
  const lists = useScoreListsApi();
  const params = new URLSearchParams(useSearch());
  const sourceId = params.get('sourceId') ?? undefined;
  const state = (FINDING_STATES as readonly string[]).includes(params.get('state') ?? '')
    ? (params.get('state') as FindingState)
    : undefined;
  const source = (FINDING_SOURCES as readonly string[]).includes(params.get('source') ?? '')
    ? (params.get('source') as FindingSource)
    : undefined;
  const load = useCallback(
    (signal: AbortSignal) =>
      lists.findings(
        { ...(state ? { state } : {}), ...(source ? { source } : {}), ...(sourceId ? { sourceId } : {}) },
        signal,
      ),
    [lists, state, source, sourceId],
  );
  const found = useAsync(load);
  const [answering, setAnswering] = useState<Finding | null>(null);

  const filter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    const text = next.toString();
    navigate(`/findings${text ? `?${text}` : ''}`, { replace: true });
  };

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('findings.title')}
        subtitle={t('findings.subtitle')}
        titleTestId="findings-title"
        extra={
          <Button href="/score-lists" onClick={(e) => followLink(e, '/score-lists')}>
            {t('scoreLists.title')}
          </Button>
        }
      />
      <Flex gap={8} wrap>
        <Select
          style={{ minWidth: 160 }}
          value={state ?? ''}
          onChange={(v: string) => filter('state', v || undefined)}
          data-testid="findings-state-filter"
          options={[
            { value: '', label: t('findings.allStates') },
            ...FINDING_STATES.map((s) => ({ value: s, label: t(`findings.states.${s}`) })),
          ]}
        />
        <Select
          style={{ minWidth: 160 }}
          value={source ?? ''}
          onChange={(v: string) => filter('source', v || undefined)}
          options={[
            { value: '', label: t('findings.allSources') },
            ...FINDING_SOURCES.map((s) => ({ value: s, label: t(`findings.sources.${s}`) })),
          ]}
        />
      </Flex>
      {found.status === 'error' && <ApiErrorAlert error={found.error} onRetry={found.reload} />}
      {found.status === 'loading' && <Skeleton active />}
      {found.status === 'success' && (
        <>
          {found.data.truncated && (
            <Typography.Text type="warning">{t('findings.truncated')}</Typography.Text>
          )}
          <Table<Finding>
            size="small"
            rowKey="id"
            dataSource={found.data.items}
            pagination={false}
            data-testid="findings-table"
            locale={{ emptyText: t('findings.empty') }}
            onRow={(f) =>
              ({
                'data-testid': 'finding',
                'data-id': f.id,
                'data-subject': f.subject.key,
                'data-state': f.state,
              }) as never
            }
            columns={[
              { key: 'subject', title: t('findings.subject'), render: (_, f) => f.subject.name },
              {
                key: 'source',
                title: t('findings.source'),
                render: (_, f) =>
                  f.source.kind === 'criticism_list' ? (
                    <a
                      href={`/score-lists/${f.source.id}`}
                      onClick={(e) => followLink(e, `/score-lists/${f.source.id}`)}
                    >
                      {t(`findings.sources.${f.source.kind}`)}
                    </a>
                  ) : (
                    t(`findings.sources.${f.source.kind}`)
                  ),
              },
              { key: 'text', title: t('findings.text'), render: (_, f) => f.text },
              { key: 'due', title: t('findings.dueOn'), render: (_, f) => f.dueOn },
              {
                key: 'state',
                title: t('findings.state'),
                render: (_, f) => (
                  <Tag color={STATE_COLOURS[f.state]} data-testid="finding-state">
                    {t(`findings.states.${f.state}`)}
                  </Tag>
                ),
              },
              {
                key: 'rectification',
                title: t('findings.rectification'),
                render: (_, f) =>
                  f.rectification ? (
                    <Flex vertical>
                      <span data-testid="finding-rectification">{f.rectification.note}</span>
                      <Typography.Text type="secondary">
                        {t('findings.rectifiedBy', {
                          name: f.rectification.by ?? '',
                          day: f.rectification.rectifiedOn,
                        })}
                      </Typography.Text>
                    </Flex>
                  ) : f.answerable ? (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setAnswering(f)}
                      data-testid="finding-answer"
                    >
                      {t('findings.answer.button')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </>
      )}
      {answering && (
        <AnswerModal
          finding={answering}
          onClose={() => setAnswering(null)}
          onAnswered={() => {
            setAnswering(null);
            found.reload();
          }}
        />
      )}
    </Flex>
  );
}

/** The unit's answer: what it did, and the day it was rectified (today unless changed). */
function AnswerModal({
  finding,
  onClose,
  onAnswered,
}: {
  finding: Finding;
  onClose: () => void;
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lists = useScoreListsApi();
  const today = cstDay(new Date());
  const [note, setNote] = useState('');
  const [rectifiedOn, setRectifiedOn] = useState(today);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      await lists.rectify(finding.id, { note: note.trim(), rectifiedOn });
      message.success(t('findings.answer.done'));
      onAnswered();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('findings.answer.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('findings.answer.ok')}
      okButtonProps={
        {
          loading: busy,
          disabled: note.trim() === '' || !rectifiedOn,
          'data-testid': 'finding-answer-ok',
        } as never
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text strong>{finding.subject.name}</Typography.Text>
        <Typography.Text>{finding.text}</Typography.Text>
        <label htmlFor="finding-note">{t('findings.answer.note')}</label>
        <Input.TextArea
          id="finding-note"
          value={note}
          maxLength={1000}
          autoSize={{ minRows: 3 }}
          onChange={(e) => setNote(e.target.value)}
          data-testid="finding-note"
        />
        <label htmlFor="finding-rectified-on">{t('findings.answer.rectifiedOn')}</label>
        <DateField id="finding-rectified-on" value={rectifiedOn} onChange={setRectifiedOn} max={today} />
      </Flex>
    </Modal>
  );
}
