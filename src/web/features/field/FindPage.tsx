import { BankOutlined, HomeOutlined, RightOutlined } from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Segmented,
  Skeleton,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  FieldEnterprise,
  FieldHousehold,
  FieldPlaceLevel,
} from '../../../shared/domain/field-directory.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink, navigate, useSearch } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import {
  type BrowseChoice,
  byNumber,
  keptHouseholdsAt,
  keptPlaces,
  searchKeptEnterprises,
  searchKeptHouseholds,
} from './directory-offline.ts';
import { keptPacks } from './directory-store.ts';
import { FieldError } from './FieldError.tsx';
import { fieldApi } from './field-api.ts';
import { isNetworkFailure, OfflineMissError } from './field-data.ts';
import { fieldPaths } from './field-path.ts';
import { KeptDirectoryCard } from './KeptDirectoryCard.tsx';
import { LinkRow, RowList } from './RowList.tsx';

const MODES = ['search', 'browse', 'enterprises'] as const;
type Mode = (typeof MODES)[number];

/** The find tab's state lives in the address, so the way back from a card returns to the same list. */
function findUrl(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  const text = query.toString();
  return `${fieldPaths.home('find')}${text ? `?${text}` : ''}`;
}

/** Asks the server; offline (or unreachable) answers from the grids kept on the phone. */
async function onlineOrKept<T>(
  online: () => Promise<T>,
  kept: () => Promise<T | null>,
): Promise<{ value: T; fromPhone: boolean }> {
  if (navigator.onLine) {
    try {
      return { value: await online(), fromPhone: false };
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
    }
  }
  const value = await kept();
  if (value === null) throw new OfflineMissError();
  return { value, fromPhone: true };
}

/**
 * Finding anyone in the worker's reach (issue 13 §1): households by name, address, building or
 * a phone's last four digits; by estate → building → unit → room; enterprises (a liaison's own
 * first). Online it asks the server; offline it searches the grids kept on the phone.
 */
export function FindPage() {
  const { t } = useTranslation();
  const me = useMe();
  const params = new URLSearchParams(useSearch());
  const readsHouseholds = me.permissions.includes('households:read');
  const readsEnterprises = me.permissions.includes('enterprises:read');
  const modes = MODES.filter((m) => (m === 'enterprises' ? readsEnterprises : readsHouseholds));
  const asked = params.get('mode') as Mode | null;
  const mode: Mode | undefined = asked && modes.includes(asked) ? asked : modes[0];
  const go = (next: Record<string, string | undefined>) => navigate(findUrl(next), { replace: true });
  return (
    <Flex vertical gap={12} data-testid="field-find">
      <KeptDirectoryCard />
      {modes.length > 1 && (
        <Segmented<Mode>
          block
          value={mode}
          onChange={(next) => go({ mode: next })}
          options={modes.map((value) => ({
            value,
            label: <span data-testid={`field-find-${value}`}>{t(`field.find.modes.${value}`)}</span>,
          }))}
        />
      )}
      {mode === 'search' && <HouseholdSearch q={params.get('q') ?? ''} onSearch={(q) => go({ mode, q })} />}
      {mode === 'browse' && (
        <HouseholdBrowse
          at={{
            estate: params.get('estate') ?? undefined,
            building: params.get('building') ?? undefined,
            unit: params.get('unit') ?? undefined,
          }}
          onChoose={(at) => go({ mode, ...at })}
        />
      )}
      {mode === 'enterprises' && (
        <EnterpriseSearch
          q={params.get('q') ?? ''}
          mine={params.get('mine') === '1'}
          onSearch={(q, mine) => go({ mode, q, ...(mine ? { mine: '1' } : {}) })}
        />
      )}
      {!mode && <Empty description={t('field.find.nothing')} />}
    </Flex>
  );
}

/** The history state a card opened from here carries: this list is its way back. */
function backHere() {
  return { fieldBack: window.location.pathname + window.location.search };
}

function FromPhoneNote({ fromPhone }: { fromPhone: boolean }) {
  const { t } = useTranslation();
  if (!fromPhone) return null;
  return <Alert type="info" showIcon title={t('field.find.fromPhone')} data-testid="field-find-from-phone" />;
}

