import { App, Button, Card, Flex, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Opinion } from '../../../shared/domain/opinion.ts';
import { toApiError } from '../../api/api-error.ts';
import { useApi } from '../../app/api-context.tsx';
import { useMe } from '../../auth/auth-context.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.tsx';
import { useRegionCursorList } from '../../components/use-region-cursor-list.ts';
import { ListExportButton } from '../transfer/ListExportButton.tsx';
import { formatInstant } from './format.ts';
import { opinionsApi, opinionsExportPath } from './opinions-api.ts';

/** /visits/opinions: opinions and suggestions (意见建议) heard in the caller's area, newest first. */
export function OpinionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const me = useMe();
  const opinions = useMemo(() => opinionsApi(api), [api]);
  const { region, setRegion, list } = useRegionCursorList(opinions.list);
  const canPromote = me.permissions.includes('cases:create');

  const promote = async (opinion: Opinion) => {
    try {
      const done = await opinions.promote(opinion.id);
      message.success(t('opinions.promoteDone', { number: done.caseNumber }));
      list.result.reload();
    } catch (caught) {
      message.error(t(toApiError(caught).messageKey));
    }
  };

  const columns: TableColumnsType<Opinion> = [
    {
      key: 'when',
      title: t('opinions.when'),
      width: 170,
      render: (_v, o) => formatInstant(o.recordedAt, i18n.language),
    },
    { key: 'text', title: t('opinions.text'), dataIndex: 'text' },
    { key: 'category', title: t('opinions.category'), dataIndex: 'categoryName', width: 130 },
    { key: 'place', title: t('opinions.place'), dataIndex: 'regionName', width: 150 },
    { key: 'by', title: t('opinions.recordedBy'), width: 110, render: (_v, o) => o.recordedBy.displayName },
    {
      key: 'case',
      title: t('opinions.promoted'),
      width: 170,
      render: (_v, o) =>
        o.promotedCase ? (
          <Typography.Text>{o.promotedCase.number}</Typography.Text>
        ) : canPromote ? (
          <Button size="small" onClick={() => promote(o)} data-testid="opinion-promote">
            {t('opinions.promote')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('opinions.title')}
        subtitle={t('opinions.subtitle')}
        titleTestId="opinions-title"
      />
      <Card>
        <Flex vertical gap={16}>
          <Flex gap={12} wrap align="center">
            <RegionTreeSelect
              value={region}
              onChange={setRegion}
              placeholder={t('visits.allScope')}
              allowClear
              maxWidth={360}
            />
            <ListExportButton
              path={opinionsExportPath(region ? { regionId: region.id } : {})}
              fallbackName="opinions.xlsx"
              testId="opinions-export"
            />
          </Flex>
          <PagedTable<Opinion>
            list={list}
            columns={columns}
            scrollX={900}
            messages="opinions"
            testId="opinions"
          />
        </Flex>
      </Card>
    </Flex>
  );
}
