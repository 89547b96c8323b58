import { Button, Card, Flex, Form, Input, Modal, Radio, Spin, Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SPOT_CHECK_RESULTS,
  type SpotCheckItem,
  type SpotCheckResult,
} from '../../../shared/domain/spot-check.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useToastSave } from '../../components/use-toast-save.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { formatInstant } from './format.ts';
import { useVisitsApi } from './visits-api.ts';
import { sectionPath, visitPath } from './visits-path.ts';

const RESULT_COLOURS: Record<SpotCheckResult, string> = {
  confirmed: 'green',
  not_confirmed: 'red',
  unreachable: 'orange',
};

/** /visits/spot-checks/<id>: the sampled visits and their verification. */
export function SpotCheckDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const visits = useVisitsApi();
  const load = useCallback((signal: AbortSignal) => visits.spotCheck(id, signal), [visits, id]);
  const result = useAsync(load);
  const [verifying, setVerifying] = useState<SpotCheckItem | null>(null);
  if (result.status === 'loading') return <Spin />;
  if (result.status === 'error') return <ApiErrorAlert error={result.error} onRetry={result.reload} />;
  const check = result.data;

  const columns: TableColumnsType<SpotCheckItem> = [
    {
      key: 'when',
      title: t('visits.diary.when'),
      width: 170,
      render: (_v, item) => (
        <a href={visitPath(item.visitId)} onClick={(e) => followLink(e, visitPath(item.visitId))}>
          {formatInstant(item.startedAt, i18n.language)}
        </a>
      ),
    },
    {
      key: 'form',
      title: t('visits.diary.form'),
      width: 110,
      render: (_v, item) => t(`visits.forms.${item.form}`),
    },
    { key: 'target', title: t('visits.diary.target'), dataIndex: 'targetLabel' },
    { key: 'place', title: t('visits.diary.place'), dataIndex: 'regionName', width: 140 },
    {
      key: 'visitors',
      title: t('visits.diary.visitors'),
      width: 160,
      render: (_v, item) => item.visitors.join('、'),
    },
    {
      key: 'result',
      title: t('visits.spotChecks.result'),
      width: 200,
      render: (_v, item) => (
        <Flex vertical gap={2} data-testid="spot-check-result">
          {item.result ? (
            <Tag color={RESULT_COLOURS[item.result]}>{t(`visits.spotChecks.results.${item.result}`)}</Tag>
          ) : (
            <Tag>{t('visits.spotChecks.pending')}</Tag>
          )}
          {item.note && <span>{item.note}</span>}
        </Flex>
      ),
    },
    {
      key: 'verify',
      title: '',
      width: 130,
      render: (_v, item) =>
        item.actions.includes('verify') && (
          <Button size="small" onClick={() => setVerifying(item)} data-testid="spot-check-verify">
            {item.result ? t('visits.spotChecks.changeResult') : t('visits.spotChecks.verify')}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <a href={sectionPath('spot-checks')} onClick={(e) => followLink(e, sectionPath('spot-checks'))}>
        {t('visits.spotChecks.back')}
      </a>
      <PageHeader
        title={t('visits.spotChecks.detailTitle', {
          region: check.regionName,
          from: check.from,
          to: check.to,
        })}
        subtitle={t('visits.spotChecks.detailSubtitle', {
          percent: check.percent,
          seed: check.seed,
          sampled: check.sampled,
        })}
        titleTestId="spot-check-title"
        extra={
          <Tag data-testid="spot-check-progress">
            {t('visits.spotChecks.progressTag', { verified: check.verified, sampled: check.sampled })}
          </Tag>
        }
      />
      <Card>
        <Table<SpotCheckItem>
          rowKey="visitId"
          size="middle"
          columns={columns}
          dataSource={check.items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('visits.spotChecks.figuresEmpty') }}
        />
      </Card>
      {verifying && (
        <VerifyModal
          checkId={check.id}
          item={verifying}
          onClose={() => setVerifying(null)}
          onSaved={() => {
            setVerifying(null);
            result.reload();
          }}
        />
      )}
    </Flex>
  );
}

function VerifyModal({
  checkId,
  item,
  onClose,
  onSaved,
}: {
  checkId: string;
  item: SpotCheckItem;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const [choice, setChoice] = useState<SpotCheckResult | null>(item.result);
  const [note, setNote] = useState(item.note ?? '');
  const { busy, save: saveWith } = useToastSave();
  const save = async () => {
    if (!choice) return;
    const body = { result: choice, ...(note.trim() ? { note: note.trim() } : {}) };
    await saveWith(
      () => visits.verify(checkId, item.visitId, body),
      t('visits.spotChecks.verified'),
      onSaved,
    );
  };
  return (
    <Modal
      open
      title={`${t('visits.spotChecks.verifyTitle')}：${item.targetLabel}`}
      okText={t('visits.mentoring.save')}
      cancelText={t('visits.mentoring.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !choice, id: 'spot-check-verify-ok' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('visits.spotChecks.result')} required>
          <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as SpotCheckResult)}>
            {SPOT_CHECK_RESULTS.map((r) => (
              <Radio key={r} value={r} data-testid={`spot-check-result-${r}`}>
                {t(`visits.spotChecks.results.${r}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('visits.spotChecks.note')}>
          <Input.TextArea
            rows={3}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="spot-check-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
