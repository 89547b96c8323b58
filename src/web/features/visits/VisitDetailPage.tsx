import { Button, Card, Descriptions, Flex, Input, List, Spin, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitDetail } from '../../../shared/domain/visit.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { ProposeExampleButton } from '../examples/ProposeExampleButton.tsx';
import { formatInstant } from './format.ts';
import { useVisitsApi } from './visits-api.ts';
import { sectionPath } from './visits-path.ts';

/** /visits/<id>: one diary entry with its cases and comments, and a comment box when allowed. */
export function VisitDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.visit(id, signal), [visits, id]);
  const result = useAsync(load);
  if (result.status === 'loading') return <Spin />;
  if (result.status === 'error') return <ApiErrorAlert error={result.error} onRetry={result.reload} />;
  const visit = result.data;

  return (
    <Flex vertical gap={16}>
      <a href={sectionPath('diary')} onClick={(e) => followLink(e, sectionPath('diary'))}>
        {t('visits.visit.back')}
      </a>
      <PageHeader
        title={visit.targetName}
        subtitle={`${t(`visits.forms.${visit.form}`)} · ${formatInstant(visit.startedAt, i18n.language)} – ${formatInstant(visit.endedAt, i18n.language)}`}
        titleTestId="visit-title"
        extra={<ProposeExampleButton subject={{ kind: 'visit', id: visit.id }} />}
      />
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('visits.diary.target')}>
            {t(`visits.targets.${visit.targetType}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('visits.diary.place')}>{visit.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('visits.diary.visitors')}>
            {visit.visitors.map((p) => p.displayName).join('、')}
          </Descriptions.Item>
          {visit.distanceM !== null && (
            <Descriptions.Item label={t('visits.visit.checkIn')}>
              {t('visits.visit.distance', { metres: visit.distanceM })}
              {visit.far && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {t('visits.diary.far')}
                </Tag>
              )}
            </Descriptions.Item>
          )}
          {visit.attendance !== null && (
            <Descriptions.Item label={t('visits.visit.attendanceLabel')}>
              {t('visits.visit.attendance', { count: visit.attendance })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('visits.visit.services')}>
            {visit.services.length === 0
              ? t('visits.visit.noServices')
              : visit.services
                  .map((s) => {
                    const service = t(`visits.services.${s}`);
                    const amount = visit.aidAmounts[s];
                    return amount == null
                      ? service
                      : t('visits.visit.serviceWithAid', { service, amount: amount.toFixed(2) });
                  })
                  .join('、')}
          </Descriptions.Item>
          {visit.aidYuan > 0 && (
            <Descriptions.Item label={t('visits.visit.aid')}>
              <span data-testid="visit-aid">
                {t('visits.visit.aidYuan', { amount: visit.aidYuan.toFixed(2) })}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5}>{t('visits.visit.notes')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{visit.notes}</Typography.Paragraph>
        {visit.keyRecord && <Tag color="blue">{t('visits.visit.keyRecord')}</Tag>}
        {visit.photos.length > 0 && (
          <Typography.Text type="secondary">
            {t('visits.visit.photos', { count: visit.photos.length })}
          </Typography.Text>
        )}
      </Card>
      <Card title={t('visits.visit.cases')}>
        {visit.cases.length === 0 ? (
          <Typography.Text type="secondary">{t('visits.visit.noCases')}</Typography.Text>
        ) : (
          <List
            dataSource={visit.cases}
            renderItem={(c) => (
              <List.Item>
                <a href={`/cases/${c.id}`} onClick={(e) => followLink(e, `/cases/${c.id}`)}>
                  {c.number}
                </a>{' '}
                {c.title} {c.onSpot && <Tag color="green">{t('visits.visit.onSpot')}</Tag>}
              </List.Item>
            )}
          />
        )}
      </Card>
      <Comments visit={visit} onPosted={result.reload} />
    </Flex>
  );
}

function Comments({ visit, onPosted }: { visit: VisitDetail; onPosted: () => void }) {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  const [text, setText] = useState('');
  const { busy: sending, save } = useToastSave();
  const send = () =>
    save(
      async () => {
        await visits.comment(visit.id, text.trim());
        setText('');
      },
      t('visits.visit.commentSent'),
      onPosted,
    );
  return (
    <Card title={t('visits.visit.comments')}>
      {visit.comments.length === 0 ? (
        <Typography.Text type="secondary">{t('visits.visit.noComments')}</Typography.Text>
      ) : (
        <List
          dataSource={visit.comments}
          renderItem={(c) => (
            <List.Item>
              <List.Item.Meta
                title={`${c.author.displayName} · ${formatInstant(c.createdAt, i18n.language)}`}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{c.body}</span>}
              />
            </List.Item>
          )}
        />
      )}
      {visit.actions.includes('comment') && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('visits.visit.commentPlaceholder')}
            data-testid="visit-comment-input"
          />
          <Button
            type="primary"
            disabled={text.trim() === ''}
            loading={sending}
            onClick={send}
            style={{ alignSelf: 'flex-start' }}
            data-testid="visit-comment-send"
          >
            {t('visits.visit.commentSend')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
