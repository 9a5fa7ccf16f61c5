import { request } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startMockOpenAI, type MockOpenAI } from '../src/index.js'

let mock: MockOpenAI
beforeEach(async () => {
  mock = await startMockOpenAI({ tokensPerSecond: Infinity })
})
afterEach(() => mock.close())

const chat = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-test',
  messages: [{ role: 'user', content: 'Hi' }],
  stream: true,
  ...extra,
})

function post(body: unknown = chat(), init: RequestInit = {}): Promise<Response> {
  return fetch(`${mock.url}/chat/completions`, {
    method: 'POST',
    ...init,
    headers: { authorization: `Bearer ${mock.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

/** The `data:` payloads of an SSE body, `[DONE]` kept as a string, chunks parsed. */
function events(text: string): (Record<string, unknown> | '[DONE]')[] {
  return text
    .split('\n\n')
    .filter((event) => event !== '')
    .map((event) => {
      const data = event.slice('data: '.length)
      return data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>)
    })
}

interface Choice {
  index: number
  delta: Record<string, unknown>
  finish_reason: string | null
}
const choicesOf = (event: Record<string, unknown> | '[DONE]'): Choice[] =>
  event === '[DONE]' ? [] : (event['choices'] as Choice[])
const contentOf = (text: string, index = 0): string =>
  events(text)
    .flatMap(choicesOf)
    .filter((choice) => choice.index === index)
    .map((choice) => (choice.delta['content'] as string | undefined) ?? '')
    .join('')

/** Reads a response over a plain socket: its status, headers, body, and how many reads it took. */
function readRaw(body: unknown): Promise<{ status: number; text: string; reads: number }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body)
    const req = request(`${mock.url}/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${mock.apiKey}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(payload),
      },
    })
    req.on('error', reject)
    req.on('response', (res) => {
      const parts: Buffer[] = []
      res.on('data', (part: Buffer) => parts.push(part))
      res.on('error', reject)
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(parts).toString('utf8'),
          reads: parts.length,
        }),
      )
    })
    req.end(payload)
  })
}

