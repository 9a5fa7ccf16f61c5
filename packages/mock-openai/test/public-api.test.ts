import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as mock from '../src/index.js'

describe('public API', () => {
  // Snapshots of the export names, values and types: growing the surface must be a visible diff.
  it('exports exactly the documented values', () => {
    expect(Object.keys(mock).sort()).toMatchInlineSnapshot(`
      [
        "MOCK_MODELS",
        "createMockOpenAIHandler",
        "startMockOpenAI",
      ]
    `)
  })

  it('exports exactly the documented types', () => {
    const source = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8')
    const types = [...source.matchAll(/export type \{([^}]+)\}/g)]
      .flatMap((match) => (match[1] ?? '').split(','))
      .map((name) => name.trim())
      .filter((name) => name !== '')
      .sort()
    expect(types).toMatchInlineSnapshot(`
      [
        "MockChunk",
        "MockControl",
        "MockDelta",
        "MockErrorObject",
        "MockOpenAI",
        "MockOpenAIHandler",
        "MockOpenAIOptions",
        "MockPlan",
        "MockRequest",
        "MockScript",
        "MockUsage",
      ]
    `)
  })
})
