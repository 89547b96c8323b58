import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Segmented, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { figuresReportSchema } from '../../../shared/domain/figures.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { type FigureCard, figureCards } from './figure-cards.ts';

const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
type PeriodKind = (typeof PERIODS)[number];

/**
 * The headline figures of the caller's territory (GET /api/v1/figures) for this week, month,
 * quarter or year, each with how it is counted and its change against the previous period.
 */
export function FiguresPanel({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [period, setPeriod] = useState<PeriodKind>('month');
  const load = useCallback(
    (signal: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/figures?regionId=${encodeURIComponent(regionId)}&period=${period}`,
        figuresReportSchema,
        {
          signal,
        },
      ),
    [api, regionId, period],
  );
  const report = useAsync(load);
  const cards = report.data ? figureCards(report.data) : null;

  const group = (title: string, list: FigureCard[]) => (
    <>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <Row gutter={[12, 12]}>
        {list.map((c) => (
          <Col key={c.id} xs={12} sm={8} lg={6} xl={4}>
            <Card size="small" data-testid={`headline-${c.id}`} data-value={c.text}>
              <Statistic
                title={
                  <Flex gap={4} align="center">
                    {t(`figures.defs.${c.id}.name`)}
                    <Tooltip title={t(`figures.defs.${c.id}.how`)}>
                      <QuestionCircleOutlined aria-label={t(`figures.defs.${c.id}.how`)} />
                    </Tooltip>
                  </Flex>
                }
                value={c.text}
              />
              {c.change && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('figures.change', { change: c.change })}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );

  return (
    <Flex vertical gap={12} data-testid="figures-panel" data-period={period}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('figures.title')}
        </Typography.Title>
        <Segmented<PeriodKind>
          value={period}
          onChange={setPeriod}
          options={PERIODS.map((p) => ({ value: p, label: t(`figures.periods.${p}`) }))}
          data-testid="figures-period"
        />
      </Flex>
      {report.status === 'error' && <ApiErrorAlert error={report.error} onRetry={report.reload} />}
      {report.status === 'loading' && <Skeleton active />}
      {cards && group(t('figures.cases'), cards.cases)}
      {cards && group(t('figures.visits'), cards.visits)}
    </Flex>
  );
}