describe('scripted mode: what comes back', () => {
  it('chunks: one delta per chunk in OpenAI framing, role chunk first, then finish and [DONE]', async () => {
    mock.script({ chunks: ['Hel', 'lo', { content: '!', refusal: 'no' }] })
    const response = await post(chat({ stream_options: { include_usage: true } }))
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const all = events(await response.text())
    expect(all.at(-1)).toBe('[DONE]')
    const chunks = all.slice(0, -1) as Record<string, unknown>[]
    expect(chunks.map((chunk) => chunk['choices'])).toEqual([
      [
        {
          index: 0,
          delta: { role: 'assistant', content: '', refusal: null },
          logprobs: null,
          finish_reason: null,
        },
      ],
      [{ index: 0, delta: { content: 'Hel' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: 'lo' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: '!', refusal: 'no' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
      [],
    ])
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ object: 'chat.completion.chunk', model: 'gpt-test' })
    }
    expect(chunks.slice(0, -1).every((chunk) => chunk['usage'] === null)).toBe(true)
    expect(chunks.at(-1)?.['usage']).toMatchObject({ completion_tokens: 3, total_tokens: 11 })
  })

  it('chunks for several choices stream interleaved by index, each with its own role and finish', async () => {
    mock.script({
      chunks: [
        { index: 0, content: 'A' },
        { index: 1, content: 'B' },
        { index: 1, content: 'b', finish_reason: 'length' },
        { index: 0, content: 'a' },
      ],
    })
    const text = await (await post(chat({ n: 2 }))).text()
    expect(contentOf(text, 0)).toBe('Aa')
    expect(contentOf(text, 1)).toBe('Bb')
    const finishes = events(text)
      .flatMap(choicesOf)
      .filter((choice) => choice.finish_reason !== null)
    expect(finishes.map((choice) => [choice.index, choice.finish_reason])).toEqual([
      [1, 'length'],
      [0, 'stop'],
    ])
    const roles = events(text)
      .flatMap(choicesOf)
      .filter((choice) => choice.delta['role'] === 'assistant')
    expect(roles.map((choice) => choice.index)).toEqual([0, 1])
  })

  it('chunks carry reasoning and tool calls, and a non-streamed request gets them joined', async () => {
    mock.script({
      chunks: [
        { reasoning_content: 'Think.' },
        { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get' } }] },
        { tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] },
        { tool_calls: [{ index: 0, function: { arguments: '1}' } }] },
      ],
      finishReason: 'tool_calls',
    })
    const completion = (await (await post(chat({ stream: false }))).json()) as {
      object: string
      choices: { message: Record<string, unknown>; finish_reason: string }[]
    }
    expect(completion.object).toBe('chat.completion')
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls')
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: null,
      reasoning_content: 'Think.',
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a":1}' } },
      ],
    })
  })

  it('finishReason: the finish sent for unfinished choices, or none with null', async () => {
    mock.scriptOnce({ chunks: ['cut'], finishReason: 'length' })
    mock.scriptOnce({ chunks: ['open'], finishReason: null })
    const cut = events(await (await post()).text()).flatMap(choicesOf)
    expect(cut.at(-1)?.finish_reason).toBe('length')
    const open = events(await (await post()).text())
    expect(open.at(-1)).toBe('[DONE]')
    expect(open.flatMap(choicesOf).every((choice) => choice.finish_reason === null)).toBe(true)
  })

  it('usage: replaces the counted usage in the usage chunk', async () => {
    const usage = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 }
    mock.script({ chunks: ['a', 'b'], usage })
    const all = events(await (await post(chat({ stream_options: { include_usage: true } }))).text())
    expect((all.at(-2) as Record<string, unknown>)['usage']).toEqual(usage)
    const completion = (await (await post(chat({ stream: false }))).json()) as { usage: unknown }
    expect(completion.usage).toEqual(usage)
  })

  it('done: false ends the stream without [DONE]', async () => {
    mock.script({ chunks: ['x'], done: false })
    const all = events(await (await post()).text())
    expect(all).not.toContain('[DONE]')
    expect(choicesOf(all.at(-1) ?? '[DONE]')[0]?.finish_reason).toBe('stop')
  })

  it('status and error: an OpenAI error body with that status, defaults as OpenAI words them', async () => {
    mock.scriptOnce({ status: 429 })
    mock.scriptOnce({ status: 400, error: { message: 'bad', code: 'invalid_value', param: 'n' } })
    const limited = await post()
    expect(limited.status).toBe(429)
    // A plan sends exactly the headers it names: no Retry-After unless asked (the /error directive's is its own).
    expect(limited.headers.get('retry-after')).toBeNull()
    expect(await limited.json()).toEqual({
      error: {
        message: expect.stringMatching(/Rate limit/) as unknown,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    })
    const bad = await post()
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({
      error: { message: 'bad', type: 'invalid_request_error', param: 'n', code: 'invalid_value' },
    })
  })

  it('headers: sent with any kind of answer', async () => {
    mock.scriptOnce({ status: 429, headers: { 'retry-after': '7' } })
    mock.scriptOnce({ chunks: ['x'], headers: { 'x-extra': 'yes' } })
    expect((await post()).headers.get('retry-after')).toBe('7')
    expect((await post()).headers.get('x-extra')).toBe('yes')
  })

  it('raw: the body verbatim, strings and bytes, with the content-type asked for', async () => {
    mock.script({
      raw: ['data: {"broken"\n\n', new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac])],
      contentType: 'text/plain',
    })
    const response = await post()
    expect(response.headers.get('content-type')).toBe('text/plain')
    expect(await response.text()).toBe('data: {"broken"\n\n€')
    expect((await mock.nextRequest()).chunksWritten).toBe(3)
  })

  it('raw with status: that body verbatim with that status, not an OpenAI error body', async () => {
    mock.script({
      status: 502,
      raw: ['<html><title>502 Bad Gateway</title></html>'],
      contentType: 'text/html',
    })
    const response = await post()
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toBe('text/html')
    expect(await response.text()).toBe('<html><title>502 Bad Gateway</title></html>')
  })

  it('id: the id every chunk carries, and the x-request-id made from it', async () => {
    mock.script({ id: 'chatcmpl-fixed', chunks: ['a', 'b'] })
    const response = await post()
    expect(response.headers.get('x-request-id')).toBe('req_fixed')
    const ids = events(await response.text()).map((event) => event !== '[DONE]' && event['id'])
    expect(ids).toEqual([
      'chatcmpl-fixed',
      'chatcmpl-fixed',
      'chatcmpl-fixed',
      'chatcmpl-fixed',
      false,
    ])
  })

  it('json: a 200 with that JSON value, even to a streamed request', async () => {
    mock.script({ json: { object: 'chat.completion', choices: [] } })
    const response = await post()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toEqual({ object: 'chat.completion', choices: [] })
  })

  it('a script function sees the request; undefined lets the mock model answer', async () => {
    mock.script((req) =>
      req.body?.['model'] === 'scripted' ? { chunks: ['scripted'] } : undefined,
    )
    expect(contentOf(await (await post(chat({ model: 'scripted' }))).text())).toBe('scripted')
    const model = contentOf(await (await post()).text())
    expect(model.length).toBeGreaterThan(20)
    mock.script(undefined)
    expect(contentOf(await (await post()).text())).toBe(model)
  })

  it('scriptOnce queues plans for the next chat requests only, in order', async () => {
    mock.script({ chunks: ['default'] })
    mock.scriptOnce({ chunks: ['first'] })
    mock.scriptOnce(() => ({ chunks: ['second'] }))
    await fetch(`${mock.url}/models`, { headers: { authorization: 'Bearer x' } })
    const texts = []
    for (let i = 0; i < 3; i++) texts.push(contentOf(await (await post()).text()))
    expect(texts).toEqual(['first', 'second', 'default'])
  })
})

