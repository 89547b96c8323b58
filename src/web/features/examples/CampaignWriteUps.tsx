import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignWriteUp } from '../../../shared/domain/examples.ts';
import { followLink } from '../../app/router.ts';

/** The published example write-ups of a campaign's place and period, in its report. */
export function CampaignWriteUps({ writeUps }: { writeUps: readonly CampaignWriteUp[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('examples.campaignWriteUps')}>
      <Table<CampaignWriteUp>
        size="small"
        rowKey="id"
        dataSource={[...writeUps]}
        pagination={false}
        locale={{ emptyText: t('examples.campaignWriteUpsEmpty') }}
        data-testid="campaign-write-ups"
        columns={[
          {
            key: 'title',
            title: t('examples.caseTitle'),
            render: (_, w) => (
              <a href={`/examples/${w.id}`} onClick={(e) => followLink(e, `/examples/${w.id}`)}>
                {w.title}
              </a>
            ),
          },
          {
            key: 'kind',
            title: t('examples.subject'),
            render: (_, w) => t(`examples.subjectKinds.${w.subjectKind}`),
          },
          { key: 'place', title: t('examples.region'), dataIndex: 'regionName' },
          {
            key: 'published',
            title: t('examples.publishedAt'),
            render: (_, w) => w.publishedAt.slice(0, 10),
          },
        ]}
      />
    </Card>
  );
}
