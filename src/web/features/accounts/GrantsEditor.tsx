import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/auth/roles.ts';
import type { Department } from '../../../shared/domain/department.ts';
import { isDepartmentRole } from '../../../shared/domain/user.ts';
import type { AsyncState } from '../../api/use-async.ts';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { type DraftProblem, emptyDraft, type GrantDraft, withRole } from './grant-drafts.ts';

/**
 * The role grants of an account, one line each: a role and its scope (a region, empty for the
 * whole district, or a department for a department handler). Problems show as they arise, the
 * 三员 conflict included, before anything is sent.
 */
export function GrantsEditor({
  drafts,
  onChange,
  departments,
  problems,
  conflict,
  showProblems,
}: {
  drafts: GrantDraft[];
  onChange: (drafts: GrantDraft[]) => void;
  departments: AsyncState<Department[]> & { reload: () => void };
  problems: DraftProblem[];
  conflict: Role[];
  /** Show the incomplete lines' problems too (after a save was tried); a conflict shows at once. */
  showProblems: boolean;
}) {
  const { t } = useTranslation();
  const replace = (key: number, next: GrantDraft) => onChange(drafts.map((d) => (d.key === key ? next : d)));
  const needsDepartments = drafts.some((d) => d.role !== null && isDepartmentRole(d.role));
  const departmentOptions = (departments.data ?? [])
    .filter((d) => d.active)
    .map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` }));

  return (
    <Flex vertical gap={8} data-testid="grants-editor">
      {drafts.map((draft, index) => (
        <Flex key={draft.key} gap={8} wrap align="center" data-testid="grant-row">
          <Select<Role>
            style={{ flex: '1 1 140px', minWidth: 140 }}
            placeholder={t('accounts.rolePlaceholder')}
            value={draft.role ?? undefined}
            aria-label={`${t('accounts.role')} ${index + 1}`}
            options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            onChange={(role) => replace(draft.key, withRole(draft, role))}
            data-testid="grant-role"
          />
          <div style={{ flex: '2 1 200px', minWidth: 200 }}>
            {draft.role !== null && isDepartmentRole(draft.role) ? (
              <Select<string>
                style={{ width: '100%' }}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('accounts.departmentPlaceholder')}
                value={draft.scopeDepartmentId ?? undefined}
                loading={departments.status === 'loading'}
                options={departmentOptions}
                notFoundContent={t('accounts.noDepartments')}
                onChange={(id) => replace(draft.key, { ...draft, scopeDepartmentId: id })}
                aria-label={`${t('accounts.scope')} ${index + 1}`}
                data-testid="grant-department"
              />
            ) : (
              <RegionTreeSelect
                allowClear
                value={
                  draft.scopeRegionId
                    ? { id: draft.scopeRegionId, name: draft.scopeRegionName ?? draft.scopeRegionId }
                    : null
                }
                placeholder={t('accounts.regionPlaceholder')}
                onChange={(region) =>
                  replace(draft.key, {
                    ...draft,
                    scopeRegionId: region?.id ?? null,
                    scopeRegionName: region?.name ?? null,
                  })
                }
                testId="grant-region"
              />
            )}
          </div>
          <Button
            type="text"
            icon={<DeleteOutlined />}
            aria-label={t('accounts.removeGrant')}
            title={t('accounts.removeGrant')}
            disabled={drafts.length === 1}
            onClick={() => onChange(drafts.filter((d) => d.key !== draft.key))}
          />
        </Flex>
      ))}
      <div>
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange([...drafts, emptyDraft()])}
          disabled={drafts.length >= 10}
        >
          {t('accounts.addGrant')}
        </Button>
      </div>
      {needsDepartments && departments.status === 'error' && (
        <ApiErrorAlert error={departments.error} onRetry={departments.reload} />
      )}
      {problems.includes('conflict') && (
        <Alert
          type="error"
          showIcon
          data-testid="grants-conflict"
          title={t('accounts.conflict', { roles: conflict.map((r) => t(`roles.${r}`)).join('、') })}
        />
      )}
      {problems
        .filter((p) => p !== 'conflict' && showProblems)
        .map((p) => (
          <Typography.Text key={p} type="danger">
            {t(`accounts.${p}`)}
          </Typography.Text>
        ))}
    </Flex>
  );
}
