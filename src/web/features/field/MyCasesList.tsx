import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { caseListSchema } from '../../../shared/domain/case.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { FieldError, OfflineCopyNote } from './FieldError.tsx';
import { fieldApi } from './field-api.ts';
import { cacheKeys, loadWithCache } from './field-data.ts';
import { RowList } from './RowList.tsx';

/** A case page opened from the field app, which then offers the way back to it (CaseDetailPage). */
export const caseFromField = (caseId: string) => `/cases/${encodeURIComponent(caseId)}?from=field`;

/** The worker's own open cases (the follow-ups they owe), kept for offline reading. */
export function MyCasesList() {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe();
  const field = useMemo(() => fieldApi(api), [api]);
  const load = useCallback(
    (signal: AbortSignal) =>
      loadWithCache(me.id, cacheKeys.myCases, caseListSchema, () => field.myCases(signal)),
    [field, me.id],
  );
  const state = useAsync(load);
  if (state.status === 'loading') return <Skeleton active />;
  if (state.status === 'error') return <FieldError error={state.error} onRetry={state.reload} />;
  const { value, offlineSince } = state.data;
  const open = value.items.filter((c) => c.state !== 'closed');
  return (
    <div data-testid="field-my-cases">
      <OfflineCopyNote since={offlineSince} />
      {open.length === 0 ? (
        <Empty description={t('field.cases.empty')} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <RowList
            rowKey={(c) => c.id}
            dataSource={open}
            renderItem={(item) => (
              <RowList.Item style={{ padding: '10px 12px' }}>
                <a
                  href={caseFromField(item.id)}
                  onClick={(event) => followLink(event, caseFromField(item.id))}
                  style={{ width: '100%', minWidth: 0 }}
                >
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text ellipsis>{item.title}</Typography.Text>
                      <Tag>{t(`cases.states.${item.state}`)}</Tag>
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.number}
                      {' · '}
                      {item.regionName}
                      {item.overdue && (
                        <Tag color="red" style={{ marginInlineStart: 8 }}>
                          {t('field.cases.overdue')}
                        </Tag>
                      )}
                    </Typography.Text>
                  </Flex>
                </a>
              </RowList.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
