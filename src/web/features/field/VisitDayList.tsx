import { BankOutlined, HomeOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import type { OutboxRow } from '../../offline/outbox.ts';
import { prepareOffline } from '../../offline/register-sw.ts';
import { keepOwnGridsOnce } from './directory-store.ts';
import { FieldError, OfflineCopyNote } from './FieldError.tsx';
import { fieldApi, visitDaySchema } from './field-api.ts';
import { cacheKeys, keepCards, loadWithCache } from './field-data.ts';
import { fieldPaths } from './field-path.ts';
import { useFieldSync } from './field-sync.tsx';
import { LinkRow, RowList } from './RowList.tsx';
import { useOutbox } from './use-outbox.ts';

/**
 * The coming visit day's households and enterprises (never-visited, longest-unvisited and key
 * ones first, as the server orders them). Loaded online, the list and every card on it are kept
 * on the phone, so the round can be walked offline.
 */
export function VisitDayList() {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe();
  const field = useMemo(() => fieldApi(api), [api]);
  const load = useCallback(
    (signal: AbortSignal) =>
      loadWithCache(me.id, cacheKeys.visitDay, visitDaySchema, () => field.visitDay(me.permissions, signal)),
    [field, me.id, me.permissions],
  );
  const state = useAsync(load);
  const [kept, setKept] = useState<number | null>(null);
  // Visits recorded on this phone count at once, before the server (or the network) has them.
  const { revision } = useFieldSync();
  const { rows: outbox } = useOutbox(me.id, revision);
  const recordedHere = useMemo(() => lastVisitsOnPhone(outbox ?? []), [outbox]);

  const loaded = state.data;
  useEffect(() => {
    if (!loaded || loaded.offlineSince) return;
    let cancelled = false;
    // "Kept" is said once the app itself can also start without a network.
    void Promise.all([keepCards(me.id, field, loaded.value.items), prepareOffline()]).then(([count]) => {
      if (!cancelled) setKept(count);
    });
    // The worker's own grid's directory, kept once for finding people offline (KeptDirectoryCard).
    if (me.permissions.includes('visits:write')) void keepOwnGridsOnce(me.id, field).catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [loaded, field, me.id, me.permissions]);

  if (state.status === 'loading') return <Skeleton active />;
  if (state.status === 'error') return <FieldError error={state.error} onRetry={state.reload} />;
  const { value, offlineSince } = state.data;
  return (
    <div data-testid="field-visit-day" data-kept={kept ?? ''} data-count={value.items.length}>
      <OfflineCopyNote since={offlineSince} />
      <Flex justify="space-between" align="baseline" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          {value.day ? t('field.visitDay', { day: value.day }) : t('field.myHouseholds')}
        </Typography.Text>
        {kept !== null && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="field-kept">
            {t('field.keptCards', { count: kept })}
          </Typography.Text>
        )}
      </Flex>
      {value.items.length === 0 ? (
        <Empty description={t('field.empty')} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <RowList
            rowKey={(i) => `${i.type}:${i.id}`}
            dataSource={value.items}
            renderItem={(item) => {
              const to = fieldPaths.card(item.type, item.id);
              const lastVisitAt = latest(item.lastVisitAt, recordedHere.get(`${item.type}:${item.id}`));
              return (
                <LinkRow
                  href={to}
                  onOpen={(event) => followLink(event, to)}
                  data={{
                    testid: 'field-target',
                    id: item.id,
                    type: item.type,
                    'last-visit': lastVisitAt ?? '',
                  }}
                  icon={item.type === 'household' ? <HomeOutlined /> : <BankOutlined />}
                  title={item.name}
                  subtitle={
                    <>
                      {item.gridName}
                      {' · '}
                      {lastVisitAt
                        ? t('field.lastVisit', { date: new Date(lastVisitAt).toLocaleDateString() })
                        : t('field.neverVisited')}
                    </>
                  }
                  tag={item.isKey && <Tag color="red">{t('field.key')}</Tag>}
                />
              );
            }}
          />
        </Card>
      )}
    </div>
  );
}

/** When each household or enterprise was last visited according to the visits recorded on this phone. */
function lastVisitsOnPhone(rows: readonly OutboxRow[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const row of rows) {
    if (row.status === 'failed') continue;
    const target = row.visit.target;
    const key =
      target.type === 'household'
        ? `household:${target.householdId}`
        : target.type === 'enterprise'
          ? `enterprise:${target.enterpriseId}`
          : null;
    if (key) last.set(key, latest(last.get(key) ?? null, row.visit.startedAt) ?? row.visit.startedAt);
  }
  return last;
}

/** The later of two instants (ISO strings), either possibly missing. */
function latest(a: string | null, b: string | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