describe('scripted mode: how it is delivered', () => {
  it('writeSize: 1 writes byte by byte, splitting UTF-8 sequences, and the text arrives whole', async () => {
    mock.script({ chunks: ['你好', ' 👋🏽'], writeSize: 1, delayMs: 1 })
    const { text, reads } = await readRaw(chat())
    expect(contentOf(text)).toBe('你好 👋🏽')
    expect(reads).toBeGreaterThan(20)
    expect((await mock.nextRequest()).chunksWritten).toBe(5)
  })

  it('delayMs paces the chunks', async () => {
    mock.script({ chunks: ['a', 'b', 'c', 'd'], delayMs: 60 })
    const started = performance.now()
    const response = await post()
    const arrivals: number[] = []
    for await (const _ of response.body ?? []) arrivals.push(performance.now() - started)
    expect(arrivals.at(-1)).toBeGreaterThanOrEqual(4 * 60 - 10)
  })

  it('headersDelayMs holds the headers back; firstChunkDelayMs holds the body after them', async () => {
    mock.scriptOnce({ chunks: ['x'], headersDelayMs: 150 })
    let started = performance.now()
    await post()
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)

    mock.scriptOnce({ chunks: ['x'], firstChunkDelayMs: 200 })
    started = performance.now()
    const response = await post()
    const headersAt = performance.now() - started
    await response.text()
    expect(headersAt).toBeLessThan(150)
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
  })
})

