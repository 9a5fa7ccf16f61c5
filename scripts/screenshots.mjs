// Captures the README screenshots from the real demo: `pnpm screenshots` (after `pnpm build`).
// The production server runs with the embedded mock model; each capture is taken mid-stream.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchBrowser } from './chromium.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'docs/images')
const PROMPT = 'Compare streaming markdown renderers, with a code example and a table'

async function startServer() {
  // An empty working directory, so a developer's .env cannot switch to a real model.
  const cwd = await mkdtemp(join(tmpdir(), 'tc-shots-'))
  const env = { ...process.env, NODE_ENV: 'production', PORT: '0', MOCK_TOKENS_PER_SECOND: '45' }
  delete env.OPENAI_API_KEY
  const child = spawn(process.execPath, [join(root, 'apps/relay/dist/server.js')], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise((resolve, reject) => {
    let text = ''
    child.stdout.setEncoding('utf8').on('data', (data) => {
      text += data
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(text)
      if (found) resolve(found[0])
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return {
    url,
    async stop() {
      child.kill('SIGTERM')
      await rm(cwd, { recursive: true, force: true })
    },
  }
}

const server = await startServer()
const browser = await launchBrowser()
await mkdir(out, { recursive: true })
try {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      colorScheme: scheme,
    })
    const page = await context.newPage()
    await page.goto(server.url)
    const input = page.getByRole('textbox', { name: 'Message' })
    await input.fill(PROMPT)
    await input.press('Enter')
    // Mid-stream: several blocks shown, the caret still typing.
    await page.waitForFunction(
      () =>
        (document.querySelector('[data-role="assistant"] .tc-markdown')?.textContent ?? '').length >
        700,
      undefined,
      { timeout: 30_000 },
    )
    const file = join(out, `demo-${scheme}.png`)
    await page.screenshot({ path: file })
    console.log(`wrote ${file}`)
    await context.close()
  }
} finally {
  await browser.close()
  await server.stop()
}
