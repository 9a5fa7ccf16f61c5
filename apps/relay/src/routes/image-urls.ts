import { isIP } from 'node:net'
import { RequestError } from '../http/relay-error.js'

/** The images a vision model reads inline: what the kit's attachments send. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]*={0,2}$/

/** Names that always mean this machine or its private network, whatever DNS says. */
const LOCAL_NAME = /(?:^|\.)(?:localhost|local|internal|localdomain|home\.arpa)$/i

/**
 * Whether `address` (an IP literal) is loopback, private, link-local (cloud metadata lives at
 * 169.254.169.254), shared, multicast or unspecified: places an upstream on a private network can
 * reach and the internet cannot.
 */
function isNonPublicAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number)
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168)
    )
  }
  const v6 = address.toLowerCase()
  // An IPv4 address in IPv6 clothes (the URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6)
  if (mapped !== null) {
    const [high, low] = [parseInt(mapped[1] ?? '0', 16), parseInt(mapped[2] ?? '0', 16)]
    return isNonPublicAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`)
  }
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6)
}

/** Whether `host` matches an allow-list entry: a name, or `*.name` for its subdomains. */
function allowed(host: string, hosts: readonly string[]): boolean {
  return hosts.some((entry) => {
    const name = entry.toLowerCase()
    return name.startsWith('*.') ? host.endsWith(name.slice(1)) : host === name
  })
}

/** Why the upstream must not be handed `url` as an image, or `undefined` when it may. */
function imageUrlProblem(url: string, hosts: readonly string[] | undefined): string | undefined {
  if (url.startsWith('data:')) {
    return DATA_IMAGE.test(url)
      ? undefined
      : 'a data: URL must be a base64 PNG, JPEG, WebP or GIF image (data:image/png;base64,…)'
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'not a URL'
  }
  if (parsed.protocol !== 'https:') {
    return `${parsed.protocol} URLs are not accepted; use https: or a data:image URL`
  }
  if (parsed.username !== '' || parsed.password !== '') return 'credentials in the URL'
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (hosts !== undefined) {
    return allowed(host, hosts) ? undefined : `host ${host} is not in this relay's image hosts`
  }
  if (isIP(host) !== 0 ? isNonPublicAddress(host) : LOCAL_NAME.test(host)) {
    return `host ${host} is not a public address`
  }
  return undefined
}

interface PartsMessage {
  content?: unknown
}

/** Where one API keeps image URLs: the list's name, the part type, and the URL's path in a part. */
interface ImagePartShape {
  list: string
  type: string
  url(part: Record<string, unknown>): unknown
  suffix: string
}

const CHAT_IMAGES: ImagePartShape = {
  list: 'messages',
  type: 'image_url',
  url: (part) => (part['image_url'] as { url?: unknown } | undefined)?.url,
  suffix: 'image_url.url',
}

const RESPONSES_IMAGES: ImagePartShape = {
  list: 'input',
  type: 'input_image',
  // An image sent by file id has no URL for the upstream to fetch.
  url: (part) => (part['file_id'] === undefined ? part['image_url'] : ''),
  suffix: 'image_url',
}

function checkParts(
  items: readonly PartsMessage[],
  shape: ImagePartShape,
  hosts: readonly string[] | undefined,
): void {
  items.forEach((item, m) => {
    if (!Array.isArray(item.content)) return
    item.content.forEach((part: Record<string, unknown>, p) => {
      if (part['type'] !== shape.type) return
      const url = shape.url(part)
      if (url === '') return
      const problem = typeof url === 'string' ? imageUrlProblem(url, hosts) : 'missing'
      if (problem === undefined) return
      const param = `${shape.list}[${m}].content[${p}].${shape.suffix}`
      throw new RequestError('invalid_request', `${param}: ${problem}`, { status: 400, param })
    })
  })
}

/**
 * Refuses, with a 400 naming the part, an `image_url` the upstream must not fetch: the upstream
 * (a self-hosted one especially) would fetch it from inside its own network. Accepted: base64
 * `data:image/(png|jpeg|webp|gif)` URLs, and `https:` URLs, to the `hosts` allow-list when there is
 * one, else to any host but loopback, private and link-local addresses and local names. A name
 * that resolves to a private address passes the last check: set `hosts` where that matters.
 */
export function checkImageUrls(
  messages: readonly PartsMessage[],
  hosts: readonly string[] | undefined,
): void {
  checkParts(messages, CHAT_IMAGES, hosts)
}

/** {@link checkImageUrls} for the `input_image` parts of a Responses API `input`. */
export function checkInputImages(
  input: string | readonly PartsMessage[],
  hosts: readonly string[] | undefined,
): void {
  if (typeof input !== 'string') checkParts(input, RESPONSES_IMAGES, hosts)
}
