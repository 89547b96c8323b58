import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { followLink } from './router.ts';

/** A module the signed-in user's roles do not include (the navigation does not offer it either). */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      extra={
        <Button type="primary" href="/" onClick={(event) => followLink(event, '/')}>
          {t('forbidden.backHome')}
        </Button>
      }
    />
  );
}
