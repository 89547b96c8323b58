import { Flex, Form, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cstDay, firstDayOf } from '../../../shared/time/china-time.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { DateField } from '../../components/DateField.tsx';
import { type PickedRegion, RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { useVisitsApi } from './visits-api.ts';

/** Draws a spot check: a region, a period, a percentage and (optionally) a seed to repeat a draw. */
export function DrawSpotCheckModal({
  open,
  onClose,
  onDrawn,
}: {
  open: boolean;
  onClose: () => void;
  onDrawn: (id: string) => void;
}) {
  const { t } = useTranslation();
  const visits = useVisitsApi();
  const today = cstDay(new Date());
  const [region, setRegion] = useState<PickedRegion | null>(null);
  const [from, setFrom] = useState(firstDayOf('month', today));
  const [to, setTo] = useState(today);
  const [percent, setPercent] = useState<number | null>(10);
  const [seed, setSeed] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!region || percent === null) return;
    setBusy(true);
    setError(null);
    try {
      const drawn = await visits.drawSpotCheck({
        regionId: region.id,
        from,
        to,
        percent,
        ...(seed !== null ? { seed } : {}),
      });
      onDrawn(drawn.id);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('visits.spotChecks.drawTitle')}
      okText={t('visits.spotChecks.draw')}
      cancelText={t('visits.mentoring.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !region || percent === null || from > to, id: 'spot-check-draw-ok' }}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('visits.region')} required>
          <RegionTreeSelect
            value={region}
            onChange={setRegion}
            placeholder={t('visits.regionPlaceholder')}
            pickFirst
            testId="spot-check-region"
          />
        </Form.Item>
        <Form.Item label={t('visits.spotChecks.period')} required>
          <Flex gap={8} align="center" wrap>
            <DateField value={from} onChange={setFrom} style={{ width: 170 }} data-testid="spot-check-from" />
            <Typography.Text>–</Typography.Text>
            <DateField value={to} onChange={setTo} style={{ width: 170 }} data-testid="spot-check-to" />
          </Flex>
        </Form.Item>
        <Form.Item label={t('visits.spotChecks.percent')} required>
          <InputNumber
            min={1}
            max={100}
            precision={0}
            value={percent}
            onChange={setPercent}
            data-testid="spot-check-percent"
          />
        </Form.Item>
        <Form.Item label={t('visits.spotChecks.seed')} extra={t('visits.spotChecks.seedHelp')}>
          <InputNumber
            min={0}
            max={2147483647}
            precision={0}
            value={seed}
            onChange={setSeed}
            style={{ width: 200 }}
            data-testid="spot-check-seed"
          />
        </Form.Item>
      </Form>
      {error && <ApiErrorAlert error={error} />}
    </Modal>
  );
}
