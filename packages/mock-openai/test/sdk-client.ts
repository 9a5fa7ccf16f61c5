import OpenAI from 'openai'
import { afterAll, beforeAll } from 'vitest'
import { startMockOpenAI, type MockOpenAI } from '../src/index.js'

/**
 * An unpaced mock for the whole test file and the official SDK pointed at it, as an application
 * would use it. Call at the top level of a test file; the returned function gives the client.
 */
export function useMockClient(): () => OpenAI {
  let mock: MockOpenAI | undefined
  let client: OpenAI | undefined
  beforeAll(async () => {
    mock = await startMockOpenAI({ tokensPerSecond: Infinity })
    client = new OpenAI({ apiKey: mock.apiKey, baseURL: mock.url, maxRetries: 0 })
  })
  afterAll(() => mock?.close())
  return () => {
    if (client === undefined) throw new Error('useMockClient(): the mock has not started yet.')
    return client
  }
}
