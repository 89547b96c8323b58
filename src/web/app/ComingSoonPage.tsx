import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { followLink } from './router.ts';
import type { ModuleKey } from './routes.tsx';

/** Stands in for a module that a later issue will build; says so rather than faking content. */
export function ComingSoonPage({ module }: { module: ModuleKey }) {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={t('comingSoon.title', { module: t(`nav.${module}`) })}
      subTitle={t('comingSoon.subtitle')}
      extra={
        <Button type="primary" href="/" onClick={(event) => followLink(event, '/')}>
          {t('comingSoon.backHome')}
        </Button>
      }
    />
  );
}
