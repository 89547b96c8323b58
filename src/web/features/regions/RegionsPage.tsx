import { App, Card, Empty, Flex, Skeleton, Tree, type TreeDataNode } from 'antd';
import { type Key, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionAction, RegionNode, RegionSearchHit } from '../../../shared/domain/region.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { useApi } from '../../app/api-context.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { EstatesCard } from '../public-codes/EstatesCard.tsx';
import { MoveRegionModal } from './MoveRegionModal.tsx';
import { type RegionForm, RegionFormModal } from './RegionFormModal.tsx';
import { RegionNodeActions } from './RegionNodeActions.tsx';
import { RegionSearch } from './RegionSearch.tsx';
import { RegionTitle } from './RegionTitle.tsx';
import {
  ancestorsToExpand,
  emptyRegions,
  type LoadedRegions,
  loadedParents,
  type RegionTreeNode,
  ROOT,
  toTree,
  withChildren,
} from './region-tree.ts';
import { useRegionsApi } from './regions-api.ts';

type OnAction = (action: RegionAction, region: RegionNode) => void;

function toTreeData(nodes: RegionTreeNode[], householdsLink: boolean, onAction: OnAction): TreeDataNode[] {
  return nodes.map(({ region, children }) => ({
    key: region.id,
    title: (
      <RegionTitle
        region={region}
        householdsLink={householdsLink}
        extra={<RegionNodeActions region={region} onAction={onAction} />}
      />
    ),
    isLeaf: region.childCount === 0,
    ...(children ? { children: toTreeData(children, householdsLink, onAction) } : {}),
  }));
}

type Dialog = RegionForm | { mode: 'move'; region: RegionNode } | null;

/**
 * The part of the hierarchy the user's scope covers, as a tree (its top is what the server says
 * the scope's roots are); children are fetched when a node is first expanded. A search finds a
 * node anywhere in the scope and opens the tree down to it. Where the server allows it (a node's
 * `actions`), a node's menu adds a child, renames, deletes or moves it; after a change every
 * loaded level is fetched again, so names and counts stay true.
 */
