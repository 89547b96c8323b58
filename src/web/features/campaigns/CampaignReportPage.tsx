import { QuestionCircleOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAMPAIGN_HEADLINE,
  type CampaignExample,
  type CampaignGridRow,
  type CampaignReport,
  type CampaignUnitRow,
  headlineMessageKey,
  headlineValue,
  isPercentFigure,
} from '../../../shared/domain/campaign.ts';
import { DEFAULT_LOCALE, normalizeLocale } from '../../../shared/i18n/locales.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PrintStyles } from '../../components/PrintStyles.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { CampaignWriteUps } from '../examples/CampaignWriteUps.tsx';
import { saveFile } from '../transfer/save-file.ts';
import { useCampaignsApi } from './campaigns-api.ts';
import { VisitsByCommunityChart } from './VisitsByCommunityChart.tsx';

/** A figure as shown: a count, or a share in per cent; a dash when nothing divides. */
const shown = (value: number | null, percent: boolean) =>
  value === null ? '—' : percent ? `${value}%` : String(value);

/**
 * A campaign's report (GET /api/v1/campaigns/:id): the headline figures with how each is counted,
 * visits by community as a chart and a table, people sent down per grid, and the example cases; a
 * leader adds an example by its case number. `print` is the same report laid out for A4.
 */
