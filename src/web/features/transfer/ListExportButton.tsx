import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { followLink } from '../../app/router.ts';
import { downloadErrorText } from './ExportPage.tsx';
import { saveFile } from './save-file.ts';

const EXPORTS_PAGE = '/admin/exports';

/**
 * Downloads a list as the server exports it for the list's current filters (`path`, an export
 * URL). `fullData`: the list holds personal fields, which come masked, and the button is joined
 * by the way to ask for them in full — the export page's approval path (a security administrator
 * approves, one download, audited). Without it the sheet holds no personal data.
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
  const api = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await api.download(path);
      saveFile(blob, fileName ?? fallbackName);
    } catch (error) {
      message.error(downloadErrorText(toApiError(error), t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex gap={8} align="center" wrap>
      <Tooltip title={t(fullData ? 'records.lists.exportHint' : 'records.lists.exportHintPlain')}>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={download} data-testid={testId}>
          {t('records.lists.export')}
        </Button>
      </Tooltip>
      {fullData && (
        <a href={EXPORTS_PAGE} onClick={(event) => followLink(event, EXPORTS_PAGE)}>
          {t('records.lists.exportFull')}
        </a>
      )}
    </Flex>
  );
}
