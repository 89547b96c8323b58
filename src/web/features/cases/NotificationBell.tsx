import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  type Notification,
  notificationListSchema,
  notificationSchema,
} from '../../../shared/domain/notification.ts';
import { useApi } from '../../app/api-context.tsx';
import { navigate } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { formatTime } from './case-clock.ts';
import { casePath } from './cases-path.ts';
import { Rows } from './Rows.tsx';

/** How often the unread count is refreshed while the app is open. */
const POLL_MS = 60_000;
const CLOCK_TOPICS = new Set(['overdue', 'progress_due', 'supervise']);

/** The message of a notification in the reader's language: what happened to which case. */
function useTopicText() {
  const { t } = useTranslation();
  return (n: Notification) => {
    // A published praise or criticism list (score-lists module): its title is the subject.
    if (n.topic === 'score_list.published')
      return {
        label: t('scoreLists.notice', {
          title: t(n.params.kind === 'criticism' ? 'scoreLists.kinds.criticism' : 'scoreLists.kinds.praise'),
        }),
        subject: String(n.params.title ?? ''),
      };
    const what = n.topic.replace(/^case\./, '');
    const label = CLOCK_TOPICS.has(what)
      ? t(`cases.notifications.topics.${what}`)
      : t(`cases.actions.${what}`, what);
    const number = typeof n.params.number === 'string' ? n.params.number : '';
    const title = typeof n.params.title === 'string' ? n.params.title : '';
    return { label, subject: `${number} ${title}`.trim() };
  };
}

/**
 * The header's bell: the caller's unread count, and the latest notifications; opening one marks
 * it read and goes to its case.
 */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const me = useMe();
  const text = useTopicText();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<z.infer<typeof notificationListSchema> | null>(null);
  const enabled = me.permissions.includes('cases:read');

  const refresh = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setData(
          await api.request('GET', '/api/v1/notifications?limit=10', notificationListSchema, {
            ...(signal ? { signal } : {}),
          }),
        );
      } catch {
        // The bell is a convenience: a failed refresh keeps the last count until the next one.
      }
    },
    [api],
  );

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    void refresh(controller.signal);
    const timer = setInterval(() => void refresh(controller.signal), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [enabled, refresh]);

  if (!enabled) return null;

  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) {
      await api
        .request('POST', `/api/v1/notifications/${encodeURIComponent(n.id)}/read`, notificationSchema, {
          body: {},
        })
        .catch(() => undefined);
      void refresh();
    }
    if (n.caseId) navigate(casePath(n.caseId));
    else if (n.topic === 'score_list.published' && typeof n.params.listId === 'string')
      navigate(`/score-lists/${n.params.listId}`);
  };

  const items = data?.items ?? [];
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void refresh();
      }}
      trigger="click"
      placement="bottomRight"
      title={t('cases.notifications.title')}
      content={
        <div
          style={{ width: 'min(320px, 80vw)', maxHeight: 400, overflowY: 'auto' }}
          data-testid="notification-list"
        >
          <Rows
            dataSource={items}
            empty={t('cases.notifications.empty')}
            renderItem={(n) => {
              const { label, subject } = text(n);
              return (
                <Rows.Item key={n.id} data-testid="notification" data-read={String(n.readAt !== null)}>
                  <Button
                    type="text"
                    block
                    onClick={() => openOne(n)}
                    style={{ height: 'auto', whiteSpace: 'normal', textAlign: 'left', padding: 4 }}
                  >
                    <Flex vertical style={{ width: '100%' }}>
                      <Typography.Text strong={!n.readAt}>{label}</Typography.Text>
                      <Typography.Text style={{ overflowWrap: 'anywhere' }}>{subject}</Typography.Text>
                      <Typography.Text type="secondary">
                        {formatTime(n.createdAt, i18n.language)}
                      </Typography.Text>
                    </Flex>
                  </Button>
                </Rows.Item>
              );
            }}
          />
        </div>
      }
    >
      <Badge count={data?.unread ?? 0} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('cases.notifications.open')}
          title={
            data?.unread
              ? t('cases.notifications.unread', { count: data.unread })
              : t('cases.notifications.title')
          }
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
