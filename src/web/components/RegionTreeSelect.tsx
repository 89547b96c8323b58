import { TreeSelect } from 'antd';
import { regionTreeData } from './region-tree-data.ts';
import { useRegionTree } from './use-region-tree.ts';

export interface PickedRegion {
  id: string;
  name: string;
}

/**
 * Picks one region of the caller's scope, any level, from its top down; children load as nodes
 * open. A region chosen before whose branch is not loaded shows with the name it came with.
 * `pickFirst`: until the user picks, the first top node is chosen (an export always names a
 * region); `allowClear`: the choice may go back to none (a grant's whole district).
 */
export function RegionTreeSelect({
  value,
  onChange,
  placeholder,
  testId,
  allowClear = false,
  pickFirst = false,
  maxWidth,
}: {
  value: PickedRegion | null;
  onChange: (region: PickedRegion | null) => void;
  placeholder: string;
  testId?: string;
  allowClear?: boolean;
  pickFirst?: boolean;
  maxWidth?: number;
}) {
  const { nodes, loadChildren } = useRegionTree({
    onRoots: (roots) => {
      const first = roots[0];
      if (pickFirst && first && value === null) onChange({ id: first.id, name: first.name });
    },
  });

  return (
    <TreeSelect
      allowClear={allowClear}
      showSearch={false}
      labelInValue
      value={value ? { value: value.id, label: nodes.get(value.id)?.name ?? value.name } : undefined}
      placeholder={placeholder}
      treeDataSimpleMode
      treeData={regionTreeData(nodes)}
      loadData={(node) => loadChildren(String(node.value))}
      onChange={(next?: { value: string; label: unknown }) => {
        const id = next?.value;
        onChange(id ? { id, name: nodes.get(id)?.name ?? String(next?.label ?? id) } : null);
      }}
      style={{ width: '100%', maxWidth }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
