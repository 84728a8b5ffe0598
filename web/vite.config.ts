import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { SERVER_PATH_PREFIXES } from './src/server-paths';

const root = fileURLToPath(new URL('.', import.meta.url));

// `npm run dev` / `npm run preview` can talk to a running Stadtkern server:
//   STADTKERN_API=http://127.0.0.1:8080 npm run dev
const api = process.env.STADTKERN_API;
const proxy = api
  ? Object.fromEntries(
      SERVER_PATH_PREFIXES.map((p) => [p.endsWith('/') ? p : `^${p}(/|\\?|$)`, { target: api, changeOrigin: false }]),
    )
  : undefined;

// The Content-Security-Policy the server is expected to send. The preview
// server sends it too, so the browser tests catch anything that would break
// under it (inline scripts, eval, foreign origins).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export default defineConfig({
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every browser we support knows <link rel=modulepreload>.
    modulePreload: { polyfill: false },
    // swagger-ui's bundle (only loaded by the API docs page) is ~1.5 MB.
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: {
        main: resolve(root, 'index.html'),
        'api-docs': resolve(root, 'api-docs.html'),
      },
      output: {
        // Shared by both pages: the UI library in one chunk, our code in another.
        manualChunks(id) {
          if (id.includes('/node_modules/preact')) return 'preact';
          if (/\/src\/(i18n|components\/|styles\.css)/.test(id)) return 'shared';
          return undefined;
        },
      },
    },
  },
  server: { proxy },
  preview: {
    proxy,
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
});
