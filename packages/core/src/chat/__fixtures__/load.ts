// Test helper: reads the recorded-format streams next to this file.
import { readFileSync } from 'node:fs'

export const fixtureNames = [
  'plain-reply',
  'cjk-emoji-usage',
  'parallel-tool-calls',
  'deepseek-reasoning',
  'openrouter-reasoning',
  'refusal',
  'two-choices',
  'finish-length',
  'in-band-error',
  'truncated',
] as const

export type FixtureName = (typeof fixtureNames)[number]

export function fixture(name: FixtureName): string {
  return readFileSync(new URL(`./${name}.sse`, import.meta.url), 'utf8')
}
