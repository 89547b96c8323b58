import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from '../../../shared/cases/workflow.ts';
import type { CaseDetail } from '../../../shared/domain/case.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { CaseActionError } from './CaseActionError.tsx';
import { CaseStateTag } from './CaseBadges.tsx';
import { casesApi } from './cases-api.ts';
import { casePath } from './cases-path.ts';
import { Rows } from './Rows.tsx';
import { useCaseAction } from './use-case-action.ts';

/**
 * For the dispatcher: where the case could go (one click dispatches there) and cases that look
 * like the same request (one click merges this one into it).
 */
export function CaseSuggestions({
  detail,
  onDone,
  onStale,
}: {
  detail: CaseDetail;
  onDone: (updated: CaseDetail) => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const load = useCallback(
    (signal: AbortSignal) => casesApi(api).suggestions(detail.id, signal),
    [api, detail.id],
  );
  const suggestions = useAsync(load);
  const run = useCaseAction(detail, { onDone, onStale });
  const dispatchAction: CaseAction | undefined = detail.actions.includes('dispatch')
    ? 'dispatch'
    : detail.actions.includes('redispatch')
      ? 'redispatch'
      : undefined;
  const mayMerge = detail.actions.includes('merge');
  if (suggestions.status !== 'success') return null;
  const { units, duplicates } = suggestions.data;

  return (
    <Card title={t('cases.suggestions.title')} size="small" data-testid="case-suggestions">
      <Flex vertical gap={12}>
        {run.error && <CaseActionError error={run.error} />}
        <Typography.Text strong>{t('cases.suggestions.units')}</Typography.Text>
        {units.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Rows
            size="small"
            dataSource={units}
            renderItem={(s) => (
              <Rows.Item
                data-testid="suggested-unit"
                actions={
                  dispatchAction
                    ? [
                        <Button
                          key="go"
                          size="small"
                          type="primary"
                          loading={run.busy}
                          data-testid="suggested-unit-dispatch"
                          onClick={() =>
                            run.act(dispatchAction, {
                              unit:
                                s.unit.kind === 'department'
                                  ? { departmentId: s.unit.id }
                                  : { regionId: s.unit.id },
                            })
                          }
                        >
                          {t('cases.suggestions.dispatchTo')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Rows.Meta title={s.unit.name} description={t(`cases.suggestions.because.${s.because}`)} />
              </Rows.Item>
            )}
          />
        )}
        <Typography.Text strong>{t('cases.suggestions.duplicates')}</Typography.Text>
        {duplicates.length === 0 ? (
          <Typography.Text type="secondary">{t('cases.suggestions.noDuplicates')}</Typography.Text>
        ) : (
          <Rows
            size="small"
            dataSource={duplicates}
            renderItem={(d) => (
              <Rows.Item
                data-testid="suggested-duplicate"
                actions={
                  mayMerge
                    ? [
                        <Button
                          key="merge"
                          size="small"
                          loading={run.busy}
                          onClick={() =>
                            run.act('merge', {
                              intoCaseId: d.id,
                              reason: t('cases.suggestions.mergeReason', { number: d.number }),
                            })
                          }
                        >
                          {t('cases.suggestions.mergeInto')}
                        </Button>,
                      ]
                    : []
                }
              >
                <Rows.Meta
                  title={
                    <a href={casePath(d.id)} onClick={(event) => followLink(event, casePath(d.id))}>
                      {d.number} {d.title}
                    </a>
                  }
                  description={
                    <Flex gap={4} wrap>
                      <CaseStateTag state={d.state} />
                      <Tag>
                        {t('cases.suggestions.similarity', { percent: Math.round(d.similarity * 100) })}
                      </Tag>
                      {d.sameGrid && <Tag color="blue">{t('cases.suggestions.sameGrid')}</Tag>}
                    </Flex>
                  }
                />
              </Rows.Item>
            )}
          />
        )}
      </Flex>
    </Card>
  );
}
