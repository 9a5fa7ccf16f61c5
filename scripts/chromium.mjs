// Launches Debian's Chromium through playwright-core for the end-to-end suite and the browser
// benchmarks. `npx playwright install` cannot run here (no internet), so the system browser is used.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

/** Where Debian's `chromium` package puts the browser; `CHROMIUM_PATH` overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The flags every launch uses (headless, no sandbox, nothing fetched in the background). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Starts Chromium with a fresh profile. `close()` shuts it down and deletes the profile.
 *
 * @param {{ args?: string[], viewport?: { width: number, height: number }, colorScheme?: 'light' | 'dark' }} [options]
 */
export async function launchChromium(options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'tc-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, ...(options.args ?? [])],
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/**
 * Starts Chromium for tests that want isolated contexts (`browser.newContext()` each gets its own
 * storage); playwright gives the browser a fresh temporary profile and deletes it on `close()`.
 *
 * @param {{ args?: string[] }} [options]
 */
export function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, ...(options.args ?? [])],
  })
}
