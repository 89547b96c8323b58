import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type HTMLAttributes, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type HouseholdDetail, type Member, RELATIONSHIPS } from '../../../shared/domain/household.ts';
import { formatPosition } from '../../../shared/map/position.ts';
import { toApiError } from '../../api/api-error.ts';
import type { UnmaskField } from '../../api/client.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { navigate } from '../../app/router.ts';
import { MaskedValue } from '../../components/MaskedValue.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionBreadcrumb } from '../../components/RegionBreadcrumb.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { HouseholdFormDrawer } from './HouseholdFormDrawer.tsx';
import { householdWritesApi } from './household-writes-api.ts';
import { householdListPath } from './households-path.ts';
import { KeyHouseholdPanel } from './KeyHouseholdPanel.tsx';
import { MemberFormModal } from './MemberFormModal.tsx';
import { RemoveHouseholdModal } from './RemoveHouseholdModal.tsx';
import { TargetHistory } from './TargetHistory.tsx';
import { UnmaskModal, type UnmaskTarget } from './UnmaskModal.tsx';
import { tagLabel, useTagList } from './use-tag-list.ts';

const revealKey = (memberId: string, field: UnmaskField) => `${memberId}:${field}`;

/**
 * One household: where it is (breadcrumb down the hierarchy), what is on record, and its members
 * with ID numbers and phones masked by the server. Someone allowed to may reveal one value at a
 * time, giving a reason; revealed values live only in this page's state and are gone when it is
 * left. A household outside the user's scope answers 404, shown as the not-found page.
 */
