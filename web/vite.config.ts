/**
 * Builds the web UI into dist/web/, which `annex serve` serves at /
 * (src/api/routes/web.ts). The verifier imports ../src/ledger/*.ts directly:
 * the same code as the server and the CLI, with @noble crypto instead of
 * node:crypto (src/ledger/crypto-noble.ts). `npm run dev:web` serves it with
 * hot reload and forwards /api and /log to a server on 127.0.0.1:8080.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const api = process.env.ANNEX_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': api, '/log': api } },
});
