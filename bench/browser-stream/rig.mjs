// The browser-stream rig: the paced mock upstream, the built relay serving the built demo, the naive
// page (allowed by the relay's CORS list) and Chromium. Shared by the benchmark and profile.mjs.
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import { loadConfig, startRelay } from '../../apps/relay/dist/index.js'
import { launchCdpBrowser } from './cdp-browser.mjs'
import { serveNaivePage } from './naive-page.mjs'

export const VIEWPORT = { width: 1280, height: 800 }
/** Idle time after load (the demo fetches the model list, fonts settle) before the message. */
const SETTLE_MS = 1500

/**
 * Every chat request gets the same reply: `tokens`, one `chat.completion.chunk` each, at
 * `tokensPerSecond` (each token has its due time from the start of the stream, so a late timer is
 * caught up instead of adding up over 25,000 tokens).
 *
 * @param {{ tokens: string[], tokensPerSecond: number }} stream
 * @param {{ staticDir?: string }} [options] `staticDir`: another build of the demo to serve.
 */
export async function startRig({ tokens, tokensPerSecond }, options = {}) {
  const upstream = await startMockOpenAI({
    script: { chunks: tokens, delayMs: 1000 / tokensPerSecond },
  })
  const naivePage = await serveNaivePage()
  const relay = await startRelay(
    loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: upstream.url,
      OPENAI_MODEL: 'gpt-bench',
      RELAY_RATE_LIMIT: '0',
      CORS_ORIGINS: naivePage.origin,
      ...(options.staticDir && { RELAY_STATIC_DIR: options.staticDir }),
    }),
    // One line per request on stderr (the benchmark's progress output): how each stream ended.
    {
      logger: {
        info: (line) => console.error(`relay: ${line}`),
        error: (line, error) => console.error(`relay: ${line}`, error ?? ''),
      },
    },
  )
  const browser = await launchCdpBrowser()
  const urls = {
    demo: relay.url,
    naive: naivePage.url(relay.url),
    'naive-read': naivePage.url(relay.url, 'read'),
  }
  return {
    upstream,
    /**
     * Opens `page` ('demo', 'naive' or 'naive-read') in a fresh context, lets `prepare(page)` set it
     * up, waits for it to settle, and resolves to `run(page)`'s result. Pages are driven over the
     * DevTools protocol (see cdp-browser.mjs), not through Playwright.
     */
    async withPage(which, prepare, run) {
      const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'light' })
      try {
        await page.goto(urls[which])
        await page.waitFor(() => window.__cdp.textbox('Message'))
        await prepare?.(page)
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
        return await run(page)
      } finally {
        await page.close()
      }
    },
    async close() {
      await browser.close()
      await relay.close(0)
      await naivePage.close()
      await upstream.close()
    },
  }
}
