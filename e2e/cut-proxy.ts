/**
 * A TCP proxy on 127.0.0.1 in front of one server, which can cut every connection open through it
 * at once, as a network that drops under a browser does, and lets new connections through after.
 * The browser talks to the proxy; the server sees each cut as its client hanging up.
 */
import { createConnection, createServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'

export interface CutProxy {
  /** e.g. `http://127.0.0.1:PORT`: the server's site, through the proxy. */
  url: string
  /** Destroys every connection open now, both sides; returns how many there were. */
  cutAll(): number
  close(): Promise<void>
}

/** Starts a proxy to the server at `target` (an `http://host:port` URL). */
export async function startCutProxy(target: string): Promise<CutProxy> {
  const { hostname, port } = new URL(target)
  const open = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = createConnection({ host: hostname, port: Number(port) })
    open.add(client)
    const end = (): void => {
      open.delete(client)
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cutAll() {
      const cut = [...open]
      for (const client of cut) client.destroy()
      return cut.length
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve))
      for (const client of open) client.destroy()
      await closed
    },
  }
}
