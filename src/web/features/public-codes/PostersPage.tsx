import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, Input, Radio, Skeleton, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Poster } from '../../../shared/domain/public-codes.ts';
import { toApiError } from '../../api/api-error.ts';
import { useAsync } from '../../api/use-async.ts';
import { followLink, useSearch } from '../../app/router.ts';
import { ApiErrorAlert } from '../../errors/ApiErrorAlert.tsx';
import { usePublicCodesApi } from './public-codes-api.ts';

type Paper = 'A4' | 'A3';

/**
 * One poster per printed page, on the paper chosen: the app's frame and the controls stay off
 * paper. Sizes are in millimetres so A3 is A4 scaled up, not a page with more white.
 */
const printCss = (paper: Paper) => `
@page { size: ${paper} portrait; margin: 0; }
@media print {
  .ant-layout-sider, .ant-layout-header, .ant-drawer, .no-print { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .minqing-poster { border: none !important; margin: 0 !important; break-after: page; page-break-after: always; }
  .minqing-poster:last-child { break-after: auto; page-break-after: auto; }
}
.minqing-poster {
  width: ${paper === 'A4' ? 210 : 297}mm; height: ${paper === 'A4' ? 296 : 419}mm; box-sizing: border-box;
  padding: ${paper === 'A4' ? 18 : 26}mm; border: 1px dashed #ccc; margin: 0 auto 16px; background: #fff;
  display: flex; flex-direction: column; align-items: center; text-align: center; color: #111;
  font-size: ${paper === 'A4' ? 14 : 20}pt;
}
.minqing-poster h1 { font-size: 2.1em; margin: 0.2em 0; color: #c8102e; }
.minqing-poster .place { font-size: 1.5em; font-weight: 600; margin: 0.2em 0; }
.minqing-poster .street { font-size: 1.2em; margin: 0; }
.minqing-poster img { width: 62%; margin: 0.6em 0 0.2em; image-rendering: pixelated; }
.minqing-poster .code { font-family: monospace; letter-spacing: 0.1em; margin: 0 0 0.6em; }
.minqing-poster ol { text-align: left; margin: 0.4em 0; padding-left: 1.4em; line-height: 1.6; }
.minqing-poster .hotline { font-size: 1.3em; font-weight: 600; margin-top: auto; }
`;

function PosterView({ poster, onRetire }: { poster: Poster; onRetire: (code: string) => void }) {
  const { t } = useTranslation();
  const { names } = poster;
  const place = [names.community, names.estate ?? names.grid].filter(Boolean).join(' · ');
  return (
    <section className="minqing-poster" data-testid="poster">
      <p className="street">
        {names.district} {names.street}
      </p>
      <p className="place">{place}</p>
      <h1>{t('posters.heading')}</h1>
      <img src={poster.qrDataUrl} alt={poster.url} />
      <p className="code">{t('posters.code', { code: poster.code })}</p>
      <ol>
        <li>{t('posters.lineScan')}</li>
        <li>{t('posters.lineWrite')}</li>
        <li>{t('posters.lineFollow')}</li>
      </ol>
      {poster.hotline && <p className="hotline">{t('posters.hotline', { hotline: poster.hotline })}</p>}
      <Button className="no-print" size="small" onClick={() => onRetire(poster.code)}>
        {t('estates.retire')}
      </Button>
    </section>
  );
}

/** The hotline printed on every poster: the district's one setting, kept here where it is seen. */
function HotlineField({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const api = usePublicCodesApi();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    api.hotline(controller.signal).then(
      (h) => setValue(h.hotline ?? ''),
      () => setValue(''),
    );
    return () => controller.abort();
  }, [api]);
  if (value === null) return null;
  return (
    <Flex align="center" gap={8}>
      <Typography.Text>{t('posters.hotlineSetting')}</Typography.Text>
      <Space.Compact>
        <Input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          maxLength={30}
          style={{ width: 180 }}
          title={t('posters.hotlineHelp')}
          data-testid="poster-hotline"
        />
        <Button
          onClick={async () => {
            try {
              await api.saveHotline(value.trim() || null);
              void message.success(t('posters.hotlineSaved'));
              onSaved();
            } catch (error) {
              void message.error(t(toApiError(error).messageKey));
            }
          }}
        >
          {t('estates.save')}
        </Button>
      </Space.Compact>
    </Flex>
  );
}

/** /regions/<id>/posters[?estate=<id>]: the printable QR posters of a grid, a community or an estate. */
export function PostersPage({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const api = usePublicCodesApi();
  const { message, modal } = App.useApp();
  const estateId = new URLSearchParams(useSearch()).get('estate');
  const [paper, setPaper] = useState<Paper>('A4');
  const load = useCallback(
    (signal: AbortSignal) => api.posters(regionId, estateId, signal),
    [api, regionId, estateId],
  );
  const state = useAsync(load);

  const retire = (code: string) =>
    modal.confirm({
      title: t('estates.retireTitle', { code }),
      content: t('estates.retireContent'),
      okText: t('estates.retire'),
      cancelText: t('estates.cancel'),
      onOk: async () => {
        try {
          const result = await api.retire(code);
          void message.success(t('estates.retired', { code: result.replacedBy?.code ?? '' }));
          state.reload();
        } catch (error) {
          void message.error(t(toApiError(error).messageKey));
        }
      },
    });

  return (
    <Flex vertical gap={16} data-testid="posters-page">
      <style>{printCss(paper)}</style>
      <Flex gap={8} wrap align="center" className="no-print">
        <Button href="/regions" onClick={(e) => followLink(e, '/regions')}>
          {t('posters.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('posters.title')}
        </Typography.Title>
        <Radio.Group
          value={paper}
          onChange={(e) => setPaper(e.target.value as Paper)}
          optionType="button"
          options={[
            { value: 'A4', label: t('posters.a4') },
            { value: 'A3', label: t('posters.a3') },
          ]}
          aria-label={t('posters.size')}
        />
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={state.status !== 'success'}
          data-testid="posters-print"
        >
          {t('posters.print')}
        </Button>
        <HotlineField onSaved={state.reload} />
      </Flex>
      {state.status === 'loading' && <Skeleton active />}
      {state.status === 'error' && <ApiErrorAlert error={state.error} onRetry={state.reload} />}
      {state.status === 'success' && state.data.posters.length === 0 && (
        <Empty description={t('posters.empty')} />
      )}
      {state.status === 'success' && (
        <div>
          {state.data.posters.map((poster) => (
            <PosterView key={poster.code} poster={poster} onRetire={retire} />
          ))}
        </div>
      )}
    </Flex>
  );
}
