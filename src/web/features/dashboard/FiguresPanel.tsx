import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Segmented, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { figuresReportSchema } from '../../../shared/domain/figures.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { type FigureCard, figureCards } from './figure-cards.ts';
import { figureListPath } from './figure-links.ts';

export const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIODS)[number];

/**
 * The headline figures of a place (GET /api/v1/figures) for this week, month, quarter or year,
 * each with how it is counted, its change against the previous period, and — where a list counts
 * exactly what it does — a link to the cases or visits behind the number.
 */
export function FiguresPanel({
  regionId,
  period,
  onPeriod,
}: {
  regionId: string;
  period: PeriodKind;
  onPeriod: (period: PeriodKind) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
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
  const scope = report.data && {
    regionId,
    from: report.data.current.period.from,
    to: report.data.current.period.to,
  };
  const shown = (c: FigureCard) => {
    const to = scope && figureListPath(c.id, scope);
    return to ? (
      <a href={to} onClick={(e) => followLink(e, to)} data-testid={`headline-link-${c.id}`}>
        {c.text}
      </a>
    ) : (
      c.text
    );
  };

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
                valueRender={() => shown(c)}
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
          onChange={onPeriod}
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
