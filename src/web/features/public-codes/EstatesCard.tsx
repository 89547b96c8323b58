import {
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  PrinterOutlined,
  QrcodeOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Estate } from '../../../shared/domain/public-codes.ts';
import type { RegionNode } from '../../../shared/domain/region.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink } from '../../app/router.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { OrgFormModal } from '../org/OrgFormModal.tsx';
import { postersPath } from './public-code-path.ts';
import { usePublicCodesApi } from './public-codes-api.ts';

type Dialog = { mode: 'estate'; estate: Estate | null } | { mode: 'building'; estate: Estate } | null;

/**
 * The estates (小区) of a grid with their buildings and QR codes, under the region tree when a grid
 * is chosen; for a community, its grids' estates and the community's poster sheet. Editing (and
 * posters, which issue codes) is offered where the caller may edit the region.
 */
export function EstatesCard({ region, mayEdit }: { region: RegionNode; mayEdit: boolean }) {
  const { t } = useTranslation();
  const api = usePublicCodesApi();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const isGrid = region.level === 'grid';
  const load = useCallback((signal: AbortSignal) => api.estates(region.id, signal), [api, region.id]);
  const state = useAsync(load);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      state.reload();
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
    }
  };

  const retire = async (code: string) => {
    try {
      const result = await api.retire(code);
      void message.success(t('estates.retired', { code: result.replacedBy?.code ?? '' }));
      state.reload();
    } catch (error) {
      void message.error(t(toApiError(error).messageKey));
    }
  };

  const confirm = (title: string, content: string | null, work: () => Promise<unknown>, done: string) =>
    modal.confirm({
      title,
      content,
      okButtonProps: { danger: true },
      okText: t('estates.remove'),
      cancelText: t('estates.cancel'),
      onOk: () => act(work, done),
    });

  const posters = postersPath(region.id);
  return (
    <Card
      size="small"
      title={isGrid ? t('estates.title') : t('estates.titleOfCommunity')}
      data-testid="estates-card"
      extra={
        <Space wrap>
          {mayEdit && isGrid && (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ mode: 'estate', estate: null })}
              data-testid="estate-add"
            >
              {t('estates.add')}
            </Button>
          )}
          {mayEdit && (
            <Button
              size="small"
              icon={<PrinterOutlined />}
              href={posters}
              onClick={(event) => followLink(event, posters)}
              data-testid="posters-link"
            >
              {isGrid ? t('estates.posters') : t('estates.postersOfCommunity')}
            </Button>
          )}
        </Space>
      }
    >
      {state.status === 'error' && <ApiErrorAlert error={state.error} onRetry={state.reload} />}
      <Table<Estate>
        size="small"
        rowKey="id"
        loading={state.status === 'loading'}
        dataSource={state.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('estates.empty') }}
        data-testid="estates-table"
        columns={[
          { title: t('estates.name'), dataIndex: 'name' },
          {
            title: t('estates.address'),
            dataIndex: 'address',
            render: (address: string | null) => address ?? '—',
          },
          {
            title: t('estates.buildings'),
            key: 'buildings',
            render: (_, estate) => (
              <Flex wrap gap={4}>
                {estate.buildings.map((b) => (
                  <Tag
                    key={b.id}
                    closable={mayEdit}
                    onClose={(event) => {
                      event.preventDefault();
                      confirm(
                        t('estates.removeBuilding', { name: b.name }),
                        null,
                        () => api.removeBuilding(b.id),
                        t('estates.removed'),
                      );
                    }}
                  >
                    {b.name}
                  </Tag>
                ))}
                {mayEdit && (
                  <Tag
                    icon={<PlusOutlined />}
                    style={{ cursor: 'pointer', borderStyle: 'dashed' }}
                    onClick={() => setDialog({ mode: 'building', estate })}
                    data-testid="building-add"
                  >
                    {t('estates.addBuilding')}
                  </Tag>
                )}
              </Flex>
            ),
          },
          {
            title: t('estates.code'),
            dataIndex: 'code',
            render: (code: string | null) =>
              code ? (
                <Typography.Text code copyable>
                  {code}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('estates.noCode')}</Typography.Text>
              ),
          },
          ...(mayEdit
            ? [
                {
                  key: 'actions',
                  render: (_: unknown, estate: Estate) => (
                    <Space size={0} wrap>
                      <Button
                        type="link"
                        size="small"
                        icon={<QrcodeOutlined />}
                        href={postersPath(estate.gridId, estate.id)}
                        onClick={(event) => followLink(event, postersPath(estate.gridId, estate.id))}
                      >
                        {t('estates.posterOfEstate')}
                      </Button>
                      {estate.code && (
                        <Button
                          type="link"
                          size="small"
                          onClick={() =>
                            modal.confirm({
                              title: t('estates.retireTitle', { code: estate.code }),
                              content: t('estates.retireContent'),
                              okText: t('estates.retire'),
                              cancelText: t('estates.cancel'),
                              onOk: () => retire(estate.code as string),
                            })
                          }
                        >
                          {t('estates.retire')}
                        </Button>
                      )}
                      <Button
                        type="link"
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setDialog({ mode: 'estate', estate })}
                      >
                        {t('estates.rename')}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() =>
                          confirm(
                            t('estates.removeTitle', { name: estate.name }),
                            t('estates.removeContent'),
                            () => api.removeEstate(estate.id),
                            t('estates.removed'),
                          )
                        }
                      >
                        {t('estates.remove')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.mode === 'estate' && (
        <EstateModal
          gridId={region.id}
          estate={dialog.estate}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void message.success(t('estates.saved'));
            state.reload();
          }}
        />
      )}
      {dialog?.mode === 'building' && (
        <BuildingModal
          estate={dialog.estate}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            void message.success(t('estates.saved'));
            state.reload();
          }}
        />
      )}
    </Card>
  );
}

