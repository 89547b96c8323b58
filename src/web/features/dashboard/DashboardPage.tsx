import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { useMeta } from '../../app/meta-context.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { FigureDashboard } from './FigureDashboard.tsx';
import { summarizeTerritory } from './territory-summary.ts';

/** The landing page: which territory this is, how much of it is on record, and its headline figures. */
export function DashboardPage() {
  const { t } = useTranslation();
  const api = useApi();
  const meta = useMeta();
  const me = useMe();
  // The figures need both cases and visits in reach (leaders, dispatchers, supervisors, workers).
  const readsFigures = me.permissions.includes('cases:read') && me.permissions.includes('visits:read');
  const load = useCallback(() => summarizeTerritory((parentId) => api.listRegions(parentId)), [api]);
  const summary = useAsync(load);

  // A user whose scope is one place (a street leader) is titled by that place, not by the district.
  const roots = summary.data?.roots ?? [];
  const only = roots.length === 1 ? roots[0] : undefined;
  const title = only?.name ?? meta.data?.district?.name ?? roots[0]?.name ?? t('dashboard.title');
  // Streets listed under the title, unless the title is that one street.
  const streets = (summary.data?.streets ?? []).filter((street) => street.id !== only?.id);
  const figures = summary.data && [
    ...(streets.length > 0 ? [{ key: 'streets', value: streets.length }] : []),
    { key: 'communities', value: summary.data.communities },
    { key: 'grids', value: summary.data.grids },
    { key: 'households', value: summary.data.households },
    { key: 'enterprises', value: summary.data.enterprises },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Text type="secondary">{t('dashboard.territory')}</Typography.Text>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="dashboard-title">
          {title}
        </Typography.Title>
        {streets.length > 0 && (
          <Flex gap={4} wrap style={{ marginTop: 8 }} data-testid="dashboard-streets">
            {streets.map((street) => (
              <Tag key={street.id} color="blue">
                {street.name}
              </Tag>
            ))}
          </Flex>
        )}
      </div>
      {summary.status === 'error' && <ApiErrorAlert error={summary.error} onRetry={summary.reload} />}
      {summary.status === 'loading' && <Skeleton active />}
      {summary.data?.roots.length === 0 && <Empty description={t('dashboard.noRegions')} />}
      {figures && summary.data && summary.data.roots.length > 0 && (
        <Row gutter={[16, 16]}>
          {figures.map((figure) => (
            <Col key={figure.key} xs={12} sm={8} lg={4}>
              <Card size="small" data-testid={`figure-${figure.key}`}>
                <Statistic title={t(`dashboard.${figure.key}`)} value={figure.value} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {readsFigures && summary.data?.roots[0] && (
        <FigureDashboard top={{ id: summary.data.roots[0].id, name: summary.data.roots[0].name }} />
      )}
    </Flex>
  );
}
