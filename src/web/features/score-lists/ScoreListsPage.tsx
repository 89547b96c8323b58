import { App, Button, Flex, Form, Modal, Radio, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SCORE_LIST_KINDS,
  type ScoreListKind,
  type ScoreListSummary,
} from '../../../shared/domain/score-lists.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useScoreListsApi } from './score-lists-api.ts';

/** A list's kind as a coloured tag: praise red (the red list), criticism dark. */
export function KindTag({ kind }: { kind: ScoreListKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'praise' ? 'red' : 'default'}>{t(`scoreLists.kinds.${kind}`)}</Tag>;
}

/**
 * /score-lists: the praise and criticism lists the caller sees, newest period first (the history of
 * every place it reads); a leader proposes a new one from a closed quarter.
 */
export function ScoreListsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const lists = useScoreListsApi();
  const load = useCallback((signal: AbortSignal) => lists.lists(signal), [lists]);
  const state = useAsync(load);
  const [proposing, setProposing] = useState(false);
  const mayPropose = me.permissions.includes('figures:publish');

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('scoreLists.title')}
        subtitle={t('scoreLists.subtitle')}
        titleTestId="score-lists-title"
        extra={
          <Flex gap={8} wrap>
            <Button
              href="/findings"
              onClick={(e) => followLink(e, '/findings')}
              data-testid="score-lists-findings"
            >
              {t('findings.title')}
            </Button>
            {mayPropose && (
              <Button type="primary" onClick={() => setProposing(true)} data-testid="score-lists-propose">
                {t('scoreLists.propose.button')}
              </Button>
            )}
          </Flex>
        }
      />
      {state.status === 'error' && <ApiErrorAlert error={state.error} onRetry={state.reload} />}
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'success' && (
        <Table<ScoreListSummary>
          size="small"
          rowKey="id"
          dataSource={state.data}
          pagination={false}
          data-testid="score-lists-table"
          locale={{ emptyText: t('scoreLists.empty') }}
          onRow={(l) => ({ 'data-testid': 'score-lists-row', 'data-id': l.id }) as never}
          columns={[
            {
              key: 'title',
              title: t('scoreLists.edit.titleLabel'),
              render: (_, l) => (
                <a href={`/score-lists/${l.id}`} onClick={(e) => followLink(e, `/score-lists/${l.id}`)}>
                  {l.title}
                </a>
              ),
            },
            { key: 'kind', title: t('scoreLists.propose.kind'), render: (_, l) => <KindTag kind={l.kind} /> },
            { key: 'region', title: t('scoreLists.columns.region'), render: (_, l) => l.region.name },
            {
              key: 'period',
              title: t('scoreLists.columns.period'),
              render: (_, l) => t('scoreLists.periodText', { from: l.period.from, to: l.period.to }),
            },
            {
              key: 'state',
              title: t('scoreLists.columns.state'),
              render: (_, l) => (
                <Flex gap={4} wrap>
                  <Tag color={l.state === 'published' ? 'green' : 'gold'}>
                    {t(`scoreLists.states.${l.state}`)}
                  </Tag>
                  {l.stale && <Tag color="orange">{t('scoreLists.stale')}</Tag>}
                </Flex>
              ),
            },
            { key: 'entries', title: t('scoreLists.columns.number'), dataIndex: 'entries' },
          ]}
        />
      )}
      {proposing && <ProposeModal onClose={() => setProposing(false)} />}
    </Flex>
  );
}

/** Picks a closed quarter and a kind; the new draft opens. */
function ProposeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lists = useScoreListsApi();
  const load = useCallback((signal: AbortSignal) => lists.closedPeriods(signal), [lists]);
  const periods = useAsync(load);
  const [periodId, setPeriodId] = useState<string | undefined>();
  const [kind, setKind] = useState<ScoreListKind>('praise');
  const [saving, setSaving] = useState(false);
  const quarters =
    periods.status === 'success'
      ? periods.data.filter((p) => p.period.kind === 'quarter' && p.state === 'closed')
      : [];

  const submit = async () => {
    if (!periodId) return;
    setSaving(true);
    try {
      const list = await lists.propose({ periodId, kind });
      navigate(`/score-lists/${list.id}`);
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('scoreLists.propose.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('scoreLists.propose.ok')}
      okButtonProps={
        { disabled: !periodId, loading: saving, 'data-testid': 'score-lists-propose-ok' } as never
      }
    >
      {periods.status === 'error' && <ApiErrorAlert error={periods.error} onRetry={periods.reload} />}
      {periods.status === 'success' && quarters.length === 0 && (
        <Typography.Text type="secondary">{t('scoreLists.propose.noPeriods')}</Typography.Text>
      )}
      <Form layout="vertical">
        <Form.Item label={t('scoreLists.propose.period')}>
          <Select
            value={periodId}
            onChange={setPeriodId}
            loading={periods.status === 'loading'}
            data-testid="score-lists-propose-period"
            options={quarters.map((p) => ({
              value: p.id,
              label: `${p.region.name} ${t('scoreLists.periodText', { from: p.period.from, to: p.period.to })}`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('scoreLists.propose.kind')}>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            data-testid="score-lists-propose-kind"
          >
            {SCORE_LIST_KINDS.map((k) => (
              <Radio key={k} value={k}>
                {t(`scoreLists.kinds.${k}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
