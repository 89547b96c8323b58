import { Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicCodePath } from '../../../shared/domain/public-codes.ts';

/**
 * A poster whose code was replaced: the resident is told so and sent on to the new code (the
 * entry parameter goes along), instead of a failing form.
 */
export function RetiredCodeNotice({ replacedBy }: { replacedBy: string | null }) {
  const { t } = useTranslation();
  const next = replacedBy ? `${publicCodePath(replacedBy)}${window.location.search}` : null;
  return (
    <Result
      status="warning"
      title={<span data-testid="retired-code">{t('publicReport.retiredTitle')}</span>}
      subTitle={
        next ? (
          <Typography.Link href={next} data-testid="replacement-code">
            {t('publicReport.retiredUseNew', { code: replacedBy })}
          </Typography.Link>
        ) : (
          t('publicReport.retiredNoNew')
        )
      }
    />
  );
}
