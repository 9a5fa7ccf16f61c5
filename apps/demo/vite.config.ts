import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import type { ProxyOptions } from 'vite'

/** The relay that `pnpm dev` starts beside Vite; `RELAY_URL` points the proxy elsewhere. */
const relay = process.env.RELAY_URL ?? 'http://127.0.0.1:8787'

// Vite's proxy pipes each chunk through as it arrives (no buffering, no compression) and closes
// the relay's request when the browser drops the stream, so Stop still cancels the upstream call
// in dev (checked against the relay's log: "aborted by client (upstream cancelled)").
const toRelay: ProxyOptions = { target: relay }

export default defineConfig({
  plugins: [vue()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': toRelay, '/v1': toRelay },
  },
  preview: {
    host: '127.0.0.1',
    proxy: { '/api': toRelay, '/v1': toRelay },
  },
  build: {
    target: 'es2022',
  },
})
