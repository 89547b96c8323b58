import { Alert, Button, Flex, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem, Unit } from '../../../shared/domain/case.ts';
import { type ApiError, toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { casesApi } from './cases-api.ts';
import { Rows } from './Rows.tsx';
import { UnitPicker } from './UnitPicker.tsx';

type BulkResult = { id: string; number: string; ok: boolean; code: string | null };

/**
 * Bulk accept or dispatch of the selected rows, each with the version the dispatcher saw; the
 * server answers per case, and the results say which went through and why the others did not.
 */
export function BulkBar({
  selected,
  onFinished,
}: {
  selected: readonly CaseListItem[];
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [dispatching, setDispatching] = useState(false);
  const [unit, setUnit] = useState<Unit | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [results, setResults] = useState<BulkResult[] | null>(null);

  const run = async (action: 'accept' | 'dispatch') => {
    setBusy(true);
    setError(null);
    try {
      const answer = await casesApi(api).bulk(
        action,
        selected.map((c) => ({ id: c.id, version: c.version })),
        action === 'dispatch' ? (unit ?? undefined) : undefined,
      );
      const numbers = new Map(selected.map((c) => [c.id, c.number]));
      setResults(answer.results.map((r) => ({ ...r, number: numbers.get(r.id) ?? r.id })));
      setDispatching(false);
      setUnit(null);
      onFinished();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const okCount = results?.filter((r) => r.ok).length ?? 0;
  return (
    <>
      {selected.length > 0 && (
        <Flex gap={8} wrap align="center" data-testid="case-bulk-bar">
          <Typography.Text>{t('cases.bulk.selected', { count: selected.length })}</Typography.Text>
          <Button loading={busy} onClick={() => run('accept')} data-testid="case-bulk-accept">
            {t('cases.bulk.accept')}
          </Button>
          <Button type="primary" onClick={() => setDispatching(true)} data-testid="case-bulk-dispatch">
            {t('cases.bulk.dispatch')}
          </Button>
        </Flex>
      )}
      {error && !dispatching && <ApiErrorAlert error={error} />}
      {results && (
        <Alert
          type={okCount === results.length ? 'success' : 'warning'}
          showIcon
          closable={{ onClose: () => setResults(null) }}
          data-testid="case-bulk-results"
          title={`${t('cases.bulk.results')}: ${t('cases.bulk.summary', { ok: okCount, failed: results.length - okCount })}`}
          description={
            <Rows
              size="small"
              dataSource={results}
              renderItem={(r) => (
                <Rows.Item data-testid="case-bulk-result" data-ok={String(r.ok)}>
                  <Typography.Text code>{r.number}</Typography.Text>
                  {r.ok ? (
                    <Tag color="green">{t('cases.bulk.ok')}</Tag>
                  ) : (
                    <Tag color="red">{t('cases.bulk.failed', { code: r.code ?? '?' })}</Tag>
                  )}
                </Rows.Item>
              )}
            />
          }
        />
      )}
      <Modal
        open={dispatching}
        title={t('cases.bulk.dispatchTitle')}
        okText={t('cases.act.ok')}
        cancelText={t('cases.act.cancel')}
        okButtonProps={{ disabled: unit === null }}
        confirmLoading={busy}
        destroyOnHidden
        onCancel={() => setDispatching(false)}
        onOk={() => run('dispatch')}
      >
        <Flex vertical gap={12}>
          <UnitPicker value={unit} onChange={setUnit} testId="bulk-unit" />
          {error && <ApiErrorAlert error={error} />}
        </Flex>
      </Modal>
    </>
  );
}
