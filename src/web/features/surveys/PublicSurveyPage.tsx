import { Button, Card, Form, Input, Radio, Result, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { PublicShell } from '../../components/PublicShell.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { publicSurveyId } from '../examples/public-paths.ts';
import { useSurveysApi } from './surveys-api.ts';

/**
 * A survey's public answer form (`/survey/<id>`, opened from the invitation, no account): the
 * household's invitation code and one answer per question; each household answers once.
 */
export function PublicSurveyPage({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const surveys = useSurveysApi();
  const id = publicSurveyId(pathname);
  const load = useCallback(
    (signal: AbortSignal) => (id ? surveys.publicSurvey(id, signal) : Promise.resolve(null)),
    [surveys, id],
  );
  const survey = useAsync(load);
  const [code, setCode] = useState('');
  const [answers, setAnswers] = useState<Record<number, number>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ReturnType<typeof toApiError> | null>(null);
  const [done, setDone] = useState(false);

  const body = () => {
    if (survey.status === 'loading') return <Spin />;
    if (survey.status === 'error' && survey.error.status !== 404)
      return <ApiErrorAlert error={survey.error} onRetry={survey.reload} />;
    if (survey.status === 'error' || !survey.data || !id)
      return <Result status="404" title={t('publicSurvey.notFound')} />;
    if (done)
      return <Result status="success" title={t('publicSurvey.thanks')} data-testid="public-survey-done" />;
    const { questions } = survey.data;
    const ready = /^[0-9A-Za-z]{8}$/.test(code.trim()) && questions.every((_, i) => answers[i] !== undefined);
    const submit = async () => {
      setSending(true);
      setFailure(null);
      try {
        await surveys.answerPublicly(id, {
          code: code.trim().toUpperCase(),
          answers: questions.map((_, i) => answers[i] as number),
        });
        setDone(true);
      } catch (caught) {
        setFailure(toApiError(caught));
      } finally {
        setSending(false);
      }
    };
    return (
      <Form layout="vertical">
        <Typography.Paragraph type="secondary">
          {survey.data.place} · {t('publicSurvey.period', { from: survey.data.from, to: survey.data.to })}
        </Typography.Paragraph>
        <Form.Item label={t('publicSurvey.code')} extra={t('publicSurvey.codeHelp')} required>
          <Input
            value={code}
            maxLength={8}
            onChange={(e) => setCode(e.target.value)}
            style={{ fontSize: 18, letterSpacing: 2 }}
            data-testid="public-survey-code"
          />
        </Form.Item>
        {questions.map((q, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a survey's questions never change order: the index is the question.
          <Form.Item key={i} label={q.text} required>
            <Radio.Group
              value={answers[i]}
              onChange={(e) => setAnswers((all) => ({ ...all, [i]: e.target.value as number }))}
              options={
                q.kind === 'rating'
                  ? [5, 4, 3, 2, 1].map((n) => ({ value: n, label: String(n) }))
                  : q.options.map((o, k) => ({ value: k, label: o }))
              }
            />
          </Form.Item>
        ))}
        {failure && <ApiErrorAlert error={failure} />}
        <Button type="primary" block size="large" disabled={!ready} loading={sending} onClick={submit}>
          {t('publicSurvey.submit')}
        </Button>
      </Form>
    );
  };
  return (
    <PublicShell maxWidth={560}>
      <Card title={<span data-testid="public-survey-title">{survey.data?.title ?? t('surveys.title')}</span>}>
        {body()}
      </Card>
    </PublicShell>
  );
}
