import { SSEDecoder } from '@typewriter-chat/core'
import type { StreamRecord, StreamSink } from './stream-record.js'

const LF = 10
const CR = 13

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`
  }
  return String(error)
}

function requestLine(input: RequestInfo | URL, init: RequestInit | undefined) {
  if (input instanceof Request) return { method: input.method, url: input.url }
  return { method: init?.method ?? 'GET', url: String(input) }
}

/**
 * A `fetch` that shows the raw stream of every response to `sink` while handing the body to the
 * caller unchanged: the same chunks, each passed on the moment it is read, before the copy is
 * decoded with the core's `SSEDecoder` (comments such as `: ping` included).
 *
 * Why not `body.tee()`: a teed source is only cancelled once both branches are, so the caller's
 * Stop would leave the request open (and the upstream generating) for as long as the inspector
 * reads; and a branch read slower than the other buffers in memory. Here the caller's reads drive
 * the only reader (pull on demand, no read-ahead) and its cancel goes straight to the network.
 */
export function createInspectingFetch(sink: StreamSink, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const started = performance.now()
    const elapsed = (): number => Math.round(performance.now() - started)
    sink({ kind: 'request', at: 0, ...requestLine(input, init) })

    let response: Response
    try {
      response = await base(input, init)
    } catch (error) {
      sink({ kind: 'end', at: elapsed(), reason: 'error', detail: describe(error) })
      throw error
    }
    const contentType = response.headers.get('content-type') ?? ''
    sink({
      kind: 'response',
      at: elapsed(),
      status: response.status,
      statusText: response.statusText,
      contentType,
    })
    const source = response.body
    if (source === null) {
      sink({ kind: 'end', at: elapsed(), reason: 'complete' })
      return response
    }

    const observe = observer(contentType, elapsed, sink)
    const reader = source.getReader()
    let ended = false
    const end = (reason: StreamRecord & { kind: 'end' }): void => {
      if (ended) return
      ended = true
      sink(reason)
    }
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          let result: ReadableStreamReadResult<Uint8Array>
          try {
            result = await reader.read()
          } catch (error) {
            observe.flush()
            // The chat aborts its request on Stop (and after a timeout): a stop, not a failure.
            const aborted = error instanceof Error && error.name === 'AbortError'
            end({
              kind: 'end',
              at: elapsed(),
              reason: aborted ? 'cancelled' : 'error',
              detail: describe(error),
            })
            controller.error(error)
            return
          }
          if (result.done) {
            const leftOver = observe.flush()
            end({
              kind: 'end',
              at: elapsed(),
              reason: 'complete',
              ...(leftOver === undefined ? {} : { detail: leftOver }),
            })
            controller.close()
            return
          }
          controller.enqueue(result.value)
          observe.chunk(result.value)
        },
        cancel(reason) {
          observe.flush()
          end({ kind: 'end', at: elapsed(), reason: 'cancelled' })
          return reader.cancel(reason)
        },
      },
      { highWaterMark: 0 },
    )
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}

interface Observer {
  chunk(bytes: Uint8Array): void
  /**
   * Reports what a body that ends now leaves over: a non-stream body's text, or a note when the
   * stream stopped in the middle of an event (which the SSE rules then discard).
   */
  flush(): string | undefined
}

function observer(contentType: string, elapsed: () => number, sink: StreamSink): Observer {
  if (!/^\s*text\/event-stream\b/i.test(contentType)) {
    const text = new TextDecoder()
    let body = ''
    let flushed = false
    return {
      chunk: (bytes) => void (body += text.decode(bytes, { stream: true })),
      flush() {
        if (flushed) return undefined
        flushed = true
        body += text.decode()
        if (body !== '') sink({ kind: 'body', at: elapsed(), text: body })
        return undefined
      },
    }
  }
  const decoder = new SSEDecoder({
    onComment: (comment) => sink({ kind: 'comment', at: elapsed(), text: comment }),
  })
  const dispatch = (piece: Uint8Array): void => {
    for (const event of decoder.feed(piece)) {
      sink({
        kind: 'event',
        at: elapsed(),
        id: event.id,
        event: event.event,
        data: event.data,
        ...(event.retry === undefined ? {} : { retry: event.retry }),
      })
    }
  }
  return {
    // Comments are reported while a chunk is decoded, events when it is done; fed one line at a
    // time, the two arrive in wire order.
    chunk(bytes) {
      let start = 0
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== LF && bytes[i] !== CR) continue
        dispatch(bytes.subarray(start, i + 1))
        start = i + 1
      }
      if (start < bytes.length) dispatch(bytes.subarray(start))
    },
    flush: () =>
      decoder.end() ? 'the stream ended inside an event, which was discarded' : undefined,
  }
}
