import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { enterpriseDetailSchema } from '../../../shared/domain/enterprise.ts';
import { householdDetailSchema } from '../../../shared/domain/household.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { historyState, navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { keptTarget } from './directory-store.ts';
import { FieldError, OfflineCopyNote } from './FieldError.tsx';
import { fieldApi } from './field-api.ts';
import { cacheKeys, loadWithCache, OfflineMissError } from './field-data.ts';
import { fieldPaths } from './field-path.ts';
import { RowList } from './RowList.tsx';

type TargetType = 'household' | 'enterprise';

/** Loads a household's or an enterprise's card (masked, as the server sends it), from the phone when offline. */
export function useTargetCard(type: TargetType, id: string) {
  const api = useApi();
  const me = useMe();
  const field = useMemo(() => fieldApi(api), [api]);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const key = cacheKeys.card({ type, id });
      try {
        if (type === 'household') {
          const loaded = await loadWithCache(me.id, key, householdDetailSchema, () =>
            field.household(id, signal),
          );
          return {
            offlineSince: loaded.offlineSince,
            household: loaded.value,
            enterprise: undefined,
            kept: undefined,
          };
        }
        const loaded = await loadWithCache(me.id, key, enterpriseDetailSchema, () =>
          field.enterprise(id, signal),
        );
        return {
          offlineSince: loaded.offlineSince,
          household: undefined,
          enterprise: loaded.value,
          kept: undefined,
        };
      } catch (error) {
        // Offline, a card never opened here still opens from the kept grid's directory.
        if (!(error instanceof OfflineMissError)) throw error;
        const found = await keptTarget(me.id, type, id);
        if (!found) throw error;
        return { offlineSince: found.savedAt, household: undefined, enterprise: undefined, kept: found.row };
      }
    },
    [field, me.id, type, id],
  );
  return useAsync(load);
}

/**
 * A household or enterprise card for the visit: where it is, its tags and (for a household) its
 * members with ID numbers and phones masked. The field app offers no unmasking at all, online or not.
 */
export function TargetCardPage({ type, id }: { type: TargetType; id: string }) {
  const { t } = useTranslation();
  const state = useTargetCard(type, id);
  // A card opened from the finder goes back to the same list; otherwise to the visit-day list.
  const backTo = historyState('fieldBack') ?? fieldPaths.home();
  const back = (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      data-testid="field-card-back"
      onClick={() => navigate(backTo)}
      style={{ padding: 0 }}
    >
      {t('field.back')}
    </Button>
  );
  if (state.status === 'loading') return <Skeleton active />;
  if (state.status === 'error')
    return (
      <>
        {back}
        <FieldError error={state.error} onRetry={state.reload} />
      </>
    );
  const { household, enterprise, kept, offlineSince } = state.data;
  return (
    <Flex vertical gap={12} data-testid="field-card" data-type={type}>
      {back}
      <OfflineCopyNote since={offlineSince} />
      {household && (
        <Card
          size="small"
          title={
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong style={{ whiteSpace: 'normal' }}>
                {household.address}
              </Typography.Text>
              {household.isKey && <Tag color="red">{t('field.key')}</Tag>}
            </Flex>
          }
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('field.grid')}>{household.gridName}</Descriptions.Item>
            {household.tags.length > 0 && (
              <Descriptions.Item label={t('households.tags')}>
                <Flex wrap gap={4}>
                  {household.tags.map((tag) => (
                    <Tag key={tag}>
                      {tag}
                      {household.tagLevels[tag] ? `(${household.tagLevels[tag]})` : ''}
                    </Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Text strong>
            {t('field.members')} · {t('field.memberCount', { count: household.members.length })}
          </Typography.Text>
          <RowList
            rowKey={(m) => m.id}
            size="small"
            dataSource={household.members}
            renderItem={(member) => (
              <RowList.Item style={{ paddingInline: 0 }} data-testid="field-member">
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text>
                    {member.name} · {member.relationship}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[member.idNumberMasked, member.phoneMasked].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </Flex>
              </RowList.Item>
            )}
          />
        </Card>
      )}
      {enterprise && (
        <Card
          size="small"
          title={
            <Typography.Text strong style={{ whiteSpace: 'normal' }}>
              {enterprise.name}
            </Typography.Text>
          }
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('field.address')}>{enterprise.address}</Descriptions.Item>
            <Descriptions.Item label={t('field.grid')}>{enterprise.gridName}</Descriptions.Item>
            {enterprise.contactName && (
              <Descriptions.Item label={t('field.contact')}>
                {enterprise.contactName} {enterprise.contactPhoneMasked ?? ''}
              </Descriptions.Item>
            )}
            {enterprise.liaisonName && (
              <Descriptions.Item label={t('field.liaison')}>{enterprise.liaisonName}</Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      {kept && (
        <Card
          size="small"
          data-testid="field-kept-card"
          title={
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                {'names' in kept ? kept.address : kept.name}
              </Typography.Text>
              {'names' in kept && kept.isKey && <Tag color="red">{t('field.key')}</Tag>}
            </Flex>
          }
        >
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('field.grid')}>{kept.gridName}</Descriptions.Item>
            {'names' in kept && kept.names.length > 0 && (
              <Descriptions.Item label={t('field.members')}>{kept.names.join('、')}</Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Text type="secondary">{t('field.kept.cardFromGrid')}</Typography.Text>
        </Card>
      )}
      <Alert type="info" showIcon title={t('field.masked')} />
      <Button
        type="primary"
        size="large"
        block
        icon={<EditOutlined />}
        data-testid="field-start-visit"
        onClick={() => navigate(fieldPaths.visit(type, id))}
      >
        {t('field.startVisit')}
      </Button>
    </Flex>
  );
}
