/** The header a resumable server (our relay's `POST /api/chat`) names its generation in. */
const STREAM_ID_HEADER = 'x-stream-id'

/**
 * `POST {url}/streams/{id}/stop`: the stream endpoint of a generation that `url` started. The query
 * of `url`, if any, is not carried over.
 * @internal
 */
export function streamStopUrl(url: string | URL, id: string): string {
  const path = String(url)
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
  return `${path}/streams/${encodeURIComponent(id)}/stop`
}

/**
 * Tells the server to stop the generation behind `response`, when it named one (`X-Stream-Id`).
 * A server that keeps a generation going for a while after a hang-up (so that a dropped connection
 * can resume it) would otherwise spend tokens on a reply the user stopped. Fire and forget, with
 * `keepalive` so it still leaves when the page is closing; a failure changes nothing for the caller,
 * whose reply is already stopped. Servers that name no stream hear only the hang-up, as before.
 * @internal
 */
export function stopOnServer(
  response: Response,
  url: string | URL,
  doFetch: typeof fetch,
  headers: HeadersInit | undefined,
): void {
  const id = response.headers.get(STREAM_ID_HEADER)
  if (id === null || id === '') return
  const stopHeaders = new Headers(headers)
  stopHeaders.delete('content-type')
  void doFetch(streamStopUrl(url, id), {
    method: 'POST',
    headers: stopHeaders,
    keepalive: true,
  }).then(
    (answer) => answer.body?.cancel(),
    () => {},
  )
}