describe('scripted mode: beforeChunk holds a chunk back until the test is ready', () => {
  /** Gates by index: `open(i)` lets chunk `i` go; `reached(i)` resolves once the mock waits there. */
  function gates() {
    const deferred = () => {
      let resolve!: () => void
      const promise = new Promise<void>((r) => (resolve = r))
      return { promise, resolve }
    }
    const all = new Map<
      number,
      { reached: ReturnType<typeof deferred>; open: ReturnType<typeof deferred> }
    >()
    const at = (i: number) =>
      all.get(i) ?? all.set(i, { reached: deferred(), open: deferred() }).get(i)!
    return {
      beforeChunk: (i: number) => {
        at(i).reached.resolve()
        return at(i).open.promise
      },
      reached: (i: number) => at(i).reached.promise,
      open: (i: number) => at(i).open.resolve(),
    }
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

  it('each chunk and the ending wait for their gate, however long it stays closed', async () => {
    const gate = gates()
    mock.script({ chunks: ['a', 'b'], beforeChunk: gate.beforeChunk })
    const response = await post()
    const record = mock.requests.at(-1)!
    await gate.reached(0)
    await sleep(50)
    expect(record.chunksWritten).toBe(1) // the role chunk only
    gate.open(0)
    await gate.reached(1)
    expect(record.chunksWritten).toBe(2)
    gate.open(1)
    await gate.reached(2)
    await sleep(50)
    expect(record.chunksWritten).toBe(3) // no finish, no [DONE] yet
    gate.open(2)
    const text = await response.text()
    expect(contentOf(text)).toBe('ab')
    expect(events(text).at(-1)).toBe('[DONE]')
    expect(record.chunksWritten).toBe(5)
  })

  it('a plain function may return nothing: the chunk goes at once; indexes count the chunks', async () => {
    const seen: number[] = []
    mock.script({ chunks: ['a', 'b', 'c'], beforeChunk: (i) => void seen.push(i) })
    expect(contentOf(await (await post()).text())).toBe('abc')
    expect(seen).toEqual([0, 1, 2, 3])
  })

  it('pacing resumes when the gate opens: delayMs counts from then, no burst of overdue chunks', async () => {
    let open!: () => void
    mock.script({
      chunks: ['a', 'b', 'c'],
      delayMs: 60,
      beforeChunk: (i) => (i === 1 ? new Promise<void>((r) => (open = r)) : undefined),
    })
    const response = await post()
    const reader = response.body!.getReader()
    await sleep(300)
    const openedAt = performance.now()
    open()
    while (!(await reader.read()).done);
    // 'b' at once, 'c' and the ending 60 ms apart after it, not all three at once.
    expect(performance.now() - openedAt).toBeGreaterThanOrEqual(2 * 60 - 10)
  })

  it('works with raw pieces and byte-sized writes; a rejected gate hangs up', async () => {
    mock.scriptOnce({ raw: ['one ', 'two'], writeSize: 2, beforeChunk: () => undefined })
    expect(await (await post()).text()).toBe('one two')
    mock.scriptOnce({
      chunks: ['a', 'b'],
      beforeChunk: (i) => (i === 1 ? Promise.reject(new Error('test gave up')) : undefined),
    })
    const { text } = await readRaw(chat()).catch((error: unknown) => ({ text: String(error) }))
    expect(text).not.toContain('[DONE]')
    const record = mock.requests.at(-1)!
    await record.closed
    expect(record.abortedByClient).toBe(false)
  })
})

describe('scripted mode: misbehaviour', () => {
  it('dropAfter destroys the connection after N chunks; the record says the mock hung up', async () => {
    mock.script({ chunks: ['one', ' two', ' three'], dropAfter: 2 })
    const { text } = await readRaw(chat()).catch((error: unknown) => ({ text: String(error) }))
    const record = await mock.nextRequest()
    await record.closed
    expect(record.abortedByClient).toBe(false)
    expect(text).not.toContain('three')
    const response = await post()
    const reader = response.body?.getReader()
    let received = ''
    const decoder = new TextDecoder()
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = (await reader?.read()) ?? { done: true, value: undefined }
          if (done) return
          received += decoder.decode(value, { stream: true })
        }
      })(),
    ).rejects.toThrow()
    expect(contentOf(received)).toBe('one two')
    expect(received).not.toContain('[DONE]')
  })

  it('endAfter ends cleanly after N chunks: no finish, no usage, no [DONE]', async () => {
    mock.script({ chunks: ['partial', 'never'], endAfter: 1 })
    const text = await (await post(chat({ stream_options: { include_usage: true } }))).text()
    expect(contentOf(text)).toBe('partial')
    expect(text).not.toContain('[DONE]')
    expect(
      events(text)
        .flatMap(choicesOf)
        .every((choice) => choice.finish_reason === null),
    ).toBe(true)
  })

  it('errorAfter sends one in-band error event after N chunks, then ends', async () => {
    const error = { message: 'boom', type: 'server_error', code: 'server_error', param: null }
    mock.script({ chunks: ['a', 'b'], errorAfter: { chunks: 1, error } })
    const all = events(await (await post()).text())
    expect(all.at(-1)).toEqual({ error })
    expect(all).not.toContain('[DONE]')
  })

  it("extra fields of an in-band error go out after OpenAI's four; a plan's status stays the HTTP one", async () => {
    const error = { message: 'Upstream overloaded', type: 'server_error', status: 503 }
    mock.scriptOnce({ chunks: ['a'], errorAfter: { chunks: 1, error } })
    mock.scriptOnce({ status: 429, error })
    const all = events(await (await post()).text())
    expect(JSON.stringify(all.at(-1))).toBe(
      '{"error":{"message":"Upstream overloaded","type":"server_error","param":null,"code":null,"status":503}}',
    )
    const limited = await post()
    expect(limited.status).toBe(429)
    expect(await limited.json()).toEqual({
      error: {
        message: 'Upstream overloaded',
        type: 'server_error',
        param: null,
        code: 'rate_limit_exceeded',
      },
    })
  })

  it('hang: true accepts the request and never answers; the record sees the client leave', async () => {
    mock.script({ hang: true })
    const controller = new AbortController()
    const pending = post(chat(), { signal: controller.signal })
    const record = await mock.nextRequest()
    const raced = await Promise.race([
      pending,
      new Promise((r) => setTimeout(() => r('no answer'), 200)),
    ])
    expect(raced).toBe('no answer')
    controller.abort()
    await expect(pending).rejects.toThrow()
    expect(await record.closed).toBe(record.closedAt)
    expect(record.abortedByClient).toBe(true)
  })

  it("hang: 'headers' sends the stream's headers, then nothing", async () => {
    mock.script({ hang: 'headers' })
    const controller = new AbortController()
    const response = await post(chat(), { signal: controller.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const read = response.body?.getReader().read()
    const raced = await Promise.race([
      read,
      new Promise((r) => setTimeout(() => r('silence'), 200)),
    ])
    expect(raced).toBe('silence')
    controller.abort()
  })
})

