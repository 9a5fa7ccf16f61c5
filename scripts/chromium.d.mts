import type { Browser, BrowserContext } from 'playwright-core'

/** Where the Chromium binary is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export declare const chromiumPath: string

/** Starts Chromium with a fresh profile; `close()` shuts it down and deletes the profile. */
export declare function launchChromium(options?: {
  args?: string[]
  viewport?: { width: number; height: number }
  colorScheme?: 'light' | 'dark'
}): Promise<{ context: BrowserContext; close(): Promise<void> }>

/** Starts Chromium for isolated contexts (`browser.newContext()`); the profile is temporary. */
export declare function launchBrowser(options?: { args?: string[] }): Promise<Browser>
