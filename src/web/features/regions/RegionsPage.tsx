import { App, Card, Empty, Flex, Skeleton, Tree, type TreeDataNode, Typography } from 'antd';
import { type Key, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { RegionTitle } from './RegionTitle.tsx';
import {
  emptyRegions,
  type LoadedRegions,
  type RegionTreeNode,
  ROOT,
  toTree,
  withChildren,
} from './region-tree.ts';

function toTreeData(nodes: RegionTreeNode[], householdsLink: boolean): TreeDataNode[] {
  return nodes.map(({ region, children }) => ({
    key: region.id,
    title: <RegionTitle region={region} householdsLink={householdsLink} />,
    isLeaf: region.childCount === 0,
    ...(children ? { children: toTreeData(children, householdsLink) } : {}),
  }));
}

/**
 * The part of the hierarchy the user's scope covers, as a tree (its top is what the server says
 * the scope's roots are); children are fetched when a node is first expanded.
 */
export function RegionsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const householdsLink = useMe().permissions.includes('households:read');
  const [loaded, setLoaded] = useState<LoadedRegions>(emptyRegions);

  const loadTop = useCallback(
    async (signal: AbortSignal) => {
      const items = await api.listRegions(undefined, signal);
      setLoaded(withChildren(emptyRegions, ROOT, items));
      return items;
    },
    [api],
  );
  const top = useAsync(loadTop);
  const treeData = useMemo(() => toTreeData(toTree(loaded), householdsLink), [loaded, householdsLink]);

  const loadChildren = async (node: { key: Key }) => {
    const parentId = String(node.key);
    try {
      const items = await api.listRegions(parentId);
      setLoaded((state) => withChildren(state, parentId, items));
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
      // Rejecting leaves the node unloaded, so expanding it again retries.
      throw error;
    }
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('regions.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('regions.subtitle')}</Typography.Text>
      </div>
      <Card>
        {top.status === 'loading' && <Skeleton active />}
        {top.status === 'error' && <ApiErrorAlert error={top.error} onRetry={top.reload} />}
        {top.status === 'success' && top.data.length === 0 && <Empty description={t('regions.empty')} />}
        {top.status === 'success' && top.data.length > 0 && (
          <Tree showLine blockNode treeData={treeData} loadData={loadChildren} />
        )}
      </Card>
    </Flex>
  );
}
