import { Flex, Layout, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';

/** The frame of a page residents open without an account: the product's name, the language, the page. */
export function PublicShell({ children, maxWidth = 720 }: { children: ReactNode; maxWidth?: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Flex
        justify="space-between"
        align="center"
        gap={12}
        wrap
        style={{ padding: '12px 16px', background: token.colorBgContainer }}
      >
        <Typography.Text strong style={{ fontSize: 18, color: token.colorPrimary }}>
          {t('app.productName')}
        </Typography.Text>
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" style={{ padding: 12 }}>
        <div style={{ width: '100%', maxWidth }}>{children}</div>
      </Flex>
    </Layout>
  );
}
