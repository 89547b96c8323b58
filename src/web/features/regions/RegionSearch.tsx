import { Breadcrumb, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionSearchHit } from '../../../shared/domain/region.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useRegionsApi } from './regions-api.ts';

/** Finds regions in the user's scope by name or code; choosing a hit reveals it in the tree. */
export function RegionSearch({ onChoose }: { onChoose: (hit: RegionSearchHit) => void }) {
  const { t } = useTranslation();
  const api = useRegionsApi();
  const [hits, setHits] = useState<RegionSearchHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const search = async (text: string) => {
    const q = text.trim();
    setError(null);
    if (!q) {
      setHits(null);
      return;
    }
    setBusy(true);
    try {
      setHits(await api.search(q, { limit: 20 }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Input.Search
        allowClear
        enterButton
        loading={busy}
        maxLength={50}
        placeholder={t('org.regionEdit.searchPlaceholder')}
        aria-label={t('org.regionEdit.search')}
        style={{ maxWidth: 420 }}
        onSearch={search}
        data-testid="region-search"
      />
      {error && <ApiErrorAlert error={error} />}
      {hits !== null && (
        <Card size="small" title={t('org.regionEdit.searchResults')} data-testid="region-search-results">
          {hits.length === 0 && (
            <Typography.Text type="secondary">{t('org.regionEdit.searchEmpty')}</Typography.Text>
          )}
          <Flex vertical gap={8}>
            {hits.map((hit) => (
              <Flex vertical gap={2} key={hit.id} data-hit-id={hit.id}>
                <Flex gap={8} align="center" wrap>
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => onChoose(hit)}
                    data-testid="region-search-hit"
                  >
                    {hit.name}
                  </Button>
                  <Tag style={{ marginInlineEnd: 0 }}>{t(`levels.${hit.level}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {hit.code}
                  </Typography.Text>
                </Flex>
                <Breadcrumb items={hit.breadcrumb.map((c) => ({ title: c.name }))} style={{ fontSize: 12 }} />
              </Flex>
            ))}
          </Flex>
        </Card>
      )}
    </Flex>
  );
}
