import { once } from 'node:events'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { NodeResponse, createNodeFetch } from './node-fetch.js'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  server?.close()
  server = undefined
})

async function serve(status: number, body: string): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_1' })
    res.end(body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

describe('createNodeFetch', () => {
  it('answers with the status, the headers and the Node message', async () => {
    const url = await serve(200, '{"ok":true}')
    const response = await createNodeFetch()(url, { method: 'POST', body: '{}' })
    expect(response).toBeInstanceOf(NodeResponse)
    expect(response.ok).toBe(true)
    expect(response.headers.get('x-request-id')).toBe('req_1')
    let text = ''
    for await (const bytes of (response as NodeResponse).message) text += String(bytes)
    expect(text).toBe('{"ok":true}')
  })

  it('reads the body on demand through text(), json() and body', async () => {
    const url = await serve(429, '{"error":{"message":"slow down"}}')
    const fetch = createNodeFetch()
    const first = await fetch(url)
    expect(first.bodyUsed).toBe(false)
    expect(await first.text()).toBe('{"error":{"message":"slow down"}}')
    expect(first.bodyUsed).toBe(true)
    expect(await (await fetch(url)).json()).toEqual({ error: { message: 'slow down' } })
    const reader = (await fetch(url)).body?.getReader()
    let text = ''
    for (let read = await reader?.read(); read?.done === false; read = await reader?.read()) {
      text += Buffer.from(read.value).toString()
    }
    expect(text).toBe('{"error":{"message":"slow down"}}')
  })

  it('gives a clone its own copy of the body', async () => {
    const url = await serve(200, 'hello')
    const response = await createNodeFetch()(url)
    const copy = response.clone()
    expect(await copy.text()).toBe('hello')
    expect(await response.text()).toBe('hello')
  })
})
