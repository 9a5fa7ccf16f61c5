import { describe, expect, it } from 'vitest'
import { fetchRelayInfo, parseModelList } from './relay-info.js'

describe('relay info', () => {
  it('lists model ids sorted, without duplicates or malformed entries', () => {
    expect(
      parseModelList({
        object: 'list',
        data: [{ id: 'gpt-b' }, { id: 'gpt-a' }, { id: 3 }, null, { id: 'gpt-a' }],
      }).ids,
    ).toEqual(['gpt-a', 'gpt-b'])
    expect(parseModelList({ error: 'nope' })).toEqual({ ids: [], upstream: undefined })
  })

  it('recognises the mock model by who owns every listed model', () => {
    const mock = { id: 'mock-chat', owned_by: 'typewriter-chat' }
    expect(parseModelList({ data: [mock] }).upstream).toBe('mock')
    expect(parseModelList({ data: [mock, { id: 'gpt-4o', owned_by: 'openai' }] }).upstream).toBe(
      'openai',
    )
  })

  it('tells the mock model from a token-less health answer and the model list', async () => {
    const doFetch: typeof fetch = async (input) =>
      String(input) === '/api/health'
        ? Response.json({ status: 'ok' })
        : Response.json({ data: [{ id: 'mock-chat', owned_by: 'typewriter-chat' }] })
    const { info } = await fetchRelayInfo(doFetch)
    expect(info).toEqual({ upstream: 'mock', defaultModel: undefined, models: ['mock-chat'] })
  })

  it('keeps the health facts when the model list fails', async () => {
    const doFetch: typeof fetch = async (input) =>
      String(input) === '/api/health'
        ? Response.json({ status: 'ok', upstream: 'mock', defaultModel: 'mock-chat' })
        : Response.json({ error: { message: 'no' } }, { status: 502 })
    const { info, error } = await fetchRelayInfo(doFetch)
    expect(info).toEqual({ upstream: 'mock', defaultModel: 'mock-chat', models: [] })
    expect(error).toContain('502')
  })
})
