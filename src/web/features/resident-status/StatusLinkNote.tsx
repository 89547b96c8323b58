import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The status page's link on the public form's receipt: absolute, to copy and keep. */
export function StatusLinkNote({ path }: { path: string }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}${path}`;
  return (
    <Flex vertical gap={4} data-testid="status-link">
      <Typography.Text type="secondary">{t('residentStatus.linkNote')}</Typography.Text>
      <Typography.Link href={path} copyable={{ text: url }} data-testid="status-link-open">
        {t('residentStatus.linkOpen')}
      </Typography.Link>
    </Flex>
  );
}
