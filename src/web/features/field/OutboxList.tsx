import { Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import type { OutboxStatus } from '../../offline/field-db.ts';
import { discardVisit, type OutboxRow } from '../../offline/outbox.ts';
import { FieldError } from './FieldError.tsx';
import { useFieldSync } from './field-sync.tsx';
import { caseFromField } from './MyCasesList.tsx';
import { RowList } from './RowList.tsx';
import { useOutbox } from './use-outbox.ts';

const STATUS_COLOR: Record<OutboxStatus, string> = { queued: 'gold', synced: 'green', failed: 'red' };

/** The visits recorded on this phone: queued, synced (with the cases they raised) or refused. */
export function OutboxList() {
  const { t } = useTranslation();
  const me = useMe();
  const { revision, touched } = useFieldSync();
  const { rows, error } = useOutbox(me.id, revision);
  if (!rows && error) return <FieldError error={error} onRetry={touched} />;
  if (!rows) return <Skeleton active />;
  if (rows.length === 0) return <Empty description={t('field.sync.empty')} />;
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <RowList
        rowKey={(r) => r.clientId}
        dataSource={rows}
        renderItem={(row) => (
          <RowList.Item
            style={{ padding: '10px 12px' }}
            data-testid="field-outbox-item"
            data-client-id={row.clientId}
            data-status={photosPending(row) ? 'queued' : row.status}
            data-visit-id={row.created?.id ?? ''}
          >
            <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  {row.label}
                </Typography.Text>
                <Tag color={STATUS_COLOR[photosPending(row) ? 'queued' : row.status]}>
                  {t(`field.sync.${photosPending(row) ? 'queued' : row.status}`)}
                </Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`field.forms.${row.visit.form}`)}
                {' · '}
                {new Date(row.visit.startedAt).toLocaleString()}
                {row.photos.length > 0 &&
                  ` · ${t('field.sync.photos', {
                    done: row.photos.filter((p) => p.status === 'uploaded').length,
                    total: row.photos.length,
                  })}`}
                {row.created && ` · ${t('field.sync.cases', { count: row.created.cases.length })}`}
              </Typography.Text>
              {row.created && row.created.cases.length > 0 && (
                <Flex wrap gap={8}>
                  {row.created.cases.map((c) => (
                    <a
                      key={c.id}
                      href={caseFromField(c.id)}
                      onClick={(event) => followLink(event, caseFromField(c.id))}
                      data-testid="field-outbox-case"
                      data-on-spot={c.onSpot}
                      style={{ fontSize: 12 }}
                    >
                      {c.number}
                    </a>
                  ))}
                </Flex>
              )}
              {row.status === 'queued' && row.lastError && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('field.sync.lastError', { code: row.lastError })}
                </Typography.Text>
              )}
              {row.status === 'failed' && (
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {t('field.sync.refusedBecause', { code: row.lastError ?? '' })}
                  </Typography.Text>
                  <Button size="small" danger onClick={() => void discardVisit(row.clientId).then(touched)}>
                    {t('field.sync.discard')}
                  </Button>
                </Flex>
              )}
            </Flex>
          </RowList.Item>
        )}
      />
    </Card>
  );
}

/** A synced visit whose photos are still on the phone is not done yet. */
function photosPending(row: OutboxRow): boolean {
  return row.status === 'synced' && row.photos.some((p) => p.status === 'queued');
}
