import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Radio,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type EvaluationRating,
  type EvaluationResult,
  type EvaluationRoundView,
  MAX_SCORE,
  MIN_SCORE,
} from '../../../shared/domain/evaluation.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { evaluationApi } from './evaluation-api.ts';

type Unit = EvaluationRoundView['raterUnits'][number];
type Subject = Unit['subjects'][number];
const SCALE = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, (_, i) => MIN_SCORE + i);

/** The figures beside the form: visits and problems, and a community's cases. */
function Facts({ facts }: { facts: Subject['facts'] }) {
  const { t } = useTranslation();
  return (
    <>
      {t('evaluation.factLine', facts)}
      {facts.casesReceived !== null && (
        <>
          {'；'}
          {t('evaluation.caseLine', { received: facts.casesReceived, closed: facts.casesClosed })}
        </>
      )}
    </>
  );
}

/** One subject's form: every criterion 1–5 and a comment. */
function RatingForm({
  round,
  unit,
  subject,
  onDone,
}: {
  round: EvaluationRoundView;
  unit: Unit;
  subject: Subject;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const complete = round.criteria.every((c) => scores[c.key] !== undefined);
  const submit = async () => {
    setSaving(true);
    try {
      await evaluationApi(api).rate(round.id, {
        raterUnit: unit.key,
        subject: subject.key,
        scores,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      message.success(t('evaluation.submitted'));
      onDone();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={`${t('evaluation.rate')}：${subject.name}`} data-testid="evaluation-form">
      <Flex vertical gap={12}>
        <div>{t('evaluation.criteria')}</div>
        {round.criteria.map((c) => (
          <Flex key={c.key} gap={12} wrap align="center" data-testid="evaluation-criterion" data-key={c.key}>
            <span style={{ minWidth: 120 }}>
              {c.name}
              {c.hint ? (
                <div style={{ color: 'var(--ant-color-text-secondary)', fontSize: 12 }}>{c.hint}</div>
              ) : null}
            </span>
            <Radio.Group
              value={scores[c.key]}
              onChange={(e) => setScores((s) => ({ ...s, [c.key]: Number(e.target.value) }))}
              options={SCALE.map((n) => ({ value: n, label: String(n) }))}
            />
          </Flex>
        ))}
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('evaluation.comment')}
          maxLength={500}
          rows={2}
          data-testid="evaluation-comment"
        />
        <Button
          type="primary"
          disabled={!complete}
          loading={saving}
          onClick={() => void submit()}
          data-testid="evaluation-submit"
        >
          {t('evaluation.submit')}
        </Button>
      </Flex>
    </Card>
  );
}

function RatingsTable({
  round,
  ratings,
  testId,
}: {
  round: EvaluationRoundView;
  ratings: EvaluationRating[];
  testId: string;
}) {
  const { t } = useTranslation();
  const columns: TableColumnsType<EvaluationRating> = [
    { key: 'unit', title: t('evaluation.raterUnit'), dataIndex: 'raterUnitName', width: 150 },
    { key: 'subject', title: t('evaluation.subject'), dataIndex: 'subjectName', width: 160 },
    ...round.criteria.map((c) => ({
      key: c.key,
      title: c.name,
      width: 90,
      render: (_v: unknown, r: EvaluationRating) => r.scores[c.key] ?? '',
    })),
    { key: 'comment', title: t('evaluation.comment'), render: (_v, r) => r.comment ?? '' },
  ];
  return (
    <Table<EvaluationRating>
      rowKey={(r) => `${r.raterUnit}|${r.subject}`}
      size="small"
      columns={columns}
      dataSource={ratings}
      locale={{ emptyText: t('evaluation.noRatings') }}
      pagination={false}
      scroll={{ x: 700 }}
      onRow={(r) => ({ 'data-testid': testId, 'data-subject': r.subject }) as never}
    />
  );
}

/**
 * /evaluation/:id: one round. A rater sees the units they rate for, whom each may rate with the
 * period's figures beside the form, and their own units' ratings; a leader of the round closes it;
 * once closed, the results per subject.
 */
export function EvaluationRoundPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const rounds = useMemo(() => evaluationApi(api), [api]);
  const load = useCallback((signal: AbortSignal) => rounds.one(id, signal), [rounds, id]);
  const state = useAsync(load);
  const [rating, setRating] = useState<{ unit: string; subject: string } | null>(null);
  const [closing, setClosing] = useState(false);

  if (state.status === 'error') return <ApiErrorAlert error={state.error} onRetry={state.reload} />;
  if (state.status === 'loading') return <Card loading />;
  const round = state.data;
  const close = async () => {
    setClosing(true);
    try {
      await rounds.close(round.id);
      message.success(t('evaluation.closed'));
      state.reload();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setClosing(false);
    }
  };
  const unitOf = (key: string) => round.raterUnits.find((u) => u.key === key);
  const mineKeys = new Set(round.raterUnits.map((u) => u.key));
  const own = round.ratings.filter((r) => mineKeys.has(r.raterUnit));
  const others = round.ratings.filter((r) => !mineKeys.has(r.raterUnit));

  const resultColumns: TableColumnsType<EvaluationResult> = [
    { key: 'subject', title: t('evaluation.subject'), dataIndex: 'subjectName', width: 160 },
    { key: 'ratings', title: t('evaluation.ratings'), dataIndex: 'ratings', width: 90 },
    ...round.criteria.map((c) => ({
      key: c.key,
      title: c.name,
      width: 100,
      render: (_v: unknown, r: EvaluationResult) => r.means[c.key] ?? '',
    })),
    { key: 'overall', title: t('evaluation.overallMean'), dataIndex: 'overallMean', width: 100 },
  ];

  return (
    <Flex vertical gap={16} data-testid="evaluation-round" data-state={round.state}>
      <PageHeader
        title={round.title}
        subtitle={`${t(`evaluation.kinds.${round.kind}`)} · ${round.region.name} · ${round.from} – ${round.to}`}
        titleTestId="evaluation-round-title"
        extra={
          <Flex gap={8} align="center">
            <Tag color={round.state === 'open' ? 'blue' : 'default'} data-testid="evaluation-state">
              {t(`evaluation.states.${round.state}`)}
            </Tag>
            <a href="/evaluation" onClick={(e) => followLink(e, '/evaluation')}>
              {t('evaluation.back')}
            </a>
            {round.actions.includes('close') && (
              <Popconfirm title={t('evaluation.closeConfirm')} onConfirm={() => void close()}>
                <Button danger loading={closing} data-testid="evaluation-close">
                  {t('evaluation.close')}
                </Button>
              </Popconfirm>
            )}
          </Flex>
        }
      />
      {round.state === 'open' && round.raterUnits.length === 0 && (
        <Alert type="info" title={t('evaluation.notRater')} />
      )}
      {round.state === 'open' && round.actions.includes('close') && (
        <Alert type="info" title={t('evaluation.ratingCount', { count: round.ratingCount })} />
      )}
      {round.raterUnits.map((unit) => (
        <Card
          key={unit.key}
          title={`${t('evaluation.raterUnit')}：${unit.name}`}
          data-testid="evaluation-unit"
        >
          <Table<Subject>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={unit.subjects}
            onRow={(s) => ({ 'data-testid': 'evaluation-subject', 'data-name': s.name }) as never}
            columns={[
              { key: 'name', title: t('evaluation.subject'), dataIndex: 'name', width: 200 },
              { key: 'facts', title: t('evaluation.facts'), render: (_v, s) => <Facts facts={s.facts} /> },
              {
                key: 'action',
                title: t('evaluation.rate'),
                width: 120,
                render: (_v, s) =>
                  s.rated ? (
                    <Tag color="green">{t('evaluation.rated')}</Tag>
                  ) : round.state !== 'open' ? null : (
                    <Button
                      size="small"
                      onClick={() => setRating({ unit: unit.key, subject: s.key })}
                      data-testid="evaluation-rate"
                    >
                      {t('evaluation.rate')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      ))}
      {rating &&
        (() => {
          const unit = unitOf(rating.unit);
          const subject = unit?.subjects.find((s) => s.key === rating.subject);
          if (!unit || !subject || subject.rated) return null;
          return (
            <RatingForm
              key={`${unit.key}|${subject.key}`}
              round={round}
              unit={unit}
              subject={subject}
              onDone={() => {
                setRating(null);
                state.reload();
              }}
            />
          );
        })()}
      {(round.raterUnits.length > 0 || own.length > 0) && (
        <Card title={t('evaluation.yourRatings')}>
          <RatingsTable round={round} ratings={own} testId="evaluation-own-rating" />
        </Card>
      )}
      {round.state === 'closed' && (
        <Card title={t('evaluation.results')}>
          <Table<EvaluationResult>
            rowKey="subject"
            size="small"
            pagination={false}
            columns={resultColumns}
            dataSource={round.results}
            scroll={{ x: 700 }}
            onRow={(r) => ({ 'data-testid': 'evaluation-result', 'data-subject': r.subject }) as never}
          />
        </Card>
      )}
      {others.length > 0 && (
        <Card title={t('evaluation.allRatings')}>
          <RatingsTable round={round} ratings={others} testId="evaluation-rating" />
        </Card>
      )}
    </Flex>
  );
}
