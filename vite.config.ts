import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const API_SERVER = 'http://127.0.0.1:3000';

/**
 * The web app is built into dist/web and served by the MinQing server itself at `/`. Everything
 * it needs is bundled: the server's CSP allows no other origin (no CDN, fonts or images).
 */
export default defineConfig({
  plugins: [
    react(),
    // The field app's service worker (src/web/sw.ts): precaches the built shell. The page
    // registers it itself (src/web/offline/register-sw.ts), so no registration script is injected.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/web',
      filename: 'sw.ts',
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: '民情 MinQing',
        short_name: '民情',
        description: '民情双访 · 网格员外勤',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#c8102e',
        icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        // The app is one large bundle (antd); it must be precached whole to open offline.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  publicDir: 'src/web/public',
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // antd is large; the entry still loads in one round trip on the local network it serves.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    proxy: {
      '/api': API_SERVER,
      '/healthz': API_SERVER,
      '/readyz': API_SERVER,
    },
  },
});
