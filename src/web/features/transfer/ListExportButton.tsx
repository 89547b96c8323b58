import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/api-error.ts';
import { followLink } from '../../app/router.ts';
import { downloadErrorText } from './ExportPage.tsx';
import { ExportProgress, useExportDownload } from './ExportProgress.tsx';
import { saveFile } from './save-file.ts';

const EXPORTS_PAGE = '/admin/exports';

/**
 * Downloads a list as the server exports it for the list's current filters (`path`, an export
 * URL). `fullData`: the list holds personal fields, which come masked, and the button is joined
 * by the way to ask for them in full — the export page's approval path (a security administrator
 * approves, one download, audited). Without it the sheet holds no personal data. While the
 * file streams in, a bar shows the rows exported of the export's count.
 */
export function ListExportButton({
  path,
  fallbackName,
  fullData = false,
  testId,
}: {
  path: string;
  /** The file's name when the server suggests none. */
  fallbackName: string;
  fullData?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exporting = useExportDownload();

  const download = async () => {
    try {
      const { blob, fileName } = await exporting.download(path);
      saveFile(blob, fileName ?? fallbackName);
    } catch (error) {
      message.error(downloadErrorText(toApiError(error), t));
    }
  };

  return (
    <Flex gap={8} align="center" wrap>
      <Tooltip title={t(fullData ? 'records.lists.exportHint' : 'records.lists.exportHintPlain')}>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting.running}
          onClick={download}
          data-testid={testId}
        >
          {t('records.lists.export')}
        </Button>
      </Tooltip>
      {exporting.running && <ExportProgress progress={exporting.progress} testId={`${testId}-progress`} />}
      {fullData && (
        <a href={EXPORTS_PAGE} onClick={(event) => followLink(event, EXPORTS_PAGE)}>
          {t('records.lists.exportFull')}
        </a>
      )}
    </Flex>
  );
}
