import { CloudDownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldGrid, FieldPack } from '../../../shared/domain/field-directory.ts';
import { toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { keptBytes } from './directory-offline.ts';
import { keepGrids, keptPacks, MAX_KEPT_GRIDS } from './directory-store.ts';
import { fieldApi } from './field-api.ts';

/** Bytes as people read them: 12 KB, 1.4 MB. */
function approxSize(bytes: number, language: string): string {
  const format = (n: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(n);
  return bytes < 1024 * 1024
    ? `${format(Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${format(bytes / 1024 / 1024)} MB`;
}

/**
 * What the phone keeps for finding people offline: the directories of the chosen grids (the
 * worker's own by default, at most MAX_KEPT_GRIDS), with their size, refreshed on request.
 */
export function KeptDirectoryCard() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const me = useMe();
  const field = useMemo(() => fieldApi(api), [api]);
  const [packs, setPacks] = useState<FieldPack[] | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [grids, setGrids] = useState<FieldGrid[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const visits = me.permissions.includes('visits:write');

  useEffect(() => {
    let cancelled = false;
    void keptPacks(me.id).then(
      (kept) => !cancelled && setPacks(kept),
      () => !cancelled && setPacks([]),
    );
    return () => {
      cancelled = true;
    };
  }, [me.id]);

  const keep = useCallback(
    async (gridIds: readonly string[]) => {
      setBusy(true);
      setError(null);
      try {
        setPacks(await keepGrids(me.id, field, gridIds));
        setChoosing(false);
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [field, me.id],
  );

  const openChoice = async () => {
    setChoosing(true);
    setError(null);
    try {
      const list = grids ?? (await field.grids()).items;
      setGrids(list);
      setChosen(
        packs && packs.length > 0
          ? packs.map((p) => p.grid.id)
          : list
              .filter((g) => g.own)
              .slice(0, MAX_KEPT_GRIDS)
              .map((g) => g.id),
      );
    } catch (failure) {
      setError(failure);
    }
  };

  if (!visits || packs === null) return null;
  const households = packs.reduce((n, p) => n + p.households.length, 0);
  const enterprises = packs.reduce((n, p) => n + p.enterprises.length, 0);
  const savedAt = packs.map((p) => p.generatedAt).sort()[0];
  return (
    <Card
      size="small"
      data-testid="field-kept-directory"
      data-grids={packs.length}
      data-records={households + enterprises}
    >
      <Flex vertical gap={8}>
        <Typography.Text strong>{t('field.kept.title')}</Typography.Text>
        {packs.length === 0 ? (
          <Typography.Text type="secondary">{t('field.kept.none')}</Typography.Text>
        ) : (
          <Typography.Text
            type="secondary"
            data-testid="field-kept-size"
            style={{ overflowWrap: 'anywhere' }}
          >
            {t('field.kept.summary', {
              grids: packs.map((p) => p.grid.name).join('、'),
              households,
              enterprises,
              size: approxSize(keptBytes(packs), i18n.language),
            })}
            {savedAt && ` · ${t('field.kept.savedAt', { time: new Date(savedAt).toLocaleString() })}`}
          </Typography.Text>
        )}
        {packs.some((p) => p.truncated) && (
          <Alert type="warning" showIcon title={t('field.kept.truncated')} />
        )}
        {error !== null && <ApiErrorAlert error={toApiError(error)} />}
        {choosing && grids && (
          <Flex vertical gap={8}>
            <Select
              mode="multiple"
              maxCount={MAX_KEPT_GRIDS}
              value={chosen}
              onChange={setChosen}
              optionFilterProp="label"
              placeholder={t('field.kept.choose', { count: MAX_KEPT_GRIDS })}
              data-testid="field-kept-grids"
              options={grids.map((g) => ({
                value: g.id,
                label: `${g.parentName ? `${g.parentName} ` : ''}${g.name}${g.own ? t('field.kept.own') : ''} (${t('field.kept.gridSize', { households: g.households, enterprises: g.enterprises })})`,
              }))}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('field.kept.bound', { count: MAX_KEPT_GRIDS })}
            </Typography.Text>
          </Flex>
        )}
        <Flex gap={8} wrap>
          {choosing ? (
            <>
              <Button
                type="primary"
                loading={busy}
                onClick={() => void keep(chosen)}
                data-testid="field-kept-save"
              >
                {t('field.kept.save')}
              </Button>
              <Button onClick={() => setChoosing(false)}>{t('field.kept.cancel')}</Button>
            </>
          ) : (
            <>
              <Button
                icon={<CloudDownloadOutlined />}
                onClick={() => void openChoice()}
                data-testid="field-kept-choose"
              >
                {t('field.kept.chooseButton')}
              </Button>
              {packs.length > 0 && (
                <Button
                  icon={<ReloadOutlined />}
                  loading={busy}
                  onClick={() => void keep(packs.map((p) => p.grid.id))}
                  data-testid="field-kept-refresh"
                >
                  {t('field.kept.refresh')}
                </Button>
              )}
            </>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
