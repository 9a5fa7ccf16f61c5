// The browser side of the vue-render benchmark: the page built and served locally, in Chromium.
import { launchChromium } from '../../scripts/chromium.mjs'
import { buildPage } from './build-page.mjs'
import { serveFiles } from './serve.mjs'

/**
 * Opens the benchmark page with highlight.js loaded. `run(variant, source, tokens, warm)` mounts
 * one variant showing `source`, streams `tokens` into it and resolves to the page's measurements.
 * `minify: false` bundles readable code, for profiling.
 */
export async function openBenchPage({ minify = true } = {}) {
  const server = await serveFiles(await buildPage({ minify }))
  // --expose-gc: garbage is collected before each mount rather than during a timed token.
  const browser = await launchChromium({ args: ['--js-flags=--expose-gc'] })
  const close = async () => {
    await browser.close()
    await server.close()
  }
  try {
    const page = await browser.context.newPage()
    page.on('pageerror', (error) => console.error(`vue-render: page error: ${error.message}`))
    await page.goto(server.url)
    await page.waitForFunction(() => 'bench' in window)
    const { isolated } = await page.evaluate(() => window.bench.ready())
    if (!isolated) throw new Error('the page is not cross-origin isolated: its timer is coarse')
    const run = (variant, source, tokens, warm) =>
      page.evaluate(
        async ([variant, source, tokens, warm]) => {
          globalThis.gc?.()
          await window.bench.mount(variant, source)
          const result = await window.bench.stream(tokens, warm)
          window.bench.unmount()
          return result
        },
        [variant, source, tokens, warm],
      )
    return { page, context: browser.context, run, close }
  } catch (error) {
    await close()
    throw error
  }
}
