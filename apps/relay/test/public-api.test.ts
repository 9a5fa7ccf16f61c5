import { describe, expect, it } from 'vitest'
import * as relay from '../src/index.js'

describe('public API', () => {
  it('exports exactly the documented names (additions are deliberate)', () => {
    expect(Object.keys(relay).sort()).toEqual([
      'ConfigError',
      'DEFAULT_STATIC_DIR',
      'RelayError',
      'RequestError',
      'UpstreamError',
      'createConsoleLogger',
      'createRelay',
      'loadConfig',
      'silentLogger',
      'startRelay',
    ])
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
