import { Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.ts';
import { FindPage } from './FindPage.tsx';
import { FIELD_TABS, type FieldTab, fieldPaths } from './field-path.ts';
import { MyCasesList } from './MyCasesList.tsx';
import { OutboxList } from './OutboxList.tsx';
import { SyncBanner } from './SyncBanner.tsx';
import { VisitDayList } from './VisitDayList.tsx';

/** The field app's start: the sync state, then the visit-day list, the finder, the outbox or my cases. */
export function FieldHome({ tab }: { tab: FieldTab }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('field.title')}
      </Typography.Title>
      <SyncBanner />
      <Segmented<FieldTab>
        block
        data-testid="field-tabs"
        value={tab}
        onChange={(next) => navigate(fieldPaths.home(next), { replace: true })}
        options={FIELD_TABS.map((value) => ({
          value,
          label: <span data-testid={`field-tab-${value}`}>{t(`field.tabs.${value}`)}</span>,
        }))}
        style={{ marginBottom: 12 }}
      />
      {tab === 'today' && <VisitDayList />}
      {tab === 'find' && <FindPage />}
      {tab === 'outbox' && <OutboxList />}
      {tab === 'cases' && <MyCasesList />}
    </>
  );
}
