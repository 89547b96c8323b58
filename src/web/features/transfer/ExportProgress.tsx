import { Flex, Progress as ProgressBar, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Progress, progressReservationSchema } from '../../../shared/domain/progress.ts';
import { useApi } from '../../app/api-context.tsx';
import { followProgress, progressPercent, withProgressId } from './follow-progress.ts';

/**
 * A download of an export with its progress: a run is reserved first, its server-sent progress
 * followed while the file streams in, and the bar goes away with the download, however it ends.
 */
export function useExportDownload() {
  const api = useApi();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);

  const download = async (path: string) => {
    setRunning(true);
    setProgress(null);
    let stopFollowing = () => {};
    try {
      const { id } = await api.request('POST', '/api/v1/exports/runs', progressReservationSchema);
      stopFollowing = followProgress('export', id, setProgress);
      return await api.download(withProgressId(path, id));
    } finally {
      stopFollowing();
      setRunning(false);
      setProgress(null);
    }
  };

  return { download, running, progress };
}

/** The bar under an export button: rows written of the export's count, once counted. */
export function ExportProgress({ progress, testId }: { progress: Progress | null; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} style={{ minWidth: 180 }} data-testid={testId}>
      <ProgressBar percent={progressPercent(progress)} status="active" size="small" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-text`}>
        {progress?.state === 'writing'
          ? t('transfer.export.progress.writing', { done: progress.done, total: progress.total ?? 0 })
          : t('transfer.export.progress.counting')}
      </Typography.Text>
    </Flex>
  );
}