export function HouseholdDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => api.getHousehold(id, signal), [api, id]);
  const household = useAsync(load);
  const tagList = useTagList('household');
  // The household as the last write answered it, over what was loaded.
  const [saved, setSaved] = useState<HouseholdDetail | null>(null);
  const [revealed, setRevealed] = useState<ReadonlyMap<string, string>>(new Map());
  const [unmasking, setUnmasking] = useState<(UnmaskTarget & { memberId: string }) | null>(null);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [memberForm, setMemberForm] = useState<{ member: Member | null } | null>(null);

  if (household.status === 'error' && household.error.code === 'NOT_FOUND') return <NotFoundPage />;
  if (household.status === 'error')
    return <ApiErrorAlert error={household.error} onRetry={household.reload} />;
  if (household.status === 'loading' && !saved) return <Skeleton active paragraph={{ rows: 8 }} />;

  const data = (saved ?? household.data) as HouseholdDetail;
  const mayUnmask = data.actions.includes('unmask');
  const mayEditMembers = data.actions.includes('edit-member');
  const english = i18n.language === 'en';
  const refresh = async () => setSaved(await api.getHousehold(id));
  const removeMember = async (member: Member) => {
    try {
      await householdWritesApi(api).removeMember(data.id, member.id);
      message.success(t('records.member.removed'));
      await refresh();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };

  const hide = (memberId: string, field: UnmaskField) =>
    setRevealed((current) => {
      const next = new Map(current);
      next.delete(revealKey(memberId, field));
      return next;
    });

  const maskedCell = (member: Member, field: UnmaskField) => {
    const masked = field === 'phone' ? member.phoneMasked : member.idNumberMasked;
    if (masked === null) return <Typography.Text type="secondary">—</Typography.Text>;
    const full = revealed.get(revealKey(member.id, field));
    const fieldLabel = t(field === 'phone' ? 'households.phone' : 'households.idNumber');
    return (
      <MaskedValue
        value={full ?? masked}
        revealed={full !== undefined}
        testId={`member-${field}`}
        unmask={
          mayUnmask
            ? {
                text: t('households.unmask'),
                label: t('households.unmaskFor', { name: member.name, field: fieldLabel }),
                testId: `unmask-${field}`,
                onClick: () => setUnmasking({ memberId: member.id, memberName: member.name, field }),
              }
            : undefined
        }
        hide={{
          text: t('households.hide'),
          label: t('households.hideFor', { name: member.name, field: fieldLabel }),
          onClick: () => hide(member.id, field),
        }}
      />
    );
  };

  const columns: TableColumnsType<Member> = [
    { key: 'name', title: t('households.name'), dataIndex: 'name', width: 110 },
    {
      key: 'gender',
      title: t('households.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (_value, member) => t(`households.genders.${member.gender}`),
    },
    { key: 'birthDate', title: t('households.birthDate'), dataIndex: 'birthDate', width: 120 },
    {
      key: 'relationship',
      title: t('households.relationship'),
      width: 110,
      // Stored as the Chinese term; an imported term outside the list shows as written.
      render: (_value, member) => {
        const known = RELATIONSHIPS.find((r) => r.value === member.relationship);
        return known ? t(`records.relationships.${known.key}`) : member.relationship;
      },
    },
    {
      key: 'idNumber',
      title: t('households.idNumber'),
      width: 280,
      render: (_value, member) => maskedCell(member, 'id_number'),
    },
    {
      key: 'phone',
      title: t('households.phone'),
      width: 210,
      render: (_value, member) => maskedCell(member, 'phone'),
    },
    ...(mayEditMembers
      ? [
          {
            key: 'actions',
            title: t('records.member.actions'),
            width: 150,
            render: (_value: unknown, member: Member) => (
              <Flex gap={4} wrap={false}>
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setMemberForm({ member })}
                  data-testid="member-edit"
                >
                  {t('records.member.edit')}
                </Button>
                <Popconfirm
                  title={t('records.member.removeConfirm', { name: member.name })}
                  description={t('records.member.removeHint')}
                  okText={t('records.member.remove')}
                  cancelText={t('records.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => removeMember(member)}
                >
                  <Button
                    size="small"
                    type="link"
                    danger
                    icon={<DeleteOutlined />}
                    data-testid="member-remove"
                  >
                    {t('records.member.remove')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <RegionBreadcrumb
        path={data.regionPath}
        listPath={householdListPath}
        current={{ key: 'household', title: data.code }}
        testId="household-breadcrumb"
      />
      <PageHeader
        title={data.address}
        subtitle={t('households.detailSubtitle', { code: data.code })}
        titleTestId="household-title"
        extra={
          <Flex gap={8} wrap>
            {data.actions.includes('edit') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="household-edit">
                {t('records.edit')}
              </Button>
            )}
            {data.actions.includes('remove') && (
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={() => setRemoving(true)}
                data-testid="household-remove"
              >
                {t('records.household.remove')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'code', label: t('households.code'), children: data.code },
            { key: 'grid', label: t('households.grid'), children: data.gridName },
            { key: 'members', label: t('households.memberCount'), children: data.memberCount },
            { key: 'address', label: t('households.address'), children: data.address, span: 'filled' },
            {
              key: 'position',
              label: t('map.position.label'),
              span: 'filled',
              children: (
                // Coordinates mean nothing to a reader; they stay one hover away for whoever checks a check-in.
                <span data-testid="household-position">
                  {data.position ? (
                    <Tooltip title={formatPosition(data.position)}>
                      <span>{t('map.position.recorded')}</span>
                    </Tooltip>
                  ) : (
                    t('map.position.none')
                  )}
                </span>
              ),
            },
            {
              key: 'tags',
              label: t('households.tags'),
              span: 'filled',
              children:
                data.tags.length > 0 || data.isKey ? (
                  <Flex gap={4} wrap data-testid="household-tags">
                    {data.isKey && (
                      <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="household-key">
                        {t('records.household.key')}
                      </Tag>
                    )}
                    {data.tags.map((tag) => (
                      <Tag key={tag} color="blue" style={{ marginInlineEnd: 0 }}>
                        {tagLabel(tagList.data, tag, english)}
                        {data.tagLevels[tag]
                          ? ` · ${t('records.household.level', { level: data.tagLevels[tag] })}`
                          : ''}
                      </Tag>
                    ))}
                  </Flex>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('households.members')}
        extra={
          data.actions.includes('add-member') && (
            <Button
              icon={<UserAddOutlined />}
              onClick={() => setMemberForm({ member: null })}
              data-testid="member-add"
            >
              {t('records.member.add')}
            </Button>
          )
        }
      >
        <Table<Member>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data.members}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="household-members"
          onRow={(member) => ({ 'data-member-id': member.id }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('households.noMembers') }}
        />
      </Card>
      {data.isKey && (
        <KeyHouseholdPanel
          householdId={data.id}
          canRecord={data.actions.includes('record-key-info')}
          canEditPlan={data.actions.includes('edit-plan')}
        />
      )}
      <TargetHistory target={{ householdId: data.id }} name={data.address} />
      <HouseholdFormDrawer
        open={editing}
        household={data}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          setSaved(next);
          setEditing(false);
          message.success(t('records.saved'));
        }}
      />
      <RemoveHouseholdModal
        open={removing}
        householdId={data.id}
        onClose={() => setRemoving(false)}
        onRemoved={() => {
          setRemoving(false);
          message.success(t('records.household.removed'));
          navigate(householdListPath(data.gridId), { replace: true });
        }}
      />
      <MemberFormModal
        open={memberForm !== null}
        householdId={data.id}
        member={memberForm?.member ?? null}
        onClose={() => setMemberForm(null)}
        onSaved={async () => {
          setMemberForm(null);
          message.success(t('records.saved'));
          await refresh().catch(household.reload);
        }}
      />
      <UnmaskModal
        target={unmasking}
        onClose={() => setUnmasking(null)}
        onConfirm={async (reason) => {
          if (!unmasking) return;
          const { memberId, field } = unmasking;
          const value = await api.unmaskMember(data.id, memberId, field, reason);
          setRevealed((current) => new Map(current).set(revealKey(memberId, field), value));
          setUnmasking(null);
        }}
      />
    </Flex>
  );
}
