import { describe, expect, it } from 'vitest'
import { excerpt, readBodyPrefix } from './body-excerpt.js'

describe('excerpt', () => {
  it('shows the title of an HTML page', () => {
    expect(
      excerpt('<!DOCTYPE html><html><head><title> 502 Bad Gateway </title></head></html>'),
    ).toBe('502 Bad Gateway')
  })

  it('shows the visible text of an HTML page without a title', () => {
    const page =
      '<html><style>p{}</style><body><p>Access\n  denied</p><script>x()</script></body></html>'
    expect(excerpt(page)).toBe('Access denied')
  })

  it('shortens long text to one line', () => {
    const result = excerpt(`line one\n${'x'.repeat(500)}`)
    expect(result.startsWith('line one x')).toBe(true)
    expect(result.length).toBe(201)
  })
})

describe('readBodyPrefix', () => {
  it('reads at most 16 KB and cancels the rest', async () => {
    let cancelled = false
    let pulls = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(new Uint8Array(4096).fill(97))
      },
      cancel() {
        cancelled = true
      },
    })
    const text = await readBodyPrefix(new Response(body))
    expect(text.length).toBe(16 * 1024)
    expect(cancelled).toBe(true)
    expect(pulls).toBeLessThan(10)
  })
})
