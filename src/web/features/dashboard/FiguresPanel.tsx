import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, DatePicker, Flex, Row, Segmented, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FIGURE_PERIOD_KINDS,
  type FigurePeriodKind,
  MAX_CUSTOM_DAYS,
} from '../../../shared/domain/figure-periods.ts';
import { figuresReportSchema } from '../../../shared/domain/figures.ts';
import { addDays, cstDay } from '../../../shared/time/china-time.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { type FigureCard, figureCards } from './figure-cards.ts';
import { figureListPath } from './figure-links.ts';
import { type PeriodChoice, periodChoiceQuery } from './period-choice.ts';

/** A custom range starts as the last 30 Beijing days, today included. */
const defaultRange = (): PeriodChoice => {
  const today = cstDay(new Date());
  return { period: 'custom', from: addDays(today, -29), to: today };
};

/**
 * The headline figures of a place (GET /api/v1/figures) for this week, month, quarter or year
 * (by the district's assessment calendar) or a custom range of days,
 * each with how it is counted, its change against the previous period, and — where a list counts
 * exactly what it does — a link to the cases or visits behind the number.
 */
export function FiguresPanel({
  regionId,
  period,
  onPeriod,
}: {
  regionId: string;
  period: PeriodChoice;
  onPeriod: (period: PeriodChoice) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  // The query string, not the object (new on every render), decides when to read again.
  const query = periodChoiceQuery(period);
  const load = useCallback(
    (signal: AbortSignal) =>
      api.request(
        'GET',
        `/api/v1/figures?regionId=${encodeURIComponent(regionId)}&${query}`,
        figuresReportSchema,
        {
          signal,
        },
      ),
    [api, regionId, query],
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
    <Flex
      vertical
      gap={12}
      data-testid="figures-panel"
      data-period={period.period}
      data-from={report.data?.current.period.from}
      data-to={report.data?.current.period.to}
    >
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('figures.title')}
        </Typography.Title>
        <Flex gap={8} align="center" wrap>
          <Segmented<FigurePeriodKind>
            value={period.period}
            onChange={(kind) => onPeriod(kind === 'custom' ? defaultRange() : { period: kind })}
            options={FIGURE_PERIOD_KINDS.map((p) => ({ value: p, label: t(`figures.periods.${p}`) }))}
            data-testid="figures-period"
          />
          {period.period === 'custom' && (
            <span data-testid="figures-range">
              <DatePicker.RangePicker
                aria-label={t('figures.customRange')}
                title={t('figures.customRange')}
                allowClear={false}
                value={[dayjs(period.from), dayjs(period.to)]}
                disabledDate={(d, { from }) =>
                  from ? Math.abs(d.diff(from, 'day')) >= MAX_CUSTOM_DAYS : false
                }
                onChange={(range) => {
                  const [from, to] = range ?? [];
                  if (from && to)
                    onPeriod({
                      period: 'custom',
                      from: from.format('YYYY-MM-DD'),
                      to: to.format('YYYY-MM-DD'),
                    });
                }}
              />
            </span>
          )}
        </Flex>
      </Flex>
      {report.status === 'error' && <ApiErrorAlert error={report.error} onRetry={report.reload} />}
      {report.status === 'loading' && <Skeleton active />}
      {cards && group(t('figures.cases'), cards.cases)}
      {cards && group(t('figures.visits'), cards.visits)}
    </Flex>
  );
}
