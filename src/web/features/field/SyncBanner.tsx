import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/auth-context.tsx';
import { useFieldSync } from './field-sync.tsx';
import { useOutbox } from './use-outbox.ts';

/** Whether the phone is online and what the outbox is doing, with a button to sync now. */
export function SyncBanner() {
  const { t } = useTranslation();
  const me = useMe();
  const { engine, phase, revision } = useFieldSync();
  const { rows } = useOutbox(me.id, revision);
  const queued = rows?.filter((v) => v.status === 'queued' || v.photos.some((p) => p.status === 'queued'));
  const count = queued?.length ?? 0;
  const message =
    phase === 'offline'
      ? t('field.sync.offline')
      : phase === 'syncing'
        ? t('field.sync.syncing')
        : count > 0
          ? t('field.sync.waiting', { count })
          : t('field.sync.idle');
  return (
    <Alert
      data-testid="field-sync-banner"
      data-phase={phase}
      data-queued={count}
      type={phase === 'offline' ? 'warning' : count > 0 ? 'info' : 'success'}
      showIcon
      icon={
        phase === 'offline' ? (
          <DisconnectOutlined />
        ) : phase === 'syncing' ? (
          <CloudSyncOutlined />
        ) : (
          <CloudOutlined />
        )
      }
      title={message}
      action={
        phase !== 'offline' && count > 0 ? (
          <Button size="small" onClick={() => void engine.flush()} data-testid="field-sync-now">
            {t('field.sync.now')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
