import { MenuOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { UserMenu } from '../auth/UserMenu.tsx';
import { NotificationBell } from '../features/cases/NotificationBell.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useMeta } from './meta-context.tsx';

/**
 * Product name, the district this deployment serves, the demo warning, the language switch and the
 * signed-in user's menu.
 */
export function AppHeader({ narrow, onOpenMenu }: { narrow: boolean; onOpenMenu: () => void }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const { token } = theme.useToken();
  const district = meta.data?.district?.name;
  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        padding: narrow ? '0 12px' : '0 24px',
        height: 'auto',
        minHeight: 56,
        lineHeight: 'normal',
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Flex align="center" justify="space-between" gap={12} wrap style={{ minHeight: 56 }}>
        <Flex align="center" gap={narrow ? 8 : 12} wrap style={{ minWidth: 0 }}>
          {narrow && (
            <Button type="text" icon={<MenuOutlined />} aria-label={t('app.openMenu')} onClick={onOpenMenu} />
          )}
          {/* A 390-px phone has room for the name or the demo warning on the header's one line, not both. */}
          {narrow && !meta.data?.demo && (
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('app.name')}
            </Typography.Text>
          )}
          {/* On a phone the dashboard's title names the district; the header keeps to one line. */}
          {district && !narrow && (
            <Typography.Text
              data-testid="district-name"
              style={{
                maxWidth: narrow ? 120 : 320,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
            >
              {district}
            </Typography.Text>
          )}
          {meta.data?.demo && (
            <Tag
              color="orange"
              data-testid="demo-tag"
              title={t('app.demoTag')}
              style={{ marginInlineEnd: 0 }}
            >
              {narrow ? t('app.demoTagShort') : t('app.demoTag')}
            </Tag>
          )}
        </Flex>
        <Flex align="center" gap={narrow ? 4 : 12}>
          <NotificationBell />
          <LanguageSwitch />
          <UserMenu narrow={narrow} />
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