function HouseholdSearch({ q, onSearch }: { q: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe();
  const field = useMemo(() => fieldApi(api), [api]);
  const [more, setMore] = useState<{ items: FieldHousehold[]; next: string | null } | null>(null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      setMore(null);
      if (!q.trim()) return null;
      return onlineOrKept(
        () => field.households({ q, limit: 20 }, signal),
        async () => {
          const packs = await keptPacks(me.id);
          if (packs.length === 0) return null;
          const items = searchKeptHouseholds(packs, q);
          return { items, next: null, total: items.length };
        },
      );
    },
    [field, me.id, q],
  );
  const state = useAsync(load);
  return (
    <Flex vertical gap={8}>
      <Input.Search
        key={q}
        defaultValue={q}
        allowClear
        enterButton
        placeholder={t('field.find.searchPlaceholder')}
        onSearch={(value) => onSearch(value.trim())}
        data-testid="field-find-input"
      />
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'error' && <FieldError error={state.error} onRetry={state.reload} />}
      {state.status === 'success' && state.data && (
        <>
          <FromPhoneNote fromPhone={state.data.fromPhone} />
          <Typography.Text type="secondary" data-testid="field-find-total">
            {t('field.find.total', { count: state.data.value.total })}
          </Typography.Text>
          <HouseholdRows items={[...state.data.value.items, ...(more?.items ?? [])]} />
          {(more ? more.next : state.data.value.next) && (
            <Button
              block
              onClick={async () => {
                const after = more ? more.next : state.data?.value.next;
                if (!after) return;
                const page = await field.households({ q, after, limit: 20 });
                setMore({ items: [...(more?.items ?? []), ...page.items], next: page.next });
              }}
            >
              {t('field.find.more')}
            </Button>
          )}
        </>
      )}
    </Flex>
  );
}

const LEVELS: readonly FieldPlaceLevel[] = ['estate', 'building', 'unit'];

function HouseholdBrowse({ at, onChoose }: { at: BrowseChoice; onChoose: (at: BrowseChoice) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe();
  const field = useMemo(() => fieldApi(api), [api]);
  const { estate, building, unit } = at;
  const atRooms = estate !== undefined && building !== undefined && unit !== undefined;
  const load = useCallback(
    (signal: AbortSignal) =>
      onlineOrKept<{ places: ReturnType<typeof keptPlaces> | null; rooms: FieldHousehold[] }>(
        async () => {
          if (atRooms) {
            const page = await field.households({ estate, building, unit, limit: 100 }, signal);
            return { places: null, rooms: page.items };
          }
          const places = await field.places(
            { ...(estate !== undefined ? { estate } : {}), ...(building !== undefined ? { building } : {}) },
            signal,
          );
          return { places, rooms: [] };
        },
        async () => {
          const packs = await keptPacks(me.id);
          if (packs.length === 0) return null;
          return atRooms
            ? { places: null, rooms: keptHouseholdsAt(packs, { estate, building, unit }) }
            : { places: keptPlaces(packs, { estate, building }), rooms: [] };
        },
      ),
    [field, me.id, atRooms, estate, building, unit],
  );
  const state = useAsync(load);
  const label = (value: string) => value || t('field.find.none');
  const chosen = [estate, building, unit].filter((v): v is string => v !== undefined);
  return (
    <Flex vertical gap={8} data-testid="field-browse" data-level={atRooms ? 'room' : LEVELS[chosen.length]}>
      <Breadcrumb
        items={[
          { title: <BrowseLink at={{}} label={t('field.find.allEstates')} /> },
          ...chosen.map((value, i) => ({
            title:
              i === chosen.length - 1 ? (
                label(value)
              ) : (
                <BrowseLink
                  at={Object.fromEntries(LEVELS.slice(0, i + 1).map((level, j) => [level, chosen[j]]))}
                  label={label(value)}
                />
              ),
          })),
        ]}
      />
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'error' && <FieldError error={state.error} onRetry={state.reload} />}
      {state.status === 'success' && (
        <>
          <FromPhoneNote fromPhone={state.data.fromPhone} />
          {state.data.value.places && (
            <PlaceRows
              items={state.data.value.places.items}
              label={label}
              onPick={(value) => {
                const level = state.data.value.places?.level ?? 'estate';
                onChoose({ ...at, [level]: value });
              }}
            />
          )}
          {atRooms && <HouseholdRows items={byNumber(state.data.value.rooms, (h) => h.room ?? '')} rooms />}
        </>
      )}
    </Flex>
  );
}

/** A step back up the browse, as a link to its own address. */
function BrowseLink({ at, label }: { at: BrowseChoice; label: string }) {
  const to = findUrl({ mode: 'browse', ...at });
  return (
    <a href={to} onClick={(event) => followLink(event, to)}>
      {label}
    </a>
  );
}