function EstateModal({
  gridId,
  estate,
  onSaved,
  onClose,
}: {
  gridId: string;
  estate: Estate | null;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = usePublicCodesApi();
  const [form] = Form.useForm<{ name: string; address?: string }>();
  return (
    <OrgFormModal<{ name: string; address?: string }>
      title={estate ? estate.name : t('estates.add')}
      form={form}
      testId="estate-form"
      saveTestId="estate-form-save"
      initialValues={estate ? { name: estate.name, address: estate.address ?? '' } : {}}
      onClose={onClose}
      onSubmit={async (values) => {
        const body = { name: values.name.trim(), address: values.address?.trim() || null };
        if (estate) await api.updateEstate(estate.id, body);
        else await api.addEstate(gridId, body);
        onSaved();
      }}
    >
      <Form.Item
        name="name"
        label={t('estates.name')}
        rules={[{ required: true, whitespace: true, max: 60 }]}
      >
        <Input data-testid="estate-name" />
      </Form.Item>
      <Form.Item name="address" label={t('estates.address')} rules={[{ max: 200 }]}>
        <Input data-testid="estate-address" />
      </Form.Item>
    </OrgFormModal>
  );
}

function BuildingModal({
  estate,
  onSaved,
  onClose,
}: {
  estate: Estate;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = usePublicCodesApi();
  const [form] = Form.useForm<{ name: string }>();
  return (
    <OrgFormModal<{ name: string }>
      title={`${estate.name} · ${t('estates.addBuilding')}`}
      form={form}
      testId="building-form"
      initialValues={{}}
      onClose={onClose}
      onSubmit={async (values) => {
        await api.addBuilding(estate.id, values.name.trim());
        onSaved();
      }}
    >
      <Form.Item
        name="name"
        label={t('estates.buildingName')}
        rules={[{ required: true, whitespace: true, max: 40 }]}
      >
        <Input data-testid="building-name" />
      </Form.Item>
    </OrgFormModal>
  );
}
