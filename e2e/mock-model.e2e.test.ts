import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../scripts/chromium.mjs'
import { chat, replyText } from './harness.js'

const serverJs = fileURLToPath(new URL('../apps/relay/dist/server.js', import.meta.url))

let relay: ChildProcess
let url: string
let browser: Browser
let cwd: string

beforeAll(async () => {
  // An empty working directory: a developer's .env must not give this relay a key.
  cwd = await mkdtemp(join(tmpdir(), 'tc-e2e-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: '0',
    MOCK_TOKENS_PER_SECOND: '400',
  }
  delete env.OPENAI_API_KEY
  delete env.OPENAI_BASE_URL
  relay = spawn(process.execPath, [serverJs], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] })
  url = await new Promise<string>((resolve, reject) => {
    let out = ''
    relay.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out)
      if (found) resolve(found[0])
    })
    relay.once('exit', (code) => reject(new Error(`relay exited with ${code}: ${out}`)))
  })
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  relay?.kill('SIGTERM')
  await rm(cwd, { recursive: true, force: true })
})

describe('the production server with no API key', () => {
  it('serves the demo and answers with the embedded mock model', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(url)
    const ui = chat(page)
    await ui.send('Show me a table of planets')
    await ui.idle()
    await expect.poll(async () => (await replyText(page)).length).toBeGreaterThan(100)
    expect(await ui.lastReply.getAttribute('data-status')).toBe('done')
    expect(errors).toEqual([])
    await page.close()
  })
})
