import { TreeSelect } from 'antd';
import { regionTreeData } from '../../components/region-tree-data.ts';
import { useRegionTree } from '../../components/use-region-tree.ts';

const GRID_LEVELS = new Set(['grid', 'micro_grid']);

/**
 * Picks the grid an enterprise sits in from the user's part of the hierarchy, loading children
 * as nodes open. `openPath` (the current grid's ancestors, top down) is opened at once, so an
 * edit shows the grid already chosen.
 */
export function GridSelect({
  value,
  onChange,
  openPath,
  placeholder,
  id,
}: {
  value?: string | undefined;
  onChange?: (value: string) => void;
  openPath: readonly string[];
  placeholder: string;
  id?: string;
}) {
  // Loads once per dialog; `openPath` is fixed while it is open.
  const { nodes, loadChildren } = useRegionTree({ openPath });
  return (
    <TreeSelect
      id={id}
      showSearch={false}
      value={value}
      placeholder={placeholder}
      treeDataSimpleMode
      treeData={regionTreeData(nodes, GRID_LEVELS)}
      treeDefaultExpandedKeys={[...openPath]}
      loadData={(node) => loadChildren(String(node.value))}
      onChange={(next: string) => onChange?.(next)}
      style={{ width: '100%' }}
      data-testid="enterprise-grid-select"
    />
  );
}
