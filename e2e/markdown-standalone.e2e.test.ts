// <StreamingMarkdown> used on its own, without <TypewriterChat> around it: the kit's built
// style.css, as shipped and as an app's bundler lowers it for older browsers, must colour a reply
// (code highlighting included) in the page's light or dark scheme.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../scripts/chromium.mjs'

// Lightning CSS is a dev dependency of the kit, not of the workspace root.
const kit = createRequire(new URL('../packages/vue/package.json', import.meta.url))
const load = (name: string) => import(pathToFileURL(kit.resolve(name)).href)

const REPLY = [
  'A [link](https://example.com) and `code`.',
  '',
  '```js',
  '// a comment',
  'const answer = "forty-two"',
  '```',
].join('\n')

/**
 * The reply as a finished `<StreamingMarkdown>` shows it: the kit's markdown-it html, highlighted,
 * in the component's root. (Its server render is empty: it renders in the browser, on mount.)
 */
async function renderReply(): Promise<string> {
  const { createMarkdownIt, loadHighlighter } = await import('../packages/vue/dist/index.js')
  await loadHighlighter()
  return `<div class="tc-markdown">${createMarkdownIt().render(REPLY)}</div>`
}

/** What Vite 8's default build makes of a stylesheet: Lightning CSS lowering for Safari 16.4. */
async function lowered(css: string): Promise<string> {
  const { transform } = await load('lightningcss')
  const safari16_4 = (16 << 16) | (4 << 8)
  const { code } = transform({
    filename: 'app.css',
    code: Buffer.from(css),
    targets: { safari: safari16_4, chrome: 111 << 16 },
  })
  return code.toString()
}

const LIGHT = {
  keyword: 'rgb(207, 34, 46)',
  string: 'rgb(10, 48, 105)',
  comment: 'rgb(110, 119, 129)',
  link: 'rgb(9, 105, 218)',
  text: 'rgb(31, 35, 40)',
  codeBg: 'rgb(246, 248, 250)',
  inlineCodeBg: 'rgb(246, 248, 250)',
}
const DARK = {
  keyword: 'rgb(255, 123, 114)',
  string: 'rgb(165, 214, 255)',
  comment: 'rgb(139, 148, 158)',
  link: 'rgb(68, 147, 248)',
  text: 'rgb(230, 237, 243)',
  codeBg: 'rgb(21, 27, 35)',
  inlineCodeBg: 'rgb(21, 27, 35)',
}

let browser: Browser
let reply: string
let kitCss: string
beforeAll(async () => {
  browser = await launchBrowser()
  reply = await renderReply()
  kitCss = await readFile(new URL('../packages/vue/dist/style.css', import.meta.url), 'utf8')
})
afterAll(async () => browser?.close())

/** Opens `reply` under `kit` (the kit's CSS) and `app` (the page's own), reads the colours. */
async function coloursOf(
  styles: { kit: string; app: string },
  system: 'light' | 'dark',
): Promise<typeof LIGHT> {
  const context = await browser.newContext({ colorScheme: system })
  try {
    const page = await context.newPage()
    await page.setContent(
      `<!doctype html><html><head><style>${styles.kit}</style><style>${styles.app}</style>` +
        `</head><body>${reply}</body></html>`,
    )
    return await page.evaluate(() => {
      const colour = (selector: string, property: 'color' | 'backgroundColor' = 'color') => {
        const element = document.querySelector(selector)
        if (element === null) throw new Error(`nothing matches ${selector}`)
        return getComputedStyle(element)[property]
      }
      return {
        keyword: colour('.hljs-keyword'),
        string: colour('.hljs-string'),
        comment: colour('.hljs-comment'),
        link: colour('.tc-markdown a'),
        text: colour('.tc-markdown p'),
        codeBg: colour('.tc-markdown .tc-code', 'backgroundColor'),
        inlineCodeBg: colour('.tc-markdown p code', 'backgroundColor'),
      }
    })
  } finally {
    await context.close()
  }
}

describe('<StreamingMarkdown> on its own, with the kit’s style.css', () => {
  it('renders highlighted code outside the chat', () => {
    expect(reply).toContain('class="tc-markdown')
    expect(reply).not.toContain('tc-chat')
    expect(reply).toContain('hljs-keyword')
  })

  for (const [build, transform] of [
    ['as shipped', async (css: string) => css],
    ['lowered by the app’s bundler', lowered],
  ] as const) {
    describe(build, () => {
      it('is light on a page that declares no colour scheme, even on a dark system', async () => {
        const styles = { kit: await transform(kitCss), app: '' }
        expect(await coloursOf(styles, 'dark')).toEqual(LIGHT)
      })

      it('is dark on a page that declares a dark scheme', async () => {
        const styles = {
          kit: await transform(kitCss),
          app: await transform(':root{color-scheme:dark}'),
        }
        expect(await coloursOf(styles, 'light')).toEqual(DARK)
      })

      it('follows the system on a page that declares both schemes', async () => {
        const app = await transform(':root{color-scheme:light dark}')
        const styles = { kit: await transform(kitCss), app }
        expect(await coloursOf(styles, 'dark')).toEqual(DARK)
        expect(await coloursOf(styles, 'light')).toEqual(LIGHT)
      })
    })
  }
})
