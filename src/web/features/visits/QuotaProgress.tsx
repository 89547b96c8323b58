import { Card, Flex, Progress, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { workerQuotaSchema } from '../../../shared/domain/coverage.ts';
import { useAsync } from '../../api/use-async.ts';
import { LoadedTable } from '../../components/LoadedTable.tsx';
import { useVisitsApi } from './visits-api.ts';

type WorkerQuota = z.infer<typeof workerQuotaSchema>;

/** Each worker's progress against the quota and night-visit rules that apply to them. */
export function QuotaProgress({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.quota({ regionId }, signal), [visits, regionId]);
  const result = useAsync(load);
  return (
    <Card title={t('visits.coverage.quota')}>
      <LoadedTable<WorkerQuota>
        result={result}
        // People whom no quota or night-visit rule covers would only show empty rows.
        rows={result.data?.items.filter((w) => w.lines.length > 0)}
        pageSize={20}
        rowKey="userId"
        scrollX={700}
        emptyText={t('visits.coverage.noQuota')}
        columns={[
          {
            key: 'worker',
            title: t('visits.coverage.worker'),
            width: 200,
            render: (_v, w) => (
              <Flex vertical>
                <span>{w.displayName}</span>
                <Typography.Text type="secondary">{w.regionName}</Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'lines',
            title: t('visits.coverage.quota'),
            render: (_v, w) => (
              <Flex vertical gap={4}>
                {w.lines.map((line) => (
                  <Flex key={line.ruleId} gap={8} align="center" wrap>
                    <span style={{ minWidth: 120 }}>
                      {t(`visits.plans.kinds.${line.kind}`)}
                      {line.target ? ` · ${t(`visits.targets.${line.target}`)}` : ''}
                    </span>
                    <Progress
                      percent={Math.min(100, Math.round(line.percent))}
                      size="small"
                      status={line.met ? 'success' : 'active'}
                      style={{ width: 160, margin: 0 }}
                    />
                    <span>{t('visits.coverage.quotaLine', { done: line.done, count: line.count })}</span>
                  </Flex>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
