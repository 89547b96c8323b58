import { Alert, Flex, Modal, Select, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MOVE_TARGET_LEVEL,
  type MoveResult,
  type RegionLevel,
  type RegionNode,
} from '../../../shared/domain/region.ts';
import { useApi } from '../../app/api-context.tsx';
import { useDialogAction } from '../../components/use-dialog-action.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useRegionsApi } from './regions-api.ts';

interface Option {
  value: string;
  label: string;
}

/**
 * Moves a grid to another community (a micro-grid to another grid). The choices start with the
 * siblings of its current parent (the communities of the same street) that the user may edit;
 * typing searches the rest of the user's scope.
 */
export function MoveRegionModal({
  region,
  grandparentId,
  onMoved,
  onClose,
}: {
  region: RegionNode;
  /** The parent's parent (e.g. the street of the grid's community), when the tree shows it. */
  grandparentId: string | null;
  onMoved: (result: MoveResult) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useApi();
  const api = useRegionsApi();
  const target = MOVE_TARGET_LEVEL[region.level] as RegionLevel;
  const targetLabel = t(`levels.${target}`);
  const [nearby, setNearby] = useState<Option[]>([]);
  const [found, setFound] = useState<Option[] | null>(null);
  const [choice, setChoice] = useState<string | undefined>();
  const action = useDialogAction();
  const searchSeq = useRef(0);

  useEffect(() => {
    if (!grandparentId) return;
    const controller = new AbortController();
    client.listRegions(grandparentId, controller.signal).then(
      (items) =>
        setNearby(
          items
            .filter((n) => n.level === target && n.id !== region.parentId && n.actions.length > 0)
            .map((n) => ({ value: n.id, label: n.name })),
        ),
      () => setNearby([]),
    );
    return () => controller.abort();
  }, [client, grandparentId, region.parentId, target]);

  const search = useCallback(
    async (text: string) => {
      const q = text.trim();
      const seq = ++searchSeq.current;
      if (!q) {
        setFound(null);
        return;
      }
      try {
        const hits = await api.search(q, { limit: 50 });
        if (seq !== searchSeq.current) return;
        setFound(
          hits
            .filter((h) => h.level === target && h.id !== region.parentId)
            .map((h) => ({
              value: h.id,
              label: [...h.breadcrumb.slice(1).map((c) => c.name), h.name].join(' / '),
            })),
        );
      } catch {
        if (seq === searchSeq.current) setFound([]);
      }
    },
    [api, region.parentId, target],
  );

  const move = async () => {
    if (choice) await action.run(async () => onMoved(await api.move(region.id, choice)));
  };

  return (
    <Modal
      open
      title={t('org.regionEdit.moveTitle', { name: region.name })}
      okText={t('org.regionEdit.move')}
      cancelText={t('org.common.cancel')}
      okButtonProps={{ disabled: !choice, ...({ 'data-testid': 'move-confirm' } as object) }}
      confirmLoading={action.busy}
      onOk={move}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12} data-testid="move-modal">
        <Alert type="info" showIcon title={t('org.regionEdit.moveHelp')} />
        <Typography.Text strong>{t('org.regionEdit.moveTarget', { level: targetLabel })}</Typography.Text>
        <Select<string>
          showSearch={{ filterOption: false, onSearch: search }}
          value={choice}
          onChange={setChoice}
          options={found ?? nearby}
          placeholder={t('org.regionEdit.moveSearch', { level: targetLabel })}
          aria-label={t('org.regionEdit.moveTarget', { level: targetLabel })}
          style={{ width: '100%' }}
          notFoundContent={t('org.regionEdit.searchEmpty')}
          data-testid="move-target"
        />
        {action.error && <ApiErrorAlert error={action.error} />}
      </Flex>
    </Modal>
  );
}
