import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Modal,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SUPERVISION_ITEMS,
  type SupervisionFindingInput,
  type SupervisionReport,
} from '../../../shared/domain/supervision.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, navigate } from '../../app/router.ts';
import { DateField } from '../../components/DateField.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PrintStyles } from '../../components/PrintStyles.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { supervisionApi } from './supervision-api.ts';

type Finding = SupervisionReport['findings'][number];
/** A finding being edited, with a key of its own (findings move as others are removed). */
type EditRow = SupervisionFindingInput & { uid: number };
let nextUid = 0;
const plain = (rows: readonly EditRow[]): SupervisionFindingInput[] => rows.map(({ uid: _uid, ...f }) => f);

/** The numbers behind a finding, as drafted: one line per supervision item. */
function Figures({ figures }: { figures: Finding['figures'] }) {
  const { t } = useTranslation();
  const lines = SUPERVISION_ITEMS.flatMap((item) => {
    const f = figures[item];
    if (!f) return [];
    const cases = f.cases.length > 0 ? ` (${f.cases.join(', ')})` : '';
    return [`${t(`supervision.items.${item}`)}: ${f.count}${cases}`];
  });
  return (
    <Flex vertical>
      {lines.map((line) => (
        <Typography.Text key={line} type="secondary">
          {line}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** A published finding's answer, as the shared findings record it. */
function Rectification({ r }: { r: Finding['rectification'] }) {
  const { t } = useTranslation();
  if (!r) return null;
  if (r.state === 'rectified')
    return (
      <Flex vertical>
        <Tag color="green">{t('supervision.rectificationStates.answered', { on: r.rectifiedOn })}</Tag>
        <Typography.Text>{r.note}</Typography.Text>
      </Flex>
    );
  return (
    <Tag color={r.state === 'overdue' ? 'red' : 'default'}>
      {t(
        r.state === 'overdue'
          ? 'supervision.rectificationStates.overdue'
          : 'supervision.rectificationStates.waiting',
      )}
    </Tag>
  );
}

/** The draft's editor: title, text and findings (unit, wording, due day), saved as a whole. */
function DraftEditor({ report, onChanged }: { report: SupervisionReport; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const reports = useMemo(() => supervisionApi(api), [api]);
  const [title, setTitle] = useState(report.title);
  const [body, setBody] = useState(report.body);
  const [findings, setFindings] = useState<EditRow[]>(() =>
    report.findings.map((f) => ({ uid: nextUid++, subjectKey: f.subjectKey, text: f.text, dueOn: f.dueOn })),
  );
  const [busy, setBusy] = useState(false);
  const figuresOf = new Map(report.subjects.map((s) => [s.key, s.figures]));
  const change = (i: number, patch: Partial<SupervisionFindingInput>) =>
    setFindings((all) => all.map((f, n) => (n === i ? { ...f, ...patch } : f)));

  const save = async () => {
    setBusy(true);
    try {
      await reports.edit(report.id, { title, body, findings: plain(findings) });
      message.success(t('supervision.saved'));
      onChanged();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setBusy(false);
    }
  };
  const publish = () =>
    Modal.confirm({
      title: t('supervision.publish'),
      content: t('supervision.publishConfirm'),
      onOk: async () => {
        try {
          await reports.edit(report.id, { title, body, findings: plain(findings) });
          await reports.publish(report.id);
          onChanged();
        } catch (caught) {
          message.error(t(toApiError(caught).messageKey));
        }
      },
    });

  return (
    <Flex vertical gap={12} data-testid="supervision-editor">
      <Flex vertical gap={2}>
        <span>{t('supervision.reportTitle')}</span>
        <Input
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="supervision-edit-title"
        />
      </Flex>
      <Flex vertical gap={2}>
        <span>{t('supervision.body')}</span>
        <Input.TextArea
          value={body}
          maxLength={8000}
          autoSize={{ minRows: 3 }}
          onChange={(e) => setBody(e.target.value)}
        />
      </Flex>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('supervision.findings')}
      </Typography.Title>
      {findings.map((f, i) => (
        <Card key={f.uid} size="small" data-testid="supervision-finding">
          <Flex gap={12} wrap align="start">
            <Flex vertical gap={2} style={{ minWidth: 220 }}>
              <span>{t('supervision.subject')}</span>
              <Select
                value={f.subjectKey}
                showSearch
                optionFilterProp="label"
                options={report.subjects.map((s) => ({ value: s.key, label: s.name }))}
                onChange={(key: string) => change(i, { subjectKey: key })}
              />
              <Figures figures={figuresOf.get(f.subjectKey) ?? {}} />
            </Flex>
            <Flex vertical gap={2} style={{ flex: 1, minWidth: 280 }}>
              <span>{t('supervision.text')}</span>
              <Input.TextArea
                value={f.text}
                maxLength={1000}
                autoSize={{ minRows: 2 }}
                onChange={(e) => change(i, { text: e.target.value })}
              />
            </Flex>
            <Flex vertical gap={2}>
              <span>{t('supervision.dueOn')}</span>
              <DateField value={f.dueOn} onChange={(day) => change(i, { dueOn: day })} />
            </Flex>
            <Button danger onClick={() => setFindings((all) => all.filter((_, n) => n !== i))}>
              {t('supervision.removeFinding')}
            </Button>
          </Flex>
        </Card>
      ))}
      <Flex gap={8} wrap>
        <Button
          disabled={report.subjects.length === 0}
          onClick={() =>
            setFindings((all) => [
              ...all,
              {
                uid: nextUid++,
                subjectKey: report.subjects[0]?.key ?? '',
                text: '',
                dueOn: all.at(-1)?.dueOn ?? report.period.to,
              },
            ])
          }
          data-testid="supervision-add-finding"
        >
          {t('supervision.addFinding')}
        </Button>
        <Button loading={busy} onClick={() => void save()} data-testid="supervision-save">
          {t('supervision.save')}
        </Button>
        <Button type="primary" onClick={publish} data-testid="supervision-publish">
          {t('supervision.publish')}
        </Button>
      </Flex>
    </Flex>
  );
}

/** A report as it reads: its text and, per unit, the finding, its figures and its rectification. */
function ReportView({ report }: { report: SupervisionReport }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Finding> = [
    { key: 'subject', title: t('supervision.subject'), dataIndex: 'subjectName', width: 160 },
    { key: 'text', title: t('supervision.text'), dataIndex: 'text' },
    {
      key: 'figures',
      title: t('supervision.figures'),
      width: 240,
      render: (_v, f) => <Figures figures={f.figures} />,
    },
    { key: 'due', title: t('supervision.dueOn'), dataIndex: 'dueOn', width: 110 },
    {
      key: 'rectification',
      title: t('supervision.rectification'),
      width: 200,
      render: (_v, f) => <Rectification r={f.rectification} />,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{report.body}</Typography.Paragraph>
      <Table<Finding>
        rowKey={(f) => `${f.subjectKey}-${f.dueOn}-${f.text.length}`}
        size="small"
        columns={columns}
        dataSource={report.findings}
        pagination={false}
        locale={{ emptyText: t('supervision.noFindings') }}
        scroll={{ x: 800 }}
        data-testid="supervision-findings"
      />
    </Flex>
  );
}

/**
 * /supervision/:id: a supervision report — the editor while it is a draft the caller writes, else
 * the report with each finding's rectification; `print` lays it out for A4.
 */
export function SupervisionReportPage({ id, print }: { id: string; print: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const reports = useMemo(() => supervisionApi(api), [api]);
  const load = useCallback((signal: AbortSignal) => reports.one(id, signal), [reports, id]);
  const state = useAsync(load);
  const report = state.status === 'success' ? state.data : null;
  const editing = report?.actions.includes('edit') === true && !print;

  return (
    <Flex vertical gap={16} data-testid={print ? 'supervision-print' : 'supervision-report'}>
      {print && <PrintStyles />}
      <Flex gap={8} wrap className="no-print">
        <Button
          href={print ? `/supervision/${id}` : '/supervision'}
          onClick={(e) => followLink(e, print ? `/supervision/${id}` : '/supervision')}
        >
          {t('supervision.back')}
        </Button>
        {report && !editing && (
          <Button
            onClick={() => (print ? window.print() : navigate(`/supervision/${id}/print`))}
            data-testid="supervision-print-button"
          >
            {t('supervision.print')}
          </Button>
        )}
      </Flex>
      {state.status === 'error' && <ApiErrorAlert error={state.error} onRetry={state.reload} />}
      {state.status === 'loading' && <Skeleton active />}
      {report && (
        <>
          <PageHeader
            title={report.title}
            subtitle={`${report.region.name} · ${report.period.from} – ${report.period.to}`}
          />
          <Card>
            <Flex vertical gap={12}>
              <Flex gap={8} wrap align="center">
                <Tag
                  color={report.state === 'published' ? 'green' : 'default'}
                  data-testid="supervision-state"
                >
                  {t(`supervision.states.${report.state}`)}
                </Tag>
                <Typography.Text type="secondary">
                  {t(report.scorePeriodId ? 'supervision.source.closed' : 'supervision.source.live')}
                </Typography.Text>
                {report.publishedAt && (
                  <Typography.Text type="secondary">
                    {t('supervision.published', {
                      by: report.publishedBy,
                      at: new Date(report.publishedAt).toLocaleString(),
                    })}
                  </Typography.Text>
                )}
              </Flex>
              {editing ? (
                <DraftEditor key={report.id} report={report} onChanged={state.reload} />
              ) : (
                <ReportView report={report} />
              )}
            </Flex>
          </Card>
        </>
      )}
    </Flex>
  );
}
