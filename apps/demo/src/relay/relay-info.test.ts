import { describe, expect, it } from 'vitest'
import { fetchRelayInfo, parseModelList } from './relay-info.js'

describe('relay info', () => {
  it('lists model ids sorted, without duplicates or malformed entries', () => {
    expect(
      parseModelList({
        object: 'list',
        data: [{ id: 'mock-reasoner' }, { id: 'mock-chat' }, { id: 3 }, null, { id: 'mock-chat' }],
      }),
    ).toEqual(['mock-chat', 'mock-reasoner'])
    expect(parseModelList({ error: 'nope' })).toEqual([])
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
