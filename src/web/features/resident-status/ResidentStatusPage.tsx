import { Alert, Button, Card, Flex, Form, Input, Radio, Result, Spin, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  PublicCaseStatus,
  ResidentRating,
  ResidentStage,
} from '../../../shared/domain/resident-status.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { PublicShell } from '../../components/PublicShell.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { formatTime } from '../cases/case-clock.ts';
import { useResidentStatusApi } from './resident-status-api.ts';
import { statusPageToken } from './status-page-path.ts';

const STAGE_TYPE: Record<ResidentStage, 'info' | 'success' | 'warning' | 'error'> = {
  received: 'info',
  in_hand: 'info',
  awaiting_rating: 'warning',
  reopened: 'warning',
  closed: 'success',
  not_taken: 'error',
};

const RATINGS: readonly ResidentRating[] = ['satisfied', 'basically_satisfied', 'unsatisfied'];

/**
 * A resident's own page (`/s/<token>`, from the receipt or the text message; no account): where
 * their case stands, what was done (never by whom beyond the unit), the answers, and — once the
 * answer was approved — the rating form, which is the same follow-up step as a worker's call.
 */
export function ResidentStatusPage({ pathname }: { pathname: string }) {
  const { t, i18n } = useTranslation();
  const api = useResidentStatusApi();
  const token = statusPageToken(pathname);
  const load = useCallback(
    (signal: AbortSignal) => (token ? api.status(token, signal) : Promise.resolve(null)),
    [api, token],
  );
  const loaded = useAsync(load);
  // The page as the rating answered it, over what was loaded.
  const [latest, setLatest] = useState<PublicCaseStatus | null>(null);
  const [rating, setRating] = useState<ResidentRating | null>(null);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [thanked, setThanked] = useState(false);

  const refresh = () => {
    setLatest(null);
    setThanked(false);
    loaded.reload();
  };

  const rate = async () => {
    if (!token || !rating) return;
    setSending(true);
    setFailure(null);
    try {
      const trimmed = comment.trim();
      setLatest(await api.rate(token, { rating, ...(trimmed ? { comment: trimmed } : {}) }));
      setThanked(true);
      setRating(null);
      setComment('');
    } catch (caught) {
      setFailure(toApiError(caught));
    } finally {
      setSending(false);
    }
  };

  const tooMany = (error: ApiError) =>
    error.code === 'RATE_LIMITED' ? (
      <Alert type="warning" showIcon title={t('residentStatus.tooMany')} />
    ) : null;

  const body = () => {
    if (loaded.status === 'loading' && !latest)
      return (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin size="large" />
        </Flex>
      );
    if (loaded.status === 'error' && loaded.error.status !== 404)
      return tooMany(loaded.error) ?? <ApiErrorAlert error={loaded.error} onRetry={loaded.reload} />;
    const page = latest ?? loaded.data;
    if (!page || !token)
      return <Result status="404" title={t('residentStatus.notFound')} data-testid="status-not-found" />;
    const at = (iso: string) => formatTime(iso, i18n.language);
    return (
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="status-case-title">
            {page.title}
          </Typography.Title>
          <Typography.Text data-testid="status-number">
            {t('residentStatus.number', { number: page.number })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('residentStatus.reportedAt', { at: at(page.reportedAt) })}
          </Typography.Text>
          {page.unit ? (
            <Typography.Text type="secondary" data-testid="status-unit">
              {t('residentStatus.unit', { unit: page.unit })}
            </Typography.Text>
          ) : null}
        </Flex>
        <Alert
          type={STAGE_TYPE[page.stage]}
          showIcon
          title={t(`residentStatus.stage.${page.stage}`)}
          data-testid="status-stage"
          data-stage={page.stage}
          action={
            <Button size="small" onClick={refresh} data-testid="status-refresh">
              {t('residentStatus.refresh')}
            </Button>
          }
        />
        {thanked ? (
          <Alert type="success" showIcon title={t('residentStatus.rated')} data-testid="status-rated" />
        ) : null}
        {page.latestRating && !page.ratingOpen ? (
          <Typography.Text data-testid="status-latest-rating">
            {t('residentStatus.latestRating', { rating: t(`residentStatus.rating.${page.latestRating}`) })}
          </Typography.Text>
        ) : null}
        <Card size="small" title={t('residentStatus.replies')}>
          {page.replies.length === 0 ? (
            <Typography.Text type="secondary">{t('residentStatus.noReplies')}</Typography.Text>
          ) : (
            <Flex vertical gap={8} data-testid="status-replies">
              {page.replies.map((r) => (
                <Flex vertical key={r.at}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {at(r.at)}
                  </Typography.Text>
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {r.text}
                  </Typography.Paragraph>
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
        {page.ratingOpen ? (
          <Card size="small" title={t('residentStatus.rateTitle')} data-testid="status-rating-form">
            <Form layout="vertical" disabled={sending} onFinish={() => void rate()}>
              <Form.Item>
                <Radio.Group
                  value={rating}
                  onChange={(e) => setRating(e.target.value as ResidentRating)}
                  options={RATINGS.map((r) => ({ value: r, label: t(`residentStatus.rating.${r}`) }))}
                />
              </Form.Item>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('residentStatus.rateHint')}
              </Typography.Paragraph>
              <Form.Item label={t('residentStatus.comment')}>
                <Input.TextArea
                  rows={3}
                  maxLength={500}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  placeholder={t('residentStatus.commentPlaceholder')}
                />
              </Form.Item>
              {failure ? (
                <Form.Item>{tooMany(failure) ?? <ApiErrorAlert error={failure} />}</Form.Item>
              ) : null}
              <Button type="primary" htmlType="submit" block disabled={!rating} loading={sending}>
                {t('residentStatus.rateSubmit')}
              </Button>
            </Form>
          </Card>
        ) : null}
        <Card size="small" title={t('residentStatus.timeline')}>
          <Timeline
            data-testid="status-timeline"
            items={page.steps.map((s, i) => ({
              key: `${s.at}-${i}`,
              children: (
                <Flex vertical data-testid="status-step" data-kind={s.kind}>
                  <Typography.Text>
                    {t(`residentStatus.step.${s.kind}`)}
                    {s.rating ? `：${t(`residentStatus.rating.${s.rating}`)}` : ''}
                  </Typography.Text>
                  {s.message ? <Typography.Text type="secondary">{s.message}</Typography.Text> : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {at(s.at)}
                  </Typography.Text>
                </Flex>
              ),
            }))}
          />
        </Card>
      </Flex>
    );
  };

  return (
    <PublicShell maxWidth={560}>
      <Card title={<span data-testid="status-page-title">{t('residentStatus.title')}</span>}>{body()}</Card>
    </PublicShell>
  );
}
