import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { chatBody, post, readSSE, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let dir: string
let relay: TestRelay | undefined
const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-static-'))
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><div id="app">demo</div>')
  await writeFile(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)')
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

describe('production static site', () => {
  it('serves the demo at / with a CSP that lets a Vite Vue app and its SSE fetch run', async () => {
    relay = await startTestRelay({ staticDir: dir })
    const response = await fetch(`${relay.url}/`, { headers: html })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('demo')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toContain('upgrade-insecure-requests')
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('cache-control')).toBe('no-cache')
  })

  it('serves fingerprinted assets with a long immutable cache', async () => {
    relay = await startTestRelay({ staticDir: dir })
    const response = await fetch(`${relay.url}/assets/app-1a2b.js`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('immutable')
  })

  it('falls back to index.html for client-side routes that ask for HTML', async () => {
    relay = await startTestRelay({ staticDir: dir })
    const response = await fetch(`${relay.url}/chat/42`, { headers: html })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('demo')
  })

  it('does not answer missing assets or non-HTML requests with the page', async () => {
    relay = await startTestRelay({ staticDir: dir })
    expect((await fetch(`${relay.url}/assets/missing.js`, { headers: html })).status).toBe(404)
    expect(
      (await fetch(`${relay.url}/chat/42`, { headers: { accept: 'application/json' } })).status,
    ).toBe(404)
  })

  it('keeps JSON answers for API paths, even when they ask for HTML', async () => {
    relay = await startTestRelay({ staticDir: dir })
    const unknown = await fetch(`${relay.url}/api/unknown`, { headers: html })
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get('content-type')).toMatch(/application\/json/)
    const wrongMethod = await fetch(`${relay.url}/api/chat`, { headers: html })
    expect(wrongMethod.status).toBe(405)
    const v1 = await fetch(`${relay.url}/v1/nope`, { headers: html })
    expect(v1.status).toBe(404)
    expect(v1.headers.get('content-type')).toMatch(/application\/json/)
  })

  it('streams the chat API unchanged next to the static site', async () => {
    relay = await startTestRelay({ staticDir: dir })
    const response = await post(`${relay.url}/api/chat`, chatBody())
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect((await readSSE(response)).events.at(-1)?.data).toBe('[DONE]')
  })

  it('shows a clear notice when the demo is not built yet', async () => {
    relay = await startTestRelay({ staticDir: join(dir, 'does-not-exist') })
    const response = await fetch(`${relay.url}/`, { headers: html })
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('not built yet')
  })

  it('serves no pages at all outside production mode', async () => {
    relay = await startTestRelay()
    const response = await fetch(`${relay.url}/`, { headers: html })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
  })
})