describe('the record of requests', () => {
  it('records every request, preflights and model lists included, with body and times', async () => {
    const clockMock = await startMockOpenAI({ clock: () => 42, script: { chunks: ['x'] } })
    try {
      await fetch(`${clockMock.url}/models`, { method: 'OPTIONS' })
      await fetch(`${clockMock.url}/models`, { headers: { authorization: 'Bearer x' } })
      await fetch(`${clockMock.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: JSON.stringify(chat()),
      }).then((response) => response.text())
      const chatRequest = await clockMock.nextRequest(2)
      expect(clockMock.requests.map((r) => [r.method, r.path])).toEqual([
        ['OPTIONS', '/v1/models'],
        ['GET', '/v1/models'],
        ['POST', '/v1/chat/completions'],
      ])
      expect(chatRequest.body).toEqual(chat())
      expect(chatRequest.headers['content-type']).toBe('application/json')
      expect(chatRequest.receivedAt).toBe(42)
      expect(await chatRequest.closed).toBe(42)
      expect(chatRequest.abortedByClient).toBe(false)
      expect(chatRequest.chunksWritten).toBe(4)
    } finally {
      await clockMock.close()
    }
  })

  it('close() hangs up open responses and clears their timers', async () => {
    mock.script({ chunks: ['a'], firstChunkDelayMs: 60_000 })
    const pending = post().then((response) => response.text())
    const record = await mock.nextRequest()
    await mock.close()
    await expect(pending).rejects.toThrow()
    expect(record.closedAt).toBeDefined()
    mock = await startMockOpenAI()
  })
})

describe('CORS', () => {
  it('answers preflights with 204 and marks every answer readable from any origin', async () => {
    const preflight = await fetch(`${mock.url}/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST')
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type',
    )
    mock.scriptOnce({ status: 429 })
    for (const response of [await post(), await fetch(`${mock.url}/models`)]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-expose-headers')).toBe(
        'retry-after, retry-after-ms, x-request-id',
      )
    }
  })
})
