import { streamUrl } from './stream-url.js'

/**
 * Tells the server to stop the generation `id` that the chat endpoint `url` started
 * (`POST {url}/streams/{id}/stop`). A server that keeps a generation going for a while after a
 * hang-up (so that a dropped connection can resume it) would otherwise spend tokens on a reply the
 * user stopped. Fire and forget, with `keepalive` so it still leaves when the page is closing; a
 * failure changes nothing for the caller, whose reply is already stopped. Servers that name no
 * stream hear only the hang-up, as before.
 * @internal
 */
export function stopOnServer(
  id: string,
  url: string | URL,
  doFetch: typeof fetch,
  headers: HeadersInit | undefined,
): void {
  const stopHeaders = new Headers(headers)
  stopHeaders.delete('content-type')
  void doFetch(`${streamUrl(url, id)}/stop`, {
    method: 'POST',
    headers: stopHeaders,
    keepalive: true,
  }).then(
    (answer) => answer.body?.cancel(),
    () => {},
  )
}
