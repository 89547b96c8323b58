import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/domain/case.ts';
import { toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { FilePickerButton } from '../../components/FilePickerButton.tsx';
import { saveFile } from '../transfer/save-file.ts';
import { formatTime } from './case-clock.ts';
import { casesApi } from './cases-api.ts';
import { Rows } from './Rows.tsx';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Photos and documents of the case: download any, upload while the case is open to the caller. */
export function CaseAttachments({
  detail,
  mayUpload,
  onUploaded,
}: {
  detail: CaseDetail;
  mayUpload: boolean;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await casesApi(api).uploadAttachment(detail.id, file);
      message.success(t('cases.detail.uploaded'));
      onUploaded();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    } finally {
      setBusy(false);
    }
  };
  const download = async (attachmentId: string, fileName: string) => {
    try {
      const file = await casesApi(api).downloadAttachment(detail.id, attachmentId);
      saveFile(file.blob, file.fileName ?? fileName);
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };

  return (
    <Card
      size="small"
      title={t('cases.detail.attachments')}
      data-testid="case-attachments"
      extra={
        mayUpload && (
          <FilePickerButton
            size="small"
            icon={<UploadOutlined />}
            loading={busy}
            inputTestId="case-attachment-input"
            onFiles={([file]) => {
              if (file) void upload(file);
            }}
          >
            {t('cases.detail.upload')}
          </FilePickerButton>
        )
      }
    >
      {detail.attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('cases.detail.noAttachments')}</Typography.Text>
      ) : (
        <Rows
          size="small"
          dataSource={detail.attachments}
          renderItem={(a) => (
            <Rows.Item data-testid="case-attachment">
              <Flex gap={8} wrap align="center" style={{ minWidth: 0 }}>
                <PaperClipOutlined />
                <Button
                  type="link"
                  style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                  onClick={() => download(a.id, a.fileName)}
                >
                  {a.fileName}
                </Button>
                <Typography.Text type="secondary">
                  {sizeText(a.sizeBytes)} · {formatTime(a.createdAt, i18n.language)}
                </Typography.Text>
              </Flex>
            </Rows.Item>
          )}
        />
      )}
    </Card>
  );
}
