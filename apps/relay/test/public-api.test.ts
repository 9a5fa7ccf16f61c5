import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { listExports, valueNames } from '../../../test-utils/export-names.js'
import * as relay from '../src/index.js'

const entry = fileURLToPath(new URL('../dist/index.d.ts', import.meta.url))

describe('public API', () => {
  // What the built entry point exports, types included: additions are deliberate, visible diffs.
  // Run after `pnpm --filter @typewriter-chat/relay build`.
  it('exports exactly the documented names', () => {
    expect(listExports(entry)).toMatchInlineSnapshot(`
      {
        "ConfigError": "value",
        "DEFAULT_STATIC_DIR": "value",
        "EnvConfig": "type",
        "RelayConfig": "type",
        "RelayError": "value",
        "RelayErrorBody": "type",
        "RelayErrorCode": "type",
        "RelayErrorOptions": "type",
        "RelayLogger": "type",
        "RequestError": "value",
        "RunningRelay": "type",
        "StartupError": "value",
        "UpstreamConfig": "type",
        "UpstreamError": "value",
        "createConsoleLogger": "value",
        "createRelay": "value",
        "loadConfig": "value",
        "silentLogger": "value",
        "startRelay": "value",
      }
    `)
  })

  it('exports at runtime exactly the values its declarations name', () => {
    expect(Object.keys(relay).sort()).toEqual(valueNames(listExports(entry)))
  })

  it('recognises relay errors across copies by their marker', () => {
    const error = new relay.UpstreamError('upstream_timeout', 'slow', { status: 504 })
    expect(relay.RelayError.isInstance(error)).toBe(true)
    expect(relay.RelayError.isInstance(new Error('x'))).toBe(false)
    expect(error.toJSON()).toEqual({
      error: { message: 'slow', type: 'server_error', code: 'upstream_timeout', param: null },
    })
  })
})
