import { ChatStreamError } from '@typewriter-chat/core'
import { describe, expect, it } from 'vitest'
import { describeChatError } from './error-description.js'

describe('describeChatError', () => {
  it.each([
    [new ChatStreamError('http_error', 'x', { status: 403 }), 'unauthorized'],
    [new ChatStreamError('http_error', 'x', { status: 404 }), 'invalidRequest'],
    [new ChatStreamError('http_error', 'x', { status: 502 }), 'upstreamUnavailable'],
    [new ChatStreamError('upstream_error', 'x', { type: 'rate_limit_error' }), 'rateLimited'],
    [new ChatStreamError('upstream_error', 'x'), 'unknown'],
    [new ChatStreamError('upstream_error', 'x', { type: 'upstream_error' }), 'connectionLost'],
    [
      new ChatStreamError('upstream_error', 'x', {
        status: 502,
        upstreamCode: 'upstream_incomplete',
      }),
      'connectionLost',
    ],
    [
      new ChatStreamError('upstream_error', 'x', { status: 504, upstreamCode: 'upstream_timeout' }),
      'timeout',
    ],
    [
      new ChatStreamError('upstream_error', 'x', { status: 502, upstreamCode: 'x' }),
      'upstreamUnavailable',
    ],
    [new ChatStreamError('incomplete_stream', 'x'), 'connectionLost'],
    [new ChatStreamError('network_error', 'x'), 'connectionLost'],
    [new ChatStreamError('idle_timeout', 'x'), 'timeout'],
    [new ChatStreamError('first_byte_timeout', 'x'), 'timeout'],
    [new ChatStreamError('invalid_content_type', 'x', { status: 200 }), 'unexpectedResponse'],
  ])('maps %o to %s', (error, key) => {
    expect(describeChatError(error).key).toBe(key)
  })

  it('tells a server never reached from a connection lost mid-reply', () => {
    const error = new ChatStreamError('network_error', 'Could not reach /api/chat')
    expect(describeChatError(error, { replyStarted: false }).key).toBe('unreachable')
    expect(describeChatError(error, { replyStarted: true }).key).toBe('connectionLost')
    const cut = new ChatStreamError('incomplete_stream', 'x')
    expect(describeChatError(cut, { replyStarted: false }).key).toBe('connectionLost')
  })

  it('gives the retry time in whole seconds', () => {
    const error = new ChatStreamError('http_error', 'slow down', { status: 429, retryAfter: 1.5 })
    expect(describeChatError(error)).toEqual({
      key: 'rateLimited',
      params: { status: 429, retryAfter: 2, detail: 'slow down' },
    })
  })
})
