import { encodeSSE, encodeSSEComment } from '@typewriter-chat/core'
import type { Socket } from 'node:net'
import type { Response } from 'express'
import type { Heartbeat, HeartbeatStream } from './heartbeat.js'

/**
 * Headers that keep every proxy on the way from buffering, transforming or compressing the stream.
 * No `Connection` header: Node answers a keep-alive client with `keep-alive` itself, and forcing it
 * would hold open the connection of a client that asked for `close` (and HTTP/2 forbids the header).
 */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // `no-transform` also stops compression proxies (and Cloudflare, Caddy, Traefik) from buffering.
  'Cache-Control': 'no-cache, no-transform',
  // nginx reads this and switches off proxy buffering for this response only.
  'X-Accel-Buffering': 'no',
}

const PING = encodeSSEComment('ping')

/** How a wait for the client to take the bytes written so far ended. */
export type DrainOutcome = 'drained' | 'closed' | 'stalled'

/**
 * Bytes the kernel took from `socket` so far: all that was written to it (`bytesWritten`) less
 * what it has not taken yet (`writableLength`: buffered, or in a write still in progress). It grows
 * a whole write at a time, when the client made room for it; a keep-alive ping grows both terms,
 * so it never passes for progress.
 */
const bytesTaken = (socket: Socket): number => socket.bytesWritten - socket.writableLength

/**
 * Resolves when the response drained, closed, or its socket took no byte for `stallMs`: the client
 * stopped reading, and holding its stream (and the upstream call behind it) open would last as long
 * as the client likes.
 */
function drainOrStall(res: Response, stallMs: number): Promise<DrainOutcome> {
  return new Promise((resolve) => {
    const socket = res.socket
    let taken = socket === null ? 0 : bytesTaken(socket)
    const settle = (outcome: DrainOutcome): void => {
      clearTimeout(timer)
      res.off('drain', drained)
      res.off('close', closed)
      resolve(outcome)
    }
    const drained = (): void => settle('drained')
    const closed = (): void => settle('closed')
    // A slow client still makes progress: only a whole period without a byte taken is a stall.
    const timer = setTimeout(() => {
      const now = socket === null ? taken : bytesTaken(socket)
      if (now === taken) return settle('stalled')
      taken = now
      timer.refresh()
    }, stallMs)
    res.on('drain', drained)
    res.on('close', closed)
  })
}

/**
 * Writes one SSE response: headers flushed at once, numbered `id:` lines, a `: ping` comment after
 * a heartbeat interval of silence (so proxies with 30-60 s read timeouts keep a slow model's stream
 * open), and back-pressure: {@link send} says when the socket is full, and {@link drained} waits
 * until it took the bytes, so a slow client slows the upstream read instead of growing the relay's
 * memory, and a client that took nothing for `stallMs` is reported as stalled.
 */
export class SSEWriter implements HeartbeatStream {
  wrote = false
  silentTicks = 0
  readonly #res: Response
  readonly #heartbeat: Heartbeat
  readonly #stallMs: number
  #sequence = 0
  /** The wait for the client in progress: every caller shares it (one listener per event). */
  #drain: Promise<DrainOutcome> | undefined

  constructor(res: Response, heartbeat: Heartbeat, stallMs: number) {
    this.#res = res
    this.#heartbeat = heartbeat
    this.#stallMs = stallMs
  }

  /** True once the client is gone or the stream was ended. */
  get closed(): boolean {
    return this.#res.destroyed || this.#res.writableEnded
  }

  /** Sends the status and headers now, before any data, so the client sees the stream start. */
  open(): void {
    this.#res.statusCode = 200
    for (const [name, value] of Object.entries(SSE_HEADERS)) this.#res.setHeader(name, value)
    this.#res.flushHeaders()
    this.#heartbeat.add(this)
  }

  /**
   * Sends one `data:` event with `id` (by default the next sequence number) as its `id:`, and
   * `event` as its type when given (the Responses API names each event). Returns false when the
   * socket's buffer is full: wait for {@link drained} before sending more.
   */
  send(data: string, id: number = this.#sequence + 1, event?: string): boolean {
    if (this.closed) return true
    this.#sequence = id
    this.wrote = true
    return this.#res.write(
      encodeSSE({ id: String(id), data, ...(event !== undefined && { event }) }),
    )
  }

  /**
   * Resolves once the socket took the bytes written so far, the client went away, or the client
   * took nothing for the stall period.
   */
  drained(): Promise<DrainOutcome> {
    if (this.closed) return Promise.resolve('closed')
    this.#drain ??= drainOrStall(this.#res, this.#stallMs).finally(() => {
      this.#drain = undefined
    })
    return this.#drain
  }

  /** Drops the connection: for a client that cannot take even the end of the response. */
  destroy(): void {
    this.#heartbeat.delete(this)
    this.#res.destroy()
  }

  /** Ends the response (without a `[DONE]`, which is just another {@link send}). */
  end(): void {
    this.#heartbeat.delete(this)
    if (!this.closed) this.#res.end()
  }

  ping(): void {
    if (!this.closed) this.#res.write(PING)
  }
}
