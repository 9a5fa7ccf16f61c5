import { useRelayOnMock, type RelayOnMock } from '../relay-on-mock.js'

/** The relay as an adopter runs it for OpenAI clients: `n` up to 2, in front of an unpaced mock. */
export interface ClientsRelay {
  /** Starts a relay for this test; resolves with its `/v1` base URL. */
  baseURL(): Promise<string>
  /** The paths the upstream was asked for since the test started, in order. */
  upstreamPaths(): string[]
  readonly mock: RelayOnMock
}

/** Call at the top of a client test file. */
export function useClientsRelay(): ClientsRelay {
  const relay = useRelayOnMock({ tokensPerSecond: Infinity })
  let seen = 0
  return {
    mock: relay,
    async baseURL() {
      seen = relay.upstream.requests.length
      return `${await relay.start({ limits: { maxN: 2 } })}/v1`
    },
    upstreamPaths: () => relay.upstream.requests.slice(seen).map((request) => request.path),
  }
}

/** What a client asks the mock for the weather, and the result the app's tool returns. */
export const WEATHER_QUESTION = "What's the weather in Lisbon?"
export const WEATHER_RESULT = { city: 'Lisbon', temperature: 21, sky: 'clear' }
