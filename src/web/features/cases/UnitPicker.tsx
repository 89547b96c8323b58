import { Flex, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/domain/case.ts';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useDepartments } from './use-departments.ts';

/** A handling unit: a department (职能部门) or a community or grid of the caller's area. */
export function UnitPicker({
  value,
  onChange,
  testId = 'unit-picker',
}: {
  value: Unit | null;
  onChange: (unit: Unit | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const [kind, setKind] = useState<'department' | 'region'>(
    value && 'regionId' in value ? 'region' : 'department',
  );
  const [region, setRegion] = useState<PickedRegion | null>(null);
  return (
    <Flex vertical gap={8} data-testid={testId}>
      <Radio.Group
        value={kind}
        onChange={(event) => {
          setKind(event.target.value as 'department' | 'region');
          onChange(null);
        }}
        options={[
          { value: 'department', label: t('cases.act.department') },
          { value: 'region', label: t('cases.act.communityOrGrid') },
        ]}
      />
      {kind === 'department' ? (
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          placeholder={t('cases.act.departmentPlaceholder')}
          value={value && 'departmentId' in value ? value.departmentId : undefined}
          onChange={(id: string) => onChange({ departmentId: id })}
          options={departments.map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` }))}
          data-testid={`${testId}-department`}
        />
      ) : (
        <RegionTreeSelect
          value={region}
          onChange={(picked) => {
            setRegion(picked);
            onChange(picked ? { regionId: picked.id } : null);
          }}
          placeholder={t('cases.act.communityPlaceholder')}
          testId={`${testId}-region`}
        />
      )}
    </Flex>
  );
}