function PlaceRows({
  items,
  label,
  onPick,
}: {
  items: readonly { value: string; households: number }[];
  label: (value: string) => string;
  onPick: (value: string) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('field.find.empty')} />;
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <RowList
        rowKey={(p) => p.value}
        dataSource={byNumber(items, (p) => p.value)}
        renderItem={(place) => (
          <RowList.Item style={{ padding: 0 }}>
            <button
              type="button"
              data-testid="field-place"
              data-value={place.value}
              onClick={() => onPick(place.value)}
              style={{
                display: 'flex',
                width: '100%',
                gap: 8,
                alignItems: 'center',
                padding: '12px',
                border: 0,
                background: 'none',
                cursor: 'pointer',
                font: 'inherit',
                textAlign: 'start',
              }}
            >
              <Typography.Text style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                {label(place.value)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('field.find.households', { count: place.households })}
              </Typography.Text>
              <RightOutlined style={{ fontSize: 12 }} />
            </button>
          </RowList.Item>
        )}
      />
    </Card>
  );
}

/** Households as the finder lists them: the room in full (never cut off), then the address. */
function HouseholdRows({ items, rooms = false }: { items: readonly FieldHousehold[]; rooms?: boolean }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('field.find.empty')} />;
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <RowList
        rowKey={(h) => h.id}
        dataSource={items}
        renderItem={(h) => {
          const to = fieldPaths.card('household', h.id);
          const place = [h.building, h.unit, h.room].filter(Boolean).join('');
          return (
            <LinkRow
              href={to}
              onOpen={(event) => followLink(event, to, backHere())}
              data={{ testid: 'field-household', id: h.id, room: h.room ?? '' }}
              icon={<HomeOutlined />}
              strong
              title={rooms ? (h.room ?? h.address) : place || h.address}
              subtitle={
                <>
                  {rooms ? h.names.slice(0, 3).join('、') : h.address}
                  {!rooms && h.names.length > 0 && ` · ${h.names.slice(0, 3).join('、')}`}
                  {h.phoneLast4.length > 0 &&
                    ` · ${t('field.find.phoneEnds', { digits: h.phoneLast4.join('/') })}`}
                </>
              }
              tag={h.isKey && <Tag color="red">{t('field.key')}</Tag>}
            />
          );
        }}
      />
    </Card>
  );
}

function EnterpriseSearch({
  q,
  mine,
  onSearch,
}: {
  q: string;
  mine: boolean;
  onSearch: (q: string, mine: boolean) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe();
  const field = useMemo(() => fieldApi(api), [api]);
  const load = useCallback(
    (signal: AbortSignal) =>
      onlineOrKept(
        async () =>
          (
            await field.enterprises(
              { ...(q ? { q } : {}), ...(mine ? { liaison: 'me' as const } : {}) },
              signal,
            )
          ).items,
        async () => {
          const packs = await keptPacks(me.id);
          return packs.length === 0 ? null : searchKeptEnterprises(packs, q, mine);
        },
      ),
    [field, me.id, q, mine],
  );
  const state = useAsync(load);
  return (
    <Flex vertical gap={8}>
      <Input.Search
        key={q}
        defaultValue={q}
        allowClear
        enterButton
        placeholder={t('field.find.enterprisePlaceholder')}
        onSearch={(value) => onSearch(value.trim(), mine)}
      />
      <Flex gap={8} align="center">
        <Switch
          size="small"
          checked={mine}
          onChange={(next) => onSearch(q, next)}
          data-testid="field-find-mine"
        />
        <Typography.Text>{t('field.find.mine')}</Typography.Text>
      </Flex>
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'error' && <FieldError error={state.error} onRetry={state.reload} />}
      {state.status === 'success' && (
        <>
          <FromPhoneNote fromPhone={state.data.fromPhone} />
          <EnterpriseRows items={state.data.value} />
        </>
      )}
    </Flex>
  );
}

function EnterpriseRows({ items }: { items: readonly FieldEnterprise[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('field.find.empty')} />;
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <RowList
        rowKey={(e) => e.id}
        dataSource={items}
        renderItem={(e) => {
          const to = fieldPaths.card('enterprise', e.id);
          return (
            <LinkRow
              href={to}
              onOpen={(event) => followLink(event, to, backHere())}
              data={{ testid: 'field-enterprise', id: e.id }}
              icon={<BankOutlined />}
              strong
              title={e.name}
              subtitle={
                <>
                  {e.address}
                  {e.contactName && ` · ${e.contactName}`}
                  {e.contactPhoneLast4 && ` · ${t('field.find.phoneEnds', { digits: e.contactPhoneLast4 })}`}
                  {e.liaisonName && ` · ${t('field.liaison')} ${e.liaisonName}`}
                </>
              }
              tag={e.mine && <Tag color="blue">{t('field.find.mineTag')}</Tag>}
            />
          );
        }}
      />
    </Card>
  );
}
