import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Modal,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HardProblem } from '../../../shared/domain/hard-problem.ts';
import { cstDay } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { hardProblemsApi } from './hard-problems-api.ts';

/**
 * /hard-problems/:id: one item — owner, plan, target date, milestones (a leader marks one done
 * today), linked cases (link by id, unlink), progress notes (its owner reports), and finishing it
 * as done or closed with its result (a topic's published outcome).
 */
export function HardProblemPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useApi();
  const api = useMemo(() => hardProblemsApi(client), [client]);
  const [item, setItem] = useState<HardProblem | null>(null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const read = await api.read(id, signal);
      setItem(read);
      return read;
    },
    [api, id],
  );
  const state = useAsync(load);
  const [note, setNote] = useState('');
  const [caseIds, setCaseIds] = useState('');
  const [finishing, setFinishing] = useState<'done' | 'closed' | null>(null);
  const [result, setResult] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<HardProblem>) => {
    setBusy(true);
    try {
      setItem(await action());
      return true;
    } catch (error) {
      message.error(toApiError(error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (state.status === 'error') return <ApiErrorAlert error={state.error} onRetry={state.reload} />;
  if (!item) return <Skeleton active />;
  const { edit, report } = item.actions;
  const markDone = (milestoneId: string) =>
    run(() =>
      api.update(item.id, {
        version: item.version,
        milestones: item.milestoneList.map((m) => ({
          id: m.id,
          name: m.name,
          targetDate: m.targetDate,
          doneOn: m.id === milestoneId ? cstDay(new Date()) : m.doneOn,
        })),
      }),
    );

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={item.title}
        subtitle={
          item.kind === 'monthly_topic'
            ? t('hardProblems.item.month', { month: item.topicMonth })
            : t('hardProblems.item.createdBy', { name: item.createdByName })
        }
        titleTestId="hard-problem-title"
        extra={
          <Button href="/hard-problems" onClick={(e) => followLink(e, '/hard-problems')}>
            {t('hardProblems.item.back')}
          </Button>
        }
      />
      <Card>
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('hardProblems.columns.state')}>
            <Tag data-testid="hard-problem-state">{t(`hardProblems.states.${item.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('hardProblems.columns.place')}>{item.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('hardProblems.columns.owner')}>{item.owner.name}</Descriptions.Item>
          <Descriptions.Item label={t('hardProblems.columns.person')}>{item.owner.person}</Descriptions.Item>
          <Descriptions.Item label={t('hardProblems.columns.target')}>{item.targetDate}</Descriptions.Item>
          <Descriptions.Item label={t('hardProblems.item.plan')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {item.plan}
            </Typography.Paragraph>
          </Descriptions.Item>
          {item.result && (
            <Descriptions.Item label={t('hardProblems.item.result')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {item.result}
              </Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
        {edit && (
          <Flex gap={8}>
            <Button type="primary" onClick={() => setFinishing('done')} disabled={busy}>
              {t('hardProblems.item.complete')}
            </Button>
            <Button onClick={() => setFinishing('closed')} disabled={busy}>
              {t('hardProblems.item.close')}
            </Button>
          </Flex>
        )}
      </Card>
      <Card title={t('hardProblems.item.milestones')} size="small">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={item.milestoneList}
          columns={[
            { key: 'name', title: t('hardProblems.form.milestoneName'), dataIndex: 'name' },
            {
              key: 'target',
              title: t('hardProblems.form.milestoneTarget'),
              dataIndex: 'targetDate',
              width: 120,
            },
            {
              key: 'state',
              title: t('hardProblems.columns.state'),
              width: 220,
              render: (_v, m) => (
                <Flex gap={6}>
                  {m.doneOn && <Tag color="green">{t('hardProblems.item.done', { day: m.doneOn })}</Tag>}
                  {m.missed && <Tag color="red">{t('hardProblems.item.missed')}</Tag>}
                  {!m.doneOn && edit && (
                    <Button size="small" onClick={() => markDone(m.id)} disabled={busy}>
                      {t('hardProblems.item.markDone')}
                    </Button>
                  )}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('hardProblems.item.cases')} size="small">
        <Flex vertical gap={8}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={item.caseList}
            columns={[
              {
                key: 'number',
                title: t('hardProblems.columns.cases'),
                render: (_v, c) => (
                  <a href={`/cases/${c.id}`} onClick={(e) => followLink(e, `/cases/${c.id}`)}>
                    {c.number} {c.title}
                  </a>
                ),
              },
              { key: 'created', title: '', width: 120, render: (_v, c) => cstDay(new Date(c.createdAt)) },
              ...(edit
                ? [
                    {
                      key: 'unlink',
                      title: '',
                      width: 100,
                      render: (_v: unknown, c: HardProblem['caseList'][number]) => (
                        <Button
                          size="small"
                          onClick={() => run(() => api.unlink(item.id, c.id))}
                          disabled={busy}
                        >
                          {t('hardProblems.item.unlink')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {edit && (
            <Flex gap={8}>
              <Input
                value={caseIds}
                onChange={(e) => setCaseIds(e.target.value)}
                placeholder={t('hardProblems.item.caseIds')}
              />
              <Button
                disabled={busy || !caseIds.trim()}
                onClick={async () => {
                  const ids = caseIds.split(/[,，\s]+/).filter(Boolean);
                  if (await run(() => api.link(item.id, ids))) setCaseIds('');
                }}
              >
                {t('hardProblems.item.linkCase')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
      <Card title={t('hardProblems.item.progress')} size="small">
        <Flex vertical gap={12}>
          {item.notes.length === 0 ? (
            <Typography.Text type="secondary">{t('hardProblems.item.noProgress')}</Typography.Text>
          ) : (
            <Timeline
              items={item.notes.map((n) => ({
                key: n.id,
                children: (
                  <Flex vertical>
                    <Typography.Text type="secondary">
                      {n.day} · {n.byName} · {t(`hardProblems.states.${n.toState as HardProblem['state']}`)}
                    </Typography.Text>
                    <Typography.Text>{n.text}</Typography.Text>
                  </Flex>
                ),
              }))}
            />
          )}
          {report && (
            <Flex vertical gap={8}>
              <Input.TextArea
                rows={3}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('hardProblems.item.reportText')}
                data-testid="hard-problem-note"
              />
              <Button
                disabled={busy || !note.trim()}
                onClick={async () => {
                  if (await run(() => api.report(item.id, note))) setNote('');
                }}
              >
                {t('hardProblems.item.report')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
      <Modal
        open={finishing !== null}
        title={t(finishing === 'closed' ? 'hardProblems.item.closeTitle' : 'hardProblems.item.completeTitle')}
        onCancel={() => setFinishing(null)}
        okButtonProps={{ disabled: !result.trim(), loading: busy }}
        onOk={async () => {
          const outcome = finishing ?? 'done';
          if (await run(() => api.complete(item.id, { version: item.version, outcome, result }))) {
            setFinishing(null);
            setResult('');
          }
        }}
      >
        <Input.TextArea
          rows={4}
          value={result}
          onChange={(e) => setResult(e.target.value)}
          placeholder={t('hardProblems.item.resultText')}
        />
      </Modal>
    </Flex>
  );
}