export function RegionsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const regionsApi = useRegionsApi();
  const { message, modal } = App.useApp();
  const householdsLink = useMe().permissions.includes('households:read');
  const [loaded, setLoaded] = useState<LoadedRegions>(emptyRegions);
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [selected, setSelected] = useState<Key[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  // The latest state for async work started from an older render (reveal, refresh).
  const latest = useRef(loaded);
  latest.current = loaded;

  const loadTop = useCallback(
    async (signal: AbortSignal) => {
      const items = await api.listRegions(undefined, signal);
      setLoaded(withChildren(emptyRegions, ROOT, items));
      return items;
    },
    [api],
  );
  const top = useAsync(loadTop);

  const fetchChildren = useCallback(
    (parentId: string) => api.listRegions(parentId === ROOT ? undefined : parentId),
    [api],
  );

  /** Fetches every loaded level again (after an edit, names, counts and actions may all change). */
  const refresh = useCallback(
    async (alsoLoad: readonly string[] = []) => {
      const parents = [...new Set([...loadedParents(latest.current), ...alsoLoad])];
      const results = await Promise.all(
        parents.map(async (parentId) => {
          try {
            return { parentId, items: await fetchChildren(parentId) };
          } catch {
            // A deleted node's children can no longer be asked for: drop them.
            return { parentId, items: null };
          }
        }),
      );
      let state: LoadedRegions = emptyRegions;
      for (const { parentId, items } of results) if (items) state = withChildren(state, parentId, items);
      setLoaded(state);
    },
    [fetchChildren],
  );

  const loadChildren = async (node: { key: Key }) => {
    const parentId = String(node.key);
    try {
      const items = await fetchChildren(parentId);
      setLoaded((state) => withChildren(state, parentId, items));
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
      // Rejecting leaves the node unloaded, so expanding it again retries.
      throw error;
    }
  };

  const reveal = async (hit: RegionSearchHit) => {
    const chain = ancestorsToExpand(
      latest.current,
      hit.breadcrumb.map((c) => c.id),
    );
    try {
      let state = latest.current;
      for (const id of chain) {
        if (!state.children.has(id)) state = withChildren(state, id, await fetchChildren(id));
      }
      setLoaded(state);
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
      return;
    }
    setExpanded((keys) => [...new Set([...keys, ...chain])]);
    setSelected([hit.id]);
    // After the tree has rendered the newly expanded levels.
    setTimeout(() => {
      document.querySelector(`[data-region-id="${hit.id}"]`)?.scrollIntoView({ block: 'center' });
    }, 50);
  };

  const onAction = useCallback<OnAction>(
    (action, region) => {
      if (action === 'create-child') setDialog({ mode: 'create', parent: region });
      else if (action === 'rename') setDialog({ mode: 'rename', region });
      else if (action === 'move') setDialog({ mode: 'move', region });
      else
        modal.confirm({
          title: t('org.regionEdit.deleteTitle', { name: region.name }),
          content: t('org.regionEdit.deleteContent'),
          okText: t('org.regionEdit.delete'),
          okButtonProps: { danger: true },
          cancelText: t('org.common.cancel'),
          onOk: async () => {
            try {
              await regionsApi.remove(region.id);
              void message.success(t('org.regionEdit.deleted', { name: region.name }));
              await refresh();
            } catch (error) {
              void message.error(t(toApiError(error).messageKey));
            }
          },
        });
    },
    [modal, message, refresh, regionsApi, t],
  );

  const treeData = useMemo(
    () => toTreeData(toTree(loaded), householdsLink, onAction),
    [loaded, householdsLink, onAction],
  );
  const loadedKeys = useMemo(() => loadedParents(loaded).filter((k) => k !== ROOT), [loaded]);
  const chosen = selected.length === 1 ? loaded.nodes.get(String(selected[0])) : undefined;
  const mayEditPlaces = useMe().permissions.includes('regions:write');
  const grandparentOf = (region: RegionNode) =>
    (region.parentId && loaded.nodes.get(region.parentId)?.parentId) ?? null;

  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('regions.title')} subtitle={t('regions.subtitle')} />
      <Card>
        <Flex vertical gap={16}>
          {top.status === 'success' && top.data.length > 0 && <RegionSearch onChoose={reveal} />}
          {top.status === 'loading' && <Skeleton active />}
          {top.status === 'error' && <ApiErrorAlert error={top.error} onRetry={top.reload} />}
          {top.status === 'success' && top.data.length === 0 && <Empty description={t('regions.empty')} />}
          {top.status === 'success' && top.data.length > 0 && (
            <Tree
              showLine
              blockNode
              treeData={treeData}
              loadData={loadChildren}
              loadedKeys={loadedKeys}
              expandedKeys={expanded}
              onExpand={(keys) => setExpanded(keys)}
              selectedKeys={selected}
              onSelect={(keys) => setSelected(keys)}
            />
          )}
        </Flex>
      </Card>
      {/* A chosen grid's estates and buildings, and the QR posters of a grid or community. */}
      {chosen && (chosen.level === 'grid' || chosen.level === 'community') && (
        <EstatesCard key={chosen.id} region={chosen} mayEdit={mayEditPlaces && chosen.actions.length > 0} />
      )}
      {dialog && dialog.mode !== 'move' && (
        <RegionFormModal
          form={dialog}
          onClose={() => setDialog(null)}
          onSaved={async (region) => {
            setDialog(null);
            void message.success(
              dialog.mode === 'create'
                ? t('org.regionEdit.created', { name: region.name })
                : t('org.regionEdit.saved'),
            );
            if (dialog.mode === 'create') {
              // Open the parent on its new child.
              await refresh([dialog.parent.id]);
              setExpanded((keys) => [...new Set([...keys, dialog.parent.id])]);
            } else await refresh();
          }}
        />
      )}
      {dialog?.mode === 'move' && (
        <MoveRegionModal
          region={dialog.region}
          grandparentId={grandparentOf(dialog.region)}
          onClose={() => setDialog(null)}
          onMoved={async (result) => {
            setDialog(null);
            void message.success(t('org.regionEdit.moved', result.moved));
            await refresh();
          }}
        />
      )}
    </Flex>
  );
}
