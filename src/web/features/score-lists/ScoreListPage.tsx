import { App, Button, Card, Flex, Input, Modal, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreList } from '../../../shared/domain/score-lists.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate } from '../../app/router.ts';
import { DateField } from '../../components/DateField.tsx';
import { PrintStyles } from '../../components/PrintStyles.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { saveFile } from '../transfer/save-file.ts';
import { KindTag } from './ScoreListsPage.tsx';
import { useScoreListsApi } from './score-lists-api.ts';

type Item = ScoreList['items'][number];
const points = (cp: number) => String(cp / 100);

/**
 * /score-lists/:id: one praise or criticism list. A draft is edited here by the leaders who may
 * approve it — its title, which subjects of the period are on it and each one's wording — and
 * approved (a criticism list with the day its findings are due); a published list prints
 * (`print`: the same list laid out for A4) and exports to Excel.
 */
export function ScoreListPage({ id, print }: { id: string; print: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lists = useScoreListsApi();
  const load = useCallback((signal: AbortSignal) => lists.list(id, signal), [lists, id]);
  const state = useAsync(load);
  const [list, setList] = useState<ScoreList | null>(null);
  const [title, setTitle] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const [saving, setSaving] = useState(false);
  const [approving, setApproving] = useState(false);
  const [downloading, setDownloading] = useState(false);
  // The subject last added stays shown in the picker, so the leader sees what was added.
  const [picked, setPicked] = useState<string | null>(null);

  const show = useCallback((l: ScoreList) => {
    setList(l);
    setTitle(l.title);
    setItems(l.items);
  }, []);
  // Only a new answer from the server resets the form, never a re-render while editing.
  const loaded = state.status === 'success' ? state.data : null;
  useEffect(() => {
    if (loaded) show(loaded);
  }, [loaded, show]);

  if (state.status === 'error') return <ApiErrorAlert error={state.error} onRetry={state.reload} />;
  if (!list) return <Skeleton active />;
  const editable = list.actions.includes('edit') && !print;
  const listed = new Set(items.map((i) => i.subjectKey));
  const subjects = [
    ...list.candidates,
    ...list.items.map((i) => ({
      subjectKey: i.subjectKey,
      subjectName: i.subjectName,
      scoreCp: i.scoreCp,
      rank: i.rank,
    })),
  ];

  const save = async () => {
    setSaving(true);
    try {
      show(
        await lists.saveEntries(id, {
          title,
          entries: items.map((i) => ({ subjectKey: i.subjectKey, text: i.text })),
        }),
      );
      message.success(t('scoreLists.edit.saved'));
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setSaving(false);
    }
  };

  const download = async () => {
    setDownloading(true);
    try {
      const file = await lists.exportList(id);
      saveFile(file.blob, file.fileName ?? 'score-list.xlsx');
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setDownloading(false);
    }
  };

  const add = (key: string) => {
    const c = subjects.find((x) => x.subjectKey === key);
    if (!c || listed.has(key)) return;
    setPicked(key);
    const kind = list.items.find((i) => i.subjectKey === key)?.subjectKind;
    setItems([
      ...items,
      {
        subjectKey: c.subjectKey,
        subjectKind: kind ?? (/^u:/.test(key) ? 'cadres' : /^[dr]:/.test(key) ? 'units' : 'places'),
        subjectName: c.subjectName,
        scoreCp: c.scoreCp,
        rank: c.rank,
        text: c.subjectName,
        findingId: null,
      },
    ]);
  };

  return (
    <Flex vertical gap={16} data-testid={print ? 'score-list-print' : 'score-list'}>
      {print && <PrintStyles />}
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="score-list-title">
            {list.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {list.region.name} · {t('scoreLists.periodText', { from: list.period.from, to: list.period.to })}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap className="no-print">
          <Button
            href={print ? `/score-lists/${id}` : '/score-lists'}
            onClick={(e) => followLink(e, print ? `/score-lists/${id}` : '/score-lists')}
          >
            {t(print ? 'scoreLists.back' : 'scoreLists.title')}
          </Button>
          {list.kind === 'criticism' && list.state === 'published' && (
            <Button
              href={`/findings?sourceId=${id}`}
              onClick={(e) => followLink(e, `/findings?sourceId=${id}`)}
              data-testid="score-list-findings"
            >
              {t('scoreLists.findings')}
            </Button>
          )}
          {list.actions.includes('export') && (
            <Button loading={downloading} onClick={download} data-testid="score-list-export">
              {t('scoreLists.export')}
            </Button>
          )}
          {list.state === 'published' && (
            <Button
              onClick={() => (print ? window.print() : navigate(`/score-lists/${id}/print`))}
              data-testid="score-list-print-button"
            >
              {t('scoreLists.print')}
            </Button>
          )}
          {editable && (
            <Button type="primary" onClick={() => setApproving(true)} data-testid="score-list-approve">
              {t('scoreLists.approve.button')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Flex gap={8} wrap align="center">
        <KindTag kind={list.kind} />
        <Tag
          color={list.state === 'published' ? 'green' : 'gold'}
          data-testid="score-list-state"
          data-state={list.state}
        >
          {t(`scoreLists.states.${list.state}`)}
        </Tag>
        {list.stale && <Tag color="orange">{t('scoreLists.stale')}</Tag>}
        <Typography.Text type="secondary">
          {list.approvedBy && list.approvedAt
            ? t('scoreLists.approvedBy', { name: list.approvedBy, at: list.approvedAt.slice(0, 10) })
            : t('scoreLists.proposedBy', { name: list.proposedBy, at: list.proposedAt.slice(0, 10) })}
        </Typography.Text>
        {list.dueOn && <Typography.Text strong>{t('scoreLists.dueOn', { day: list.dueOn })}</Typography.Text>}
      </Flex>
      {editable && (
        <Flex vertical gap={2}>
          <label htmlFor="score-list-title-input">{t('scoreLists.edit.titleLabel')}</label>
          <Input
            id="score-list-title-input"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
          />
        </Flex>
      )}
      <Card size="small">
        <Table<Item>
          size="small"
          rowKey="subjectKey"
          dataSource={items}
          pagination={false}
          data-testid="score-list-entries"
          onRow={(i) =>
            ({
              'data-testid': 'score-list-entry',
              'data-subject': i.subjectKey,
              'data-name': i.subjectName,
            }) as never
          }
          columns={[
            { key: 'n', title: t('scoreLists.columns.number'), width: 56, render: (_, __, n) => n + 1 },
            { key: 'subject', title: t('scoreLists.columns.subject'), render: (_, i) => i.subjectName },
            {
              key: 'kind',
              title: t('scoreLists.columns.kind'),
              render: (_, i) => t(`scoreLists.subjectKinds.${i.subjectKind}`),
            },
            { key: 'score', title: t('scoreLists.columns.score'), render: (_, i) => points(i.scoreCp) },
            { key: 'rank', title: t('scoreLists.columns.rank'), dataIndex: 'rank' },
            {
              key: 'text',
              title: t('scoreLists.columns.text'),
              render: (_, i) =>
                editable ? (
                  <Input.TextArea
                    value={i.text}
                    maxLength={1000}
                    autoSize
                    aria-label={`${t('scoreLists.columns.text')} ${i.subjectName}`}
                    data-testid="score-list-entry-text"
                    onChange={(e) =>
                      setItems(
                        items.map((x) =>
                          x.subjectKey === i.subjectKey ? { ...x, text: e.target.value } : x,
                        ),
                      )
                    }
                  />
                ) : (
                  i.text
                ),
            },
            ...(editable
              ? [
                  {
                    key: 'remove',
                    title: '',
                    render: (_: unknown, i: Item) => (
                      <Button
                        size="small"
                        onClick={() => setItems(items.filter((x) => x.subjectKey !== i.subjectKey))}
                        data-testid="score-list-entry-remove"
                      >
                        {t('scoreLists.edit.remove')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {editable && (
        <Flex gap={8} wrap align="center">
          <Select
            showSearch
            style={{ minWidth: 280 }}
            placeholder={t('scoreLists.edit.add')}
            value={picked}
            onChange={(key: string) => add(key)}
            optionFilterProp="label"
            data-testid="score-list-add"
            options={subjects.map((c) => ({
              value: c.subjectKey,
              label: c.subjectName,
              disabled: listed.has(c.subjectKey) && c.subjectKey !== picked,
            }))}
          />
          <Button type="primary" loading={saving} onClick={save} data-testid="score-list-save">
            {t('scoreLists.edit.save')}
          </Button>
        </Flex>
      )}
      {approving && (
        <ApproveModal
          list={list}
          onClose={() => setApproving(false)}
          beforeApprove={save}
          onApproved={(l) => {
            setApproving(false);
            show(l);
          }}
        />
      )}
    </Flex>
  );
}

/** Approves the draft as it is saved; a criticism list asks the day its findings are due. */
function ApproveModal({
  list,
  onClose,
  beforeApprove,
  onApproved,
}: {
  list: ScoreList;
  onClose: () => void;
  beforeApprove: () => Promise<void>;
  onApproved: (l: ScoreList) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const lists = useScoreListsApi();
  const tomorrow = addDays(cstDay(new Date()), 1);
  const [dueOn, setDueOn] = useState(addDays(cstDay(new Date()), 30));
  const [busy, setBusy] = useState(false);
  const criticism = list.kind === 'criticism';

  const approve = async () => {
    setBusy(true);
    try {
      await beforeApprove();
      const approved = await lists.approve(list.id, criticism ? { dueOn } : {});
      message.success(t('scoreLists.approve.done'));
      onApproved(approved);
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('scoreLists.approve.title', { title: list.title })}
      onCancel={onClose}
      onOk={approve}
      okText={t('scoreLists.approve.ok')}
      okButtonProps={
        { loading: busy, disabled: criticism && !dueOn, 'data-testid': 'score-list-approve-ok' } as never
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text>{t('scoreLists.approve.lead')}</Typography.Text>
        {criticism && (
          <>
            <Typography.Text>{t('scoreLists.approve.criticismLead')}</Typography.Text>
            <label htmlFor="score-list-due">{t('scoreLists.approve.dueOn')}</label>
            <DateField
              id="score-list-due"
              value={dueOn}
              onChange={setDueOn}
              min={tomorrow}
              data-testid="score-list-due"
            />
          </>
        )}
      </Flex>
    </Modal>
  );
}
