import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMockOpenAI, type MockOpenAI } from '../src/index.js'

let mock: MockOpenAI
beforeEach(async () => {
  mock = await startMockOpenAI()
})
afterEach(() => mock.close())

const listModels = (init: RequestInit = {}) =>
  fetch(`${mock.url}/models`, { ...init, headers: { authorization: `Bearer ${mock.apiKey}` } })

describe('scriptModels', () => {
  it('answers GET /v1/models with a scripted status and error', async () => {
    mock.scriptModels({ status: 503, error: { message: 'Down for a moment' } })
    const response = await listModels()
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ error: { message: 'Down for a moment' } })
  })

  it('sends its own list with the plan’s headers and delay when the plan names no answer', async () => {
    mock.scriptModels({ headers: { 'x-scripted': 'yes' }, headersDelayMs: 50 })
    const started = performance.now()
    const response = await listModels()
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
    expect(response.headers.get('x-scripted')).toBe('yes')
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'mock-chat' }, {}] })
  })

  it('hangs until the client leaves, and records the hang-up', async () => {
    mock.scriptModels({ hang: true })
    const leave = new AbortController()
    const pending = listModels({ signal: leave.signal })
    const request = await mock.nextRequest(0)
    leave.abort()
    await expect(pending).rejects.toThrow()
    await request.closed
    expect(request.abortedByClient).toBe(true)
  })

  it('leaves chat requests and model lookups alone, and undefined restores the list', async () => {
    mock.scriptModels({ status: 500 })
    const one = await fetch(`${mock.url}/models/mock-chat`, {
      headers: { authorization: `Bearer ${mock.apiKey}` },
    })
    expect(one.status).toBe(200)
    mock.scriptModels(undefined)
    expect((await listModels()).status).toBe(200)
  })
})
