import { Card, Empty, Flex, Image, Result, Spin, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../api/use-async.ts';
import { PublicShell } from '../../components/PublicShell.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { publicPhotoUrl, useExamplesApi } from './examples-api.ts';
import { showcaseRegionId } from './public-paths.ts';

/**
 * The public examples page (`/showcase/<regionId>`, no account): the published examples of a
 * district, street or community — title, story, community, handling unit, photos — and nothing
 * that names a person.
 */
export function PublicExamplesPage({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const examples = useExamplesApi();
  const regionId = showcaseRegionId(pathname);
  const load = useCallback(
    (signal: AbortSignal) => (regionId ? examples.publicList(regionId, signal) : Promise.resolve(null)),
    [examples, regionId],
  );
  const list = useAsync(load);
  const body = () => {
    if (list.status === 'loading') return <Spin />;
    if (list.status === 'error')
      return list.error.status === 404 ? (
        <Result status="404" title={t('publicExamples.notFound')} />
      ) : (
        <ApiErrorAlert error={list.error} onRetry={list.reload} />
      );
    if (!list.data) return <Result status="404" title={t('publicExamples.notFound')} />;
    const { place, items } = list.data;
    return (
      <Flex vertical gap={12}>
        <Typography.Title level={3} data-testid="public-examples-title">
          {t('publicExamples.title', { place })}
        </Typography.Title>
        <Typography.Text type="secondary">{t('publicExamples.subtitle')}</Typography.Text>
        {items.length === 0 && <Empty description={t('publicExamples.empty')} />}
        {items.map((x) => (
          <Card key={x.id} title={x.title} data-testid="public-example">
            <Flex vertical gap={8}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{x.story}</Typography.Paragraph>
              {x.photoIds.length > 0 && (
                <Image.PreviewGroup>
                  <Flex gap={8} wrap>
                    {x.photoIds.map((p) => (
                      <Image key={p} width={160} src={publicPhotoUrl(x.id, p)} alt={x.title} />
                    ))}
                  </Flex>
                </Image.PreviewGroup>
              )}
              <Typography.Text type="secondary">
                {[
                  x.place,
                  x.unit ? t('publicExamples.unit', { unit: x.unit }) : null,
                  t('publicExamples.publishedAt', { day: x.publishedAt.slice(0, 10) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  };
  return <PublicShell>{body()}</PublicShell>;
}