export function CampaignReportPage({ id, print }: { id: string; print: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const campaigns = useCampaignsApi();
  const load = useCallback((signal: AbortSignal) => campaigns.report(id, signal), [campaigns, id]);
  const report = useAsync(load);
  const mayPlan = me.permissions.includes('visits:plan') && !print;
  const [downloading, setDownloading] = useState(false);

  const download = async () => {
    setDownloading(true);
    try {
      const file = await campaigns.pack(id, normalizeLocale(i18n.language) ?? DEFAULT_LOCALE);
      saveFile(file.blob, file.fileName ?? 'campaign-report.xlsx');
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setDownloading(false);
    }
  };

  if (report.status === 'error') return <ApiErrorAlert error={report.error} onRetry={report.reload} />;
  if (report.status === 'loading') return <Skeleton active />;
  const r = report.data;
  const def = (key: string) => t(`figures.defs.${key}.name`);
  return (
    <Flex
      vertical
      gap={16}
      className="campaign-report"
      data-testid={print ? 'campaign-print' : 'campaign-report'}
    >
      {print && <PrintStyles />}
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="campaign-title">
            {r.campaign.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {r.campaign.region.name} ·{' '}
            {t('campaigns.periodText', { from: r.campaign.from, to: r.campaign.to })}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap className="no-print">
          <Button
            href={print ? `/campaigns/${id}` : '/campaigns'}
            onClick={(e) => followLink(e, print ? `/campaigns/${id}` : '/campaigns')}
          >
            {t('campaigns.back')}
          </Button>
          <Button loading={downloading} onClick={download} data-testid="campaign-download">
            {t('campaigns.download')}
          </Button>
          <Button
            type="primary"
            onClick={() => (print ? window.print() : navigate(`/campaigns/${id}/print`))}
            data-testid="campaign-print-button"
          >
            {t('campaigns.print')}
          </Button>
        </Flex>
      </Flex>
      <Headline report={r} />
      <Card size="small" title={t('campaigns.chartTitle')}>
        <VisitsByCommunityChart
          rows={r.byUnit}
          labels={{ visits: def('visits'), householdVisits: def('householdVisits') }}
        />
      </Card>
      <Card size="small" title={t('campaigns.byUnit')}>
        <Table<CampaignUnitRow>
          size="small"
          rowKey={(u) => u.region.id}
          dataSource={r.byUnit}
          pagination={false}
          data-testid="campaign-by-unit"
          columns={[
            { key: 'unit', title: t('campaigns.unit'), render: (_, u) => u.region.name },
            { key: 'visits', title: def('visits'), dataIndex: 'visits' },
            { key: 'householdVisits', title: def('householdVisits'), dataIndex: 'householdVisits' },
            { key: 'enterpriseVisits', title: def('enterpriseVisits'), dataIndex: 'enterpriseVisits' },
            { key: 'problemsFound', title: def('problemsFound'), dataIndex: 'problemsFound' },
            { key: 'solvedOnSpot', title: def('solvedOnSpot'), dataIndex: 'solvedOnSpot' },
            { key: 'opinionsCollected', title: def('opinionsCollected'), dataIndex: 'opinionsCollected' },
            {
              key: 'coverage',
              title: def('householdCoveragePercent'),
              render: (_, u) => `${u.householdCoveragePercent}%`,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('campaigns.byGrid')}>
        <Table<CampaignGridRow>
          size="small"
          rowKey={(g) => g.region.id}
          dataSource={r.byGrid.filter((g) => g.visits > 0 || g.peopleSentDown > 0)}
          pagination={false}
          data-testid="campaign-by-grid"
          columns={[
            { key: 'grid', title: t('campaigns.grid'), render: (_, g) => g.region.name },
            { key: 'visits', title: def('visits'), dataIndex: 'visits' },
            { key: 'householdVisits', title: def('householdVisits'), dataIndex: 'householdVisits' },
            { key: 'problemsFound', title: def('problemsFound'), dataIndex: 'problemsFound' },
            { key: 'people', title: t('campaigns.peopleSentDown.name'), dataIndex: 'peopleSentDown' },
          ]}
        />
      </Card>
      <Examples id={id} examples={r.examples} mayPlan={mayPlan} onChanged={report.reload} />
      <CampaignWriteUps writeUps={r.writeUps} />
    </Flex>
  );
}

function Headline({ report }: { report: CampaignReport }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('campaigns.headline')}>
      <Row gutter={[12, 12]}>
        {CAMPAIGN_HEADLINE.map((h) => {
          const key = headlineMessageKey(h);
          const text = shown(headlineValue(report, h), isPercentFigure(h));
          return (
            <Col key={h.key} xs={12} sm={8} lg={6} xl={4}>
              <Statistic
                data-testid={`campaign-figure-${h.key}`}
                data-value={text}
                title={
                  <Flex gap={4} align="center">
                    {t(`${key}.name`)}
                    <Tooltip title={t(`${key}.how`)}>
                      <QuestionCircleOutlined className="no-print" aria-label={t(`${key}.how`)} />
                    </Tooltip>
                  </Flex>
                }
                value={text}
              />
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

function Examples({
  id,
  examples,
  mayPlan,
  onChanged,
}: {
  id: string;
  examples: readonly CampaignExample[];
  mayPlan: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const campaigns = useCampaignsApi();
  const [caseRef, setCaseRef] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (request: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await request();
      message.success(done);
      setCaseRef('');
      setNote('');
      onChanged();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('campaigns.examples')}>
      <Flex vertical gap={12}>
        <Table<CampaignExample>
          size="small"
          rowKey="caseId"
          dataSource={[...examples]}
          pagination={false}
          locale={{ emptyText: t('campaigns.examplesEmpty') }}
          data-testid="campaign-examples"
          columns={[
            {
              key: 'number',
              title: t('campaigns.caseNumber'),
              render: (_, e) => (
                <a href={`/cases/${e.caseId}`} onClick={(ev) => followLink(ev, `/cases/${e.caseId}`)}>
                  {e.number}
                </a>
              ),
            },
            { key: 'title', title: t('campaigns.caseTitle'), dataIndex: 'title' },
            { key: 'place', title: t('campaigns.casePlace'), dataIndex: 'regionName' },
            { key: 'state', title: t('campaigns.caseState'), render: (_, e) => t(`cases.states.${e.state}`) },
            { key: 'note', title: t('campaigns.note'), dataIndex: 'note' },
            ...(mayPlan
              ? [
                  {
                    key: 'unmark',
                    title: '',
                    render: (_: unknown, e: CampaignExample) => (
                      <Button
                        size="small"
                        disabled={busy}
                        onClick={() =>
                          run(() => campaigns.unmarkExample(id, e.caseId), t('campaigns.unmarked'))
                        }
                      >
                        {t('campaigns.unmark')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {mayPlan && (
          <Form layout="inline" className="no-print">
            <Form.Item label={t('campaigns.caseRef')} tooltip={t('campaigns.caseRefHelp')}>
              <Input
                value={caseRef}
                onChange={(e) => setCaseRef(e.target.value)}
                placeholder="330109-2026-000123"
                data-testid="example-case-ref"
              />
            </Form.Item>
            <Form.Item label={t('campaigns.note')}>
              <Input
                value={note}
                maxLength={200}
                onChange={(e) => setNote(e.target.value)}
                data-testid="example-note"
              />
            </Form.Item>
            <Button
              disabled={caseRef.trim() === ''}
              loading={busy}
              data-testid="example-mark"
              onClick={() =>
                run(
                  () =>
                    campaigns.markExample(id, {
                      caseRef: caseRef.trim(),
                      ...(note.trim() ? { note: note.trim() } : {}),
                    }),
                  t('campaigns.marked'),
                )
              }
            >
              {t('campaigns.markExample')}
            </Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
