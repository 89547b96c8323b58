import { Alert, Button, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PUBLIC_PHOTOS_MAX } from '../../../shared/domain/public-entry.ts';
import { shrinkPhoto } from './shrink-photo.ts';

/** A photo chosen on the form, shrunk and ready to send, with its preview. */
export interface PickedPhoto {
  key: string;
  name: string;
  blob: Blob;
  url: string;
}

let counter = 0;

/**
 * Up to PUBLIC_PHOTOS_MAX photos from the phone's camera or gallery: a plain file input (what
 * WeChat's webview offers), shrunk in the browser before sending. Playwright sets files on
 * `[data-testid="public-report-photos"]`.
 */
export function PhotoPicker({
  photos,
  onChange,
  disabled,
}: {
  photos: PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (files: File[]) => {
    setProblem(null);
    const room = PUBLIC_PHOTOS_MAX - photos.length;
    if (files.length > room) setProblem(t('publicReport.photosTooMany', { max: PUBLIC_PHOTOS_MAX }));
    setBusy(true);
    const added: PickedPhoto[] = [];
    for (const file of files.slice(0, Math.max(0, room))) {
      try {
        const blob = await shrinkPhoto(file);
        added.push({ key: `photo-${++counter}`, name: file.name, blob, url: URL.createObjectURL(blob) });
      } catch {
        setProblem(t('publicReport.photoUnusable', { name: file.name }));
      }
    }
    setBusy(false);
    if (added.length > 0) onChange([...photos, ...added]);
  };

  const remove = (key: string) => {
    const gone = photos.find((p) => p.key === key);
    if (gone) URL.revokeObjectURL(gone.url);
    onChange(photos.filter((p) => p.key !== key));
  };

  return (
    <Flex vertical gap={8}>
      {photos.length > 0 ? (
        <Flex wrap gap={8} data-testid="public-report-photo-list">
          {photos.map((photo) => (
            <Flex key={photo.key} vertical align="center" gap={4}>
              <img
                src={photo.url}
                alt={photo.name}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }}
              />
              <Button size="small" type="link" danger disabled={disabled} onClick={() => remove(photo.key)}>
                {t('publicReport.photoRemove')}
              </Button>
            </Flex>
          ))}
        </Flex>
      ) : null}
      {photos.length < PUBLIC_PHOTOS_MAX ? (
        <div>
          <Button onClick={() => input.current?.click()} loading={busy} disabled={disabled}>
            {t('publicReport.photoAdd')}
          </Button>
        </div>
      ) : null}
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        style={{ display: 'none' }}
        data-testid="public-report-photos"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          void add(files);
        }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('publicReport.photosHint', { max: PUBLIC_PHOTOS_MAX })}
      </Typography.Text>
      {problem ? <Alert type="warning" showIcon title={problem} /> : null}
    </Flex>
  );
}
