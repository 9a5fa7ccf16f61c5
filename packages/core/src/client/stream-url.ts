/** The header a resumable server (our relay's `POST /api/chat`) names its generation in. */
const STREAM_ID_HEADER = 'x-stream-id'

/** The generation `response` belongs to, when the server named one (`X-Stream-Id`). @internal */
export function streamIdOf(response: Response): string | undefined {
  const id = response.headers.get(STREAM_ID_HEADER)
  return id === null || id === '' ? undefined : id
}

/**
 * `{url}/streams/{id}`: the stream endpoint of a generation that the chat endpoint `url` started,
 * from which `GET` resumes it and `/stop` stops it. The query of `url`, if any, is not carried over.
 * @internal
 */
export function streamUrl(url: string | URL, id: string): string {
  const path = String(url)
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
  return `${path}/streams/${encodeURIComponent(id)}`
}
