import { Alert, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Modal, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXAMPLE_STORY_MAX, EXAMPLE_TITLE_MAX, type Example } from '../../../shared/domain/examples.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { useMe } from '../../auth/auth-context.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useExamplesApi } from './examples-api.ts';

/**
 * One example: its write-up (title, story, photos chosen from the case's or visit's own), and for
 * a leader (figures:publish) approval and publication, or withdrawal with a reason.
 */
export function ExamplePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const examples = useExamplesApi();
  const load = useCallback((signal: AbortSignal) => examples.one(id, signal), [examples, id]);
  const example = useAsync(load);
  const [current, setCurrent] = useState<Example | null>(null);
  useEffect(() => {
    if (example.status === 'success') setCurrent(example.data);
  }, [example]);
  if (example.status === 'error') return <ApiErrorAlert error={example.error} onRetry={example.reload} />;
  if (!current) return <Spin />;
  const mayPublish = me.permissions.includes('figures:publish');
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={current.title || t('examples.title')}
        subtitle={
          <a href="/examples" onClick={(e) => followLink(e, '/examples')}>
            {t('examples.title')}
          </a>
        }
        titleTestId="example-title"
      />
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered>
        <Descriptions.Item label={t('examples.subject')}>
          {t(`examples.subjectKinds.${current.subject.kind}`)} {current.subject.number ?? ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('examples.region')}>{current.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('examples.day')}>{current.subject.day}</Descriptions.Item>
        <Descriptions.Item label={t('examples.state')}>
          <Tag data-testid="example-state">{t(`examples.states.${current.state}`)}</Tag>
        </Descriptions.Item>
        {current.unitName && (
          <Descriptions.Item label={t('examples.unit')}>{current.unitName}</Descriptions.Item>
        )}
        {current.publishedAt && (
          <Descriptions.Item label={t('examples.publishedAt')}>
            {current.publishedAt.slice(0, 10)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {current.withdrawReason && current.state === 'withdrawn' && (
        <Alert type="warning" message={t('examples.withdrawnBecause', { reason: current.withdrawReason })} />
      )}
      <WriteUp example={current} onSaved={setCurrent} />
      {mayPublish && <Approval example={current} onChanged={setCurrent} />}
    </Flex>
  );
}

function WriteUp({ example, onSaved }: { example: Example; onSaved: (e: Example) => void }) {
  const { t } = useTranslation();
  const examples = useExamplesApi();
  const [title, setTitle] = useState(example.title);
  const [story, setStory] = useState(example.story);
  const [photoIds, setPhotoIds] = useState(example.photos.filter((p) => p.chosen).map((p) => p.id));
  const { busy, save } = useToastSave();
  const locked = example.state === 'published';
  const ready = title.trim() !== '' && story.trim() !== '' && !locked;
  let saved: Example | null = null;
  const submit = () =>
    save(
      async () => {
        saved = await examples.write(example.id, { title: title.trim(), story: story.trim(), photoIds });
      },
      t('examples.saved'),
      () => {
        if (saved) onSaved(saved);
      },
    );
  return (
    <Card size="small" title={t('examples.story')}>
      <Alert type="info" showIcon message={t('examples.personalDataHint')} style={{ marginBottom: 12 }} />
      <Form layout="vertical" disabled={locked}>
        <Form.Item label={t('examples.caseTitle')} required>
          <Input
            value={title}
            maxLength={EXAMPLE_TITLE_MAX}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="example-title-input"
          />
        </Form.Item>
        <Form.Item label={t('examples.story')} required>
          <Input.TextArea
            value={story}
            maxLength={EXAMPLE_STORY_MAX}
            autoSize={{ minRows: 5 }}
            onChange={(e) => setStory(e.target.value)}
            data-testid="example-story"
          />
        </Form.Item>
        <Form.Item label={t('examples.photos')} extra={t('examples.photosHelp')}>
          <Checkbox.Group
            value={photoIds}
            onChange={(v) => setPhotoIds(v as string[])}
            options={example.photos.map((p) => ({ value: p.id, label: p.fileName }))}
          />
        </Form.Item>
        <Button type="primary" onClick={submit} loading={busy} disabled={!ready} data-testid="example-save">
          {t('examples.save')}
        </Button>
      </Form>
    </Card>
  );
}

function Approval({ example, onChanged }: { example: Example; onChanged: (e: Example) => void }) {
  const { t } = useTranslation();
  const examples = useExamplesApi();
  const { busy, save } = useToastSave();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  let changed: Example | null = null;
  const done = () => {
    if (changed) onChanged(changed);
    setWithdrawing(false);
  };
  return (
    <Flex gap={8}>
      {example.state !== 'published' ? (
        <Button
          type="primary"
          loading={busy}
          disabled={example.title === '' || example.story === ''}
          onClick={() =>
            save(
              async () => {
                changed = await examples.publish(example.id);
              },
              t('examples.publishedOk'),
              done,
            )
          }
          data-testid="example-publish"
        >
          {t('examples.publish')}
        </Button>
      ) : (
        <Button danger onClick={() => setWithdrawing(true)} data-testid="example-withdraw">
          {t('examples.withdraw')}
        </Button>
      )}
      {withdrawing && (
        <Modal
          open
          title={t('examples.withdraw')}
          confirmLoading={busy}
          okButtonProps={{ disabled: reason.trim() === '' }}
          onCancel={() => setWithdrawing(false)}
          onOk={() =>
            save(
              async () => {
                changed = await examples.withdraw(example.id, reason.trim());
              },
              t('examples.withdrawnOk'),
              done,
            )
          }
        >
          <Form layout="vertical">
            <Form.Item label={t('examples.withdrawReason')} required>
              <Input.TextArea value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Flex>
  );
}
