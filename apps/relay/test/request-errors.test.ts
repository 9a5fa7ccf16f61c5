import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatBody, post, startTestRelay } from './helpers.js'
import type { TestRelay } from './helpers.js'

let relay: TestRelay
beforeAll(async () => {
  relay = await startTestRelay({ defaultModel: 'gpt-a', allowedModels: ['gpt-b'] })
})
afterAll(() => relay.close())

interface ErrorBody {
  error: { message: string; type: string; code: string; param: string | null }
}

async function expectError(response: Response, status: number, code: string): Promise<ErrorBody> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  const body = (await response.json()) as ErrorBody
  expect(body.error.code).toBe(code)
  expect(typeof body.error.message).toBe('string')
  expect(typeof body.error.type).toBe('string')
  return body
}

describe('request errors on the chat routes', () => {
  for (const path of ['/api/chat', '/v1/chat/completions']) {
    it(`answers 400 invalid_json for a body that is not JSON (${path})`, async () => {
      await expectError(await post(relay.url + path, '{"messages": ['), 400, 'invalid_json')
    })

    it(`answers 400 naming messages when they are missing, empty or not an array (${path})`, async () => {
      for (const body of [{}, { messages: [] }, { messages: 'hi' }, { messages: null }]) {
        const { error } = await expectError(
          await post(relay.url + path, body),
          400,
          'invalid_request',
        )
        expect(error.param).toBe('messages')
      }
    })

    it(`answers 400 naming the field of a bad role or content (${path})`, async () => {
      const badRole = {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'wizard', content: 'b' },
        ],
      }
      const role = await expectError(await post(relay.url + path, badRole), 400, 'invalid_request')
      expect(role.error.param).toBe('messages[1].role')
      const badContent = { messages: [{ role: 'user', content: 42 }] }
      const content = await expectError(
        await post(relay.url + path, badContent),
        400,
        'invalid_request',
      )
      expect(content.error.param).toBe('messages[0].content')
    })

    it(`answers 400 for ill-typed options (${path})`, async () => {
      const { error } = await expectError(
        await post(relay.url + path, chatBody({ temperature: 'hot' })),
        400,
        'invalid_request',
      )
      expect(error.param).toBe('temperature')
    })

    it(`answers 404 model_not_found for a model outside the allow-list (${path})`, async () => {
      const { error } = await expectError(
        await post(relay.url + path, chatBody({ model: 'gpt-expensive' })),
        404,
        'model_not_found',
      )
      expect(error.param).toBe('model')
    })

    it(`answers 413 for a body over 32 MiB, naming RELAY_MAX_BODY_BYTES (${path})`, async () => {
      const huge = chatBody({ messages: [{ role: 'user', content: 'x'.repeat(34_000_000) }] })
      const { error } = await expectError(
        await post(relay.url + path, huge),
        413,
        'payload_too_large',
      )
      expect(error.message).toContain('32 MiB')
      expect(error.message).toContain('RELAY_MAX_BODY_BYTES')
    })

    it(`answers 415 for a body that is not sent as JSON (${path})`, async () => {
      const response = await fetch(relay.url + path, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(chatBody()),
      })
      await expectError(response, 415, 'unsupported_media_type')
    })

    it(`answers 405 with Allow for other methods (${path})`, async () => {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const response = await fetch(relay.url + path, { method })
        await expectError(response, 405, 'method_not_allowed')
        expect(response.headers.get('allow')).toBe('POST')
      }
    })
  }

  it('accepts an allowed model and the default model', async () => {
    for (const model of ['gpt-b', 'gpt-a', undefined]) {
      const response = await post(
        `${relay.url}/api/chat`,
        chatBody(model === undefined ? {} : { model }),
      )
      expect(response.status).toBe(200)
      await response.text()
    }
  })

  it('answers 404 JSON for unknown API paths', async () => {
    await expectError(await fetch(`${relay.url}/api/nope`), 404, 'not_found')
    await expectError(
      await fetch(`${relay.url}/v1/embeddings`, { method: 'POST' }),
      404,
      'not_found',
    )
  })

  it('survives garbage bodies and raw protocol junk, and keeps serving', async () => {
    const garbage = [
      '',
      'null',
      '[]',
      '"text"',
      '123',
      '{"messages":[{}]}',
      '\u0000\u0001',
      '{'.repeat(5000),
    ]
    for (const body of garbage) {
      const response = await post(`${relay.url}/api/chat`, body)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
      await response.text()
    }
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(relay.url).port), '127.0.0.1', () => {
        socket.end('POST /api/chat HTTP/1.1\r\nContent-Length: zzz\r\n\r\n{\r\n\r\n')
      })
      socket.on('close', () => resolve())
      socket.on('error', () => resolve())
      socket.resume()
    })
    const health = await fetch(`${relay.url}/api/health`)
    expect(health.status).toBe(200)
  })
})
