import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { enterpriseListSchema } from '../../shared/domain/enterprise.ts';
import { householdListSchema } from '../../shared/domain/household.ts';
import { useApi } from '../app/api-context.tsx';

/**
 * Finds the household or enterprise a reporter speaks for, by code, address or name, within the
 * chosen place (or the caller's whole area). Used as a form control: value is the record's id.
 */
export function RecordSearchSelect({
  kind,
  regionId,
  value,
  onChange,
}: {
  kind: 'household' | 'enterprise';
  regionId: string | undefined;
  value?: string;
  onChange?: (id: string | undefined) => void;
}) {
  const api = useApi();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    const params = new URLSearchParams({ limit: '20' });
    if (regionId) params.set('regionId', regionId);
    if (text.trim()) params.set('q', text.trim());
    const found =
      kind === 'household'
        ? api
            .request('GET', `/api/v1/households?${params}`, householdListSchema, {
              signal: controller.signal,
            })
            .then((list) => list.items.map((h) => ({ value: h.id, label: `${h.code} ${h.address}` })))
        : api
            .request('GET', `/api/v1/enterprises?${params}`, enterpriseListSchema, {
              signal: controller.signal,
            })
            .then((list) => list.items.map((e) => ({ value: e.id, label: e.name })));
    found.then(
      (items) => {
        if (!controller.signal.aborted) setOptions(items);
      },
      () => {
        if (!controller.signal.aborted) setOptions([]);
      },
    );
    return () => controller.abort();
  }, [api, kind, regionId, text]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      onChange={(id?: string) => onChange?.(id)}
      options={options}
      style={{ width: '100%' }}
      data-testid={`case-form-${kind}`}
    />
  );
}
