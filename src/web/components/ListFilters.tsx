import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { RegionTreeSelect } from './RegionTreeSelect.tsx';

/** A list's place filter, down to the grid; the picked place's name is kept for the address. */
export function RegionFilter({
  regionId,
  regionName,
  onChange,
  testId,
  width,
}: {
  regionId: string | undefined;
  regionName: string | undefined;
  onChange: (id: string | undefined, name: string | undefined) => void;
  testId: string;
  width: { flex: string; maxWidth: number };
}) {
  const { t } = useTranslation();
  return (
    <div style={width} data-testid={testId}>
      <RegionTreeSelect
        value={regionId ? { id: regionId, name: regionName ?? '' } : null}
        onChange={(picked) => onChange(picked?.id, picked?.name)}
        placeholder={t('records.lists.regionFilter')}
        allowClear
      />
    </div>
  );
}

/** A list's search box; an empty search clears the filter. Re-mounted when the address's `q` changes. */
export function ListSearch({
  q,
  placeholder,
  label,
  onSearch,
  width,
}: {
  q: string | undefined;
  placeholder: string;
  label: string;
  onSearch: (q: string | undefined) => void;
  width: { flex: string; maxWidth: number };
}) {
  return (
    <Input.Search
      key={q ?? ''}
      allowClear
      enterButton
      defaultValue={q}
      maxLength={100}
      placeholder={placeholder}
      aria-label={label}
      style={width}
      onSearch={(text) => onSearch(text.trim() || undefined)}
    />
  );
}
