import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { formatInstant } from './format.ts';
import { useVisitsApi } from './visits-api.ts';
import { visitPath } from './visits-path.ts';

/** The caller's mentees and their recent visits; each opens the visit page to comment on it. */
export function MyMentees() {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.myMentees(signal), [visits]);
  const result = useAsync(load);
  if (result.status === 'error') return <ApiErrorAlert error={result.error} onRetry={result.reload} />;
  const items = result.data?.items ?? [];
  // Only mentors see this card: for everyone else it would always be empty.
  if (result.status === 'success' && items.length === 0) return null;

  return (
    <Card title={t('visits.mentoring.myMentees')} loading={result.status === 'loading'}>
      <Flex vertical gap={16}>
        {items.map((m) => (
          <div key={m.pairId}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {m.mentee.displayName} <Typography.Text type="secondary">{m.mentee.scopeName}</Typography.Text>
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('visits.mentoring.recentVisits', { count: m.visitsLast30Days })}
            </Typography.Text>
            {m.recentVisits.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                size="small"
                dataSource={m.recentVisits}
                renderItem={(v) => (
                  <List.Item
                    actions={[
                      <a key="review" href={visitPath(v.id)} onClick={(e) => followLink(e, visitPath(v.id))}>
                        {t('visits.mentoring.review')}
                      </a>,
                    ]}
                  >
                    <Flex gap={6} wrap align="center">
                      <span>{formatInstant(v.startedAt, i18n.language)}</span>
                      <span>{t(`visits.forms.${v.form}`)}</span>
                      <span>{v.targetLabel}</span>
                      {v.joint && <Tag color="blue">{t('visits.mentoring.jointTag')}</Tag>}
                      <Tag>{t('visits.mentoring.comments', { count: v.comments })}</Tag>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </div>
        ))}
      </Flex>
    </Card>
  );
}
