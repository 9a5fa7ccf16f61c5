import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { listExports, valueNames } from '../../../test-utils/export-names.js'
import * as mock from '../src/index.js'

const entry = fileURLToPath(new URL('../dist/index.d.ts', import.meta.url))

describe('public API', () => {
  // What the built entry point exports, types included: growing the surface must be a visible
  // diff. Run after `pnpm --filter @typewriter-chat/mock-openai build`.
  it('exports exactly the documented names', () => {
    expect(listExports(entry)).toMatchInlineSnapshot(`
      {
        "MOCK_MODELS": "value",
        "MockChunk": "type",
        "MockControl": "type",
        "MockDelta": "type",
        "MockErrorObject": "type",
        "MockModelsPlan": "type",
        "MockOpenAI": "type",
        "MockOpenAIHandler": "type",
        "MockOpenAIOptions": "type",
        "MockPlan": "type",
        "MockRequest": "type",
        "MockScript": "type",
        "MockUsage": "type",
        "createMockOpenAIHandler": "value",
        "startMockOpenAI": "value",
      }
    `)
  })

  it('exports at runtime exactly the values its declarations name', () => {
    expect(Object.keys(mock).sort()).toEqual(valueNames(listExports(entry)))
  })
})
