import { DeleteOutlined, DragOutlined, EditOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionAction, RegionNode } from '../../../shared/domain/region.ts';

const ICONS: Record<RegionAction, ReactNode> = {
  'create-child': <PlusOutlined />,
  rename: <EditOutlined />,
  move: <DragOutlined />,
  delete: <DeleteOutlined />,
};

const LABELS: Record<RegionAction, string> = {
  'create-child': 'org.regionEdit.createChild',
  rename: 'org.regionEdit.rename',
  move: 'org.regionEdit.move',
  delete: 'org.regionEdit.delete',
};

/** A node's edit menu: exactly the actions the server says the caller may take on it. */
export function RegionNodeActions({
  region,
  onAction,
}: {
  region: RegionNode;
  onAction: (action: RegionAction, region: RegionNode) => void;
}) {
  const { t } = useTranslation();
  if (region.actions.length === 0) return null;
  const items: MenuProps['items'] = region.actions.map((action) => ({
    key: action,
    icon: ICONS[action],
    label: <span data-testid={`region-action-${action}`}>{t(LABELS[action])}</span>,
    danger: action === 'delete',
  }));
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key, domEvent }) => {
          domEvent.stopPropagation();
          onAction(key as RegionAction, region);
        },
      }}
    >
      <Button
        size="small"
        type="text"
        icon={<MoreOutlined />}
        aria-label={t('org.regionEdit.nodeActions')}
        data-testid="region-actions"
        // The row selects or expands on click; the menu button must not.
        onClick={(event) => event.stopPropagation()}
      />
    </Dropdown>
  );
}
