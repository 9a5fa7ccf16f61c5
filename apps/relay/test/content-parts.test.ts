import { afterEach, describe, expect, it } from 'vitest'
import { chatBody, contentOf, post, readSSE, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay | undefined
afterEach(async () => {
  await relay?.close()
  relay = undefined
})

/** A 1 × 1 transparent PNG. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

const withImage = (url: string, extra: Record<string, unknown> = {}) =>
  chatBody({
    ...extra,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image_url', image_url: { url } },
        ],
      },
    ],
  })

const HOSTILE = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'http://example.com/cat.png',
  'http://169.254.169.254/latest/meta-data/',
  'https://169.254.169.254/latest/meta-data/',
  'https://127.0.0.1/cat.png',
  'https://10.1.2.3/cat.png',
  'https://192.168.0.1/cat.png',
  'https://[::1]/cat.png',
  'https://[fd00::1]/cat.png',
  'https://[::ffff:127.0.0.1]/cat.png',
  'https://localhost/cat.png',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://user:pass@example.com/cat.png',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
  'data:image/png,not-base64',
  'not a url',
]

describe('content parts', () => {
  for (const path of ['/api/chat', '/v1/chat/completions']) {
    it(`passes a text part and a data:image part to the upstream as they are (${path})`, async () => {
      relay = await startTestRelay()
      const response = await post(relay.url + path, withImage(PNG, { stream: true }))
      expect(response.status).toBe(200)
      expect(contentOf((await readSSE(response)).events)).toBe('Hello world!')
      expect(relay.upstream.requests[0]?.body?.messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url: PNG } },
          ],
        },
      ])
    })

    it(`refuses every image URL an upstream must not fetch with 400 naming the part (${path})`, async () => {
      relay = await startTestRelay()
      for (const url of HOSTILE) {
        const response = await post(relay.url + path, withImage(url))
        expect(response.status, url).toBe(400)
        const { error } = (await response.json()) as { error: { code: string; param: string } }
        expect(error.code, url).toBe('invalid_request')
        expect(error.param, url).toBe('messages[0].content[1].image_url.url')
      }
      expect(relay.upstream.requests).toHaveLength(0)
    })
  }

  it('accepts a public https image URL, and with an allow-list only its hosts', async () => {
    relay = await startTestRelay()
    expect(
      (await post(`${relay.url}/api/chat`, withImage('https://example.com/a.png'))).status,
    ).toBe(200)
    await relay.close()
    relay = await startTestRelay({ imageUrlHosts: ['*.example.com', 'images.test.org'] })
    for (const url of ['https://cdn.example.com/a.png', 'https://images.test.org/b.webp']) {
      expect((await post(`${relay.url}/api/chat`, withImage(url))).status, url).toBe(200)
    }
    for (const url of ['https://example.org/a.png', 'https://evil.com/x.example.com.png']) {
      const response = await post(`${relay.url}/api/chat`, withImage(url))
      expect(response.status, url).toBe(400)
      expect(await response.json()).toMatchObject({
        error: { message: expect.stringContaining("not in this relay's image hosts") },
      })
    }
  })

  it('refuses a text part without text and an image part without a URL, naming them', async () => {
    relay = await startTestRelay()
    const broken = chatBody({
      messages: [{ role: 'user', content: [{ type: 'text' }, { type: 'image_url' }] }],
    })
    const response = await post(`${relay.url}/api/chat`, broken)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_request', param: 'messages[0].content[0].text' },
    })
  })

  it('reads bodies up to its configured size and refuses larger ones with 413 saying so', async () => {
    relay = await startTestRelay({ limits: { maxBodyBytes: 64 * 1024 } })
    const big = `data:image/png;base64,${'A'.repeat(40_000)}`
    expect((await post(`${relay.url}/api/chat`, withImage(big))).status).toBe(200)
    const response = await post(`${relay.url}/api/chat`, withImage(big + 'A'.repeat(40_000)))
    expect(response.status).toBe(413)
    expect(await response.json()).toMatchObject({
      error: {
        code: 'payload_too_large',
        message: expect.stringContaining('64 KiB'),
      },
    })
  })
})
