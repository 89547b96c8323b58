import { Button, Card, Flex, type TableColumnsType, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScorePointsPage as PointsPage, ScorePointView } from '../../../shared/domain/scores.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, useSearch } from '../../app/router.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type CursorPage, type PageRequest, useCursorList } from '../../components/use-cursor-list.ts';
import { periodKindOf, pointsText, searchOf } from './score-format.ts';
import { scoresApi } from './scores-api.ts';

type PointRow = ScorePointView & { id: string };
type PointsList = CursorPage<PointRow> & { page: PointsPage };

/** Where a point came from: the case it was earned on, a spot check, an example or the period's figures. */
function Source({ point }: { point: ScorePointView }) {
  const { t } = useTranslation();
  const { source } = point;
  if (source.caseId) {
    const to = `/cases/${source.caseId}`;
    return (
      <a href={to} onClick={(e) => followLink(e, to)} data-testid="score-point-case">
        {source.caseNumber ?? source.caseId}
      </a>
    );
  }
  if (source.kind === 'spot_check_item') return <>{t('scores.points.spotCheck')}</>;
  if (source.kind === 'campaign_example' || source.kind === 'published_example')
    return <>{t('scores.points.example')}</>;
  if (source.kind === 'finding')
    return (
      <a href="/findings" onClick={(e) => followLink(e, '/findings')}>
        {t('findings.title')}
      </a>
    );
  if (source.kind === 'hard_problem_item') {
    const to = `/hard-problems/${source.id}`;
    return (
      <a href={to} onClick={(e) => followLink(e, to)}>
        {t('hardProblems.title')}
      </a>
    );
  }
  if (source.kind === 'evaluation_round') {
    const to = `/evaluation/${source.id}`;
    return (
      <a href={to} onClick={(e) => followLink(e, to)}>
        {t('evaluation.title')}
      </a>
    );
  }
  return <>{t('scores.points.figure')}</>;
}

/**
 * /scores/points?regionId&period&at&subject: one subject's points in the live table, each with
 * the fact that earned it, paged by the API's cursor; the whole score on top.
 */
export function ScorePointsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const scores = useMemo(() => scoresApi(api), [api]);
  const search = useSearch();
  const params = new URLSearchParams(search);
  const regionId = params.get('regionId') ?? '';
  const subject = params.get('subject') ?? '';
  const period = periodKindOf(params.get('period'));
  const at = params.get('at') ?? undefined;

  const fetchPage = useCallback(
    async (page: PageRequest, signal: AbortSignal): Promise<PointsList> => {
      const got = await scores.points(
        { regionId, subject, period, at, after: page.after, limit: page.limit },
        signal,
      );
      return {
        items: got.items.map((p) => ({ ...p, id: p.key })),
        next: got.next,
        total: got.total,
        page: got,
      };
    },
    [scores, regionId, subject, period, at],
  );
  const list = useCursorList(fetchPage, search);
  const shown = list.shown?.page;

  const columns: TableColumnsType<PointRow> = [
    { key: 'day', title: t('scores.points.day'), dataIndex: 'day', width: 110 },
    {
      key: 'item',
      title: t('scores.points.item'),
      width: 280,
      render: (_v, p) => t(`scores.items.${p.item}`),
    },
    { key: 'points', title: t('scores.points.points'), width: 90, render: (_v, p) => pointsText(p.cp, true) },
    { key: 'source', title: t('scores.points.source'), render: (_v, p) => <Source point={p} /> },
  ];
  const back = `/scores?${searchOf({ regionId, period, at })}`;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('scores.points.title')}
        subtitle={t('scores.points.subtitle')}
        titleTestId="score-points-title"
      />
      <Card
        extra={
          <Button href={back} onClick={(e) => followLink(e, back)} data-testid="score-points-back">
            {t('scores.points.back')}
          </Button>
        }
        title={
          shown ? (
            <Typography.Text data-testid="score-points-total">
              {t('scores.points.total', {
                name: shown.subject.name,
                score: pointsText(shown.scoreCp),
                from: shown.period.from,
                to: shown.period.to,
              })}
            </Typography.Text>
          ) : null
        }
      >
        <div data-testid="score-points">
          <PagedTable<PointRow>
            list={list}
            columns={columns}
            scrollX={640}
            messages="scores.points"
            testId="score-points"
          />
        </div>
      </Card>
    </Flex>
  );
}
