import { Flex, Form, type FormRule, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { positionSchema } from '../../shared/map/position.ts';
import { given } from './position-inputs.ts';

/**
 * 纬度 and 经度 for a household's or an enterprise's position, checked with the API's own schema
 * (shared/map/position.ts) so the form refuses what the server would: one coordinate alone, out
 * of range, more than six decimals. The form's fields are named `latitude` and `longitude`.
 */
export function PositionInputs({ testIdPrefix }: { testIdPrefix: string }) {
  const { t } = useTranslation();
  const rule =
    (field: 'latitude' | 'longitude', other: 'latitude' | 'longitude'): FormRule =>
    ({ getFieldValue }) => ({
      validator(_, value: number | null | undefined) {
        if (!given(value)) {
          return given(getFieldValue(other))
            ? Promise.reject(new Error(t('map.position.incomplete')))
            : Promise.resolve();
        }
        return positionSchema.shape[field].safeParse(value).success
          ? Promise.resolve()
          : Promise.reject(new Error(t(`map.position.${field}Range`)));
      },
    });
  return (
    <Form.Item label={t('map.position.label')} extra={t('map.position.help')} style={{ marginBottom: 16 }}>
      <Flex gap={8} wrap>
        <Form.Item
          name="latitude"
          dependencies={['longitude']}
          rules={[rule('latitude', 'longitude')]}
          style={{ flex: '1 1 160px', marginBottom: 0 }}
        >
          <InputNumber
            placeholder={t('map.position.latitude')}
            aria-label={t('map.position.latitude')}
            step={0.000001}
            style={{ width: '100%' }}
            data-testid={`${testIdPrefix}-latitude`}
          />
        </Form.Item>
        <Form.Item
          name="longitude"
          dependencies={['latitude']}
          rules={[rule('longitude', 'latitude')]}
          style={{ flex: '1 1 160px', marginBottom: 0 }}
        >
          <InputNumber
            placeholder={t('map.position.longitude')}
            aria-label={t('map.position.longitude')}
            step={0.000001}
            style={{ width: '100%' }}
            data-testid={`${testIdPrefix}-longitude`}
          />
        </Form.Item>
      </Flex>
    </Form.Item>
  );
}
