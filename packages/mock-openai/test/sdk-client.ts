import OpenAI from 'openai'
import { afterAll, beforeAll } from 'vitest'
import { startMockOpenAI, type MockOpenAI } from '../src/index.js'

/** The mock of one test file and the SDK client pointed at it. */
export interface MockServer {
  client(): OpenAI
  mock(): MockOpenAI
}

/**
 * An unpaced mock for the whole test file and the official SDK pointed at it, as an application
 * would use it. Call at the top level of a test file.
 */
export function useMockServer(): MockServer {
  let mock: MockOpenAI | undefined
  let client: OpenAI | undefined
  beforeAll(async () => {
    mock = await startMockOpenAI({ tokensPerSecond: Infinity })
    client = new OpenAI({ apiKey: mock.apiKey, baseURL: mock.url, maxRetries: 0 })
  })
  afterAll(() => mock?.close())
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useMockServer(): the mock has not started yet.')
    return value
  }
  return { client: () => started(client), mock: () => started(mock) }
}

/** {@link useMockServer} when a test needs only the client. */
export const useMockClient = (): (() => OpenAI) => useMockServer().client
