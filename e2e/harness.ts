/**
 * The end-to-end rig: the built demo served by the built relay (production mode), the relay pointed
 * at `@typewriter-chat/mock-openai` on 127.0.0.1 in scripted mode (each test scripts its replies),
 * and Debian's Chromium driving the page. Only the OpenAI service itself is faked.
 */
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockControl, MockOpenAI } from '@typewriter-chat/mock-openai'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchBrowser } from '../scripts/chromium.mjs'
import { loadConfig, silentLogger, startRelay } from '../apps/relay/dist/index.js'
import type { RunningRelay } from '../apps/relay/dist/index.js'

// The demo's localStorage key for its settings panel (apps/demo/src/settings/demo-settings.ts).
const DEMO_SETTINGS_KEY = 'typewriter-chat-demo:settings'

/** A relay serving the demo in front of the mock upstream, and a browser to open pages with. */
export interface Rig {
  upstream: MockOpenAI
  relay: RunningRelay
  browser: Browser
  /** A page on the demo, in a fresh context (its own storage); `origin`: reached there instead (a proxy). */
  openDemo(options?: {
    colorScheme?: 'light' | 'dark'
    reducedMotion?: boolean
    origin?: string
    /** A phone: 390 × 844, touch, mobile viewport. */
    phone?: boolean
    /** The demo's saved settings (`typewriterSpeed`, `locale`…), as if chosen in an earlier visit. */
    settings?: Record<string, unknown>
  }): Promise<Page>
  close(): Promise<void>
}

/** Starts the rig; `env` adds relay settings (as environment variables) to the test defaults. */
export async function startRig(env: Record<string, string> = {}): Promise<Rig> {
  const upstream = await startMockOpenAI()
  const relay = await startRelay(
    loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      OPENAI_API_KEY: 'sk-e2e-secret',
      OPENAI_BASE_URL: upstream.url,
      OPENAI_MODEL: 'gpt-test',
      RELAY_RATE_LIMIT: '0',
      ...env,
    }),
    { logger: silentLogger },
  )
  const browser = await launchBrowser()
  return {
    upstream,
    relay,
    browser,
    async openDemo(options = {}) {
      const context = await browser.newContext({
        viewport: options.phone ? { width: 390, height: 844 } : { width: 1100, height: 760 },
        colorScheme: options.colorScheme ?? 'light',
        ...(options.reducedMotion ? { reducedMotion: 'reduce' as const } : {}),
        ...(options.phone ? { hasTouch: true, isMobile: true, deviceScaleFactor: 3 } : {}),
      })
      if (options.settings !== undefined) {
        await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
          DEMO_SETTINGS_KEY,
          JSON.stringify(options.settings),
        ] as const)
      }
      const page = await context.newPage()
      await page.goto(options.origin ?? relay.url)
      // The transcript, named in any locale.
      await chat(page).log.waitFor()
      return page
    },
    async close() {
      await browser.close()
      await relay.close(0)
      await upstream.close()
    },
  }
}

/** The chat completion requests the upstream received (the demo also asks for `/models`). */
export function chatRequests(upstream: MockControl) {
  return upstream.requests.filter((request) => request.path.endsWith('/chat/completions'))
}

/** The chat on a page, by the names users and assistive technology see. */
export function chat(page: Page) {
  return {
    input: page.getByRole('textbox', { name: 'Message' }),
    log: page.getByRole('log'),
    button: (name: string): Locator => page.getByRole('button', { name, exact: true }),
    replies: page.locator('[data-role="assistant"]'),
    lastReply: page.locator('[data-role="assistant"]').last(),
    users: page.locator('[data-role="user"]'),
    alert: page.getByRole('alert'),
    async send(text: string): Promise<void> {
      await this.input.fill(text)
      await this.input.press('Enter')
    },
    /** Resolves once no reply is running (the transcript is no longer busy). */
    async idle(): Promise<void> {
      await page.waitForFunction(
        () => document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false',
      )
    },
  }
}

/** The markdown text of the last reply, without the newline markdown-it ends blocks with. */
export function replyText(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      [...document.querySelectorAll('[data-role="assistant"]')]
        .at(-1)
        ?.querySelector('.tc-markdown')?.textContent ?? ''
    ).trim(),
  )
}

/**
 * Starts recording the length of the last reply's text at every animation frame, in the page:
 * `lengths()` returns the distinct lengths seen so far, in order.
 */
export async function recordGrowth(page: Page): Promise<{ lengths(): Promise<number[]> }> {
  await page.evaluate(() => {
    const seen: number[] = []
    ;(window as unknown as { __growth: number[] }).__growth = seen
    const sample = () => {
      const replies = document.querySelectorAll('[data-role="assistant"] .tc-markdown')
      const length = replies[replies.length - 1]?.textContent?.length ?? 0
      if (length !== seen[seen.length - 1]) seen.push(length)
      requestAnimationFrame(sample)
    }
    requestAnimationFrame(sample)
  })
  return {
    lengths: () => page.evaluate(() => (window as unknown as { __growth: number[] }).__growth),
  }
}

/** Dismisses every dialog the page opens (`alert`, `confirm`…); the list fills with their messages. */
export function recordDialogs(page: Page): string[] {
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return dialogs
}

/** Content pieces of roughly `size` characters that together make `text`. */
export function piecesOf(text: string, size: number): string[] {
  const pieces: string[] = []
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size))
  return pieces
}
