import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { followLink } from './router.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      subTitle={t('notFound.subtitle')}
      extra={
        <Button type="primary" href="/" onClick={(event) => followLink(event, '/')}>
          {t('notFound.backHome')}
        </Button>
      }
    />
  );
}
