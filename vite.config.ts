import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API_SERVER = 'http://127.0.0.1:3000';

/**
 * The web app is built into dist/web and served by the MinQing server itself at `/`. Everything
 * it needs is bundled: the server's CSP allows no other origin (no CDN, fonts or images).
 */
export default defineConfig({
  plugins: [react()],
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
