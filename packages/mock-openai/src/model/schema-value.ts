import { isRecord } from '../is-record.js'
import type { Random } from './random.js'

/** What a value can be taken from: the question, and a place it names. */
export interface ValueHints {
  question: string
  random: Random
}

/** Deep enough for any real schema; a self-referencing one stops here instead of recursing forever. */
const MAX_DEPTH = 8

/** A place the question names ("the weather in Lisbon"), else a capital that any model would pick. */
export function placeIn(question: string): string {
  const named = /\b(?:in|at|for|near|of|to)\s+(\p{Lu}[\p{L}-]+(?:\s\p{Lu}[\p{L}-]+)*)/u.exec(
    question,
  )
  return named?.[1] ?? 'Paris'
}

/**
 * A JSON value that fits `schema`, as a model would fill it in: every declared property present
 * (strict structured outputs require them all), enums and consts honoured, numbers inside their
 * bounds, arrays as long as `minItems` asks (at least one item), strings shaped by their `format`
 * or named after what their property holds (`city` gets a place, `query` the question).
 */
export function valueForSchema(schema: unknown, hints: ValueHints): unknown {
  return valueOf(schema, hints, { root: schema, name: '', depth: 0 })
}

interface Where {
  root: unknown
  /** The property the value is for, which says what a string should hold. */
  name: string
  depth: number
}

function valueOf(schema: unknown, hints: ValueHints, where: Where): unknown {
  if (!isRecord(schema) || where.depth > MAX_DEPTH) return null
  const ref = schema['$ref']
  if (typeof ref === 'string') {
    return valueOf(resolveRef(where.root, ref), hints, { ...where, depth: where.depth + 1 })
  }
  if ('const' in schema) return schema['const']
  const choices = schema['enum']
  if (Array.isArray(choices) && choices.length > 0) return choices[0] as unknown
  const variants = schema['anyOf'] ?? schema['oneOf']
  if (Array.isArray(variants)) {
    const variant = variants.find((v) => !(isRecord(v) && v['type'] === 'null')) as unknown
    return valueOf(variant, hints, { ...where, depth: where.depth + 1 })
  }
  const allOf = schema['allOf']
  if (Array.isArray(allOf) && allOf.length > 0) {
    return valueOf(allOf[0], hints, { ...where, depth: where.depth + 1 })
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectOf(schema, hints, where)
    case 'array': {
      const min = typeof schema['minItems'] === 'number' ? schema['minItems'] : 1
      const count = Math.max(1, min)
      const next = { ...where, depth: where.depth + 1 }
      return Array.from({ length: count }, () => valueOf(schema['items'], hints, next))
    }
    case 'integer':
    case 'number':
      return numberOf(schema, hints)
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return stringOf(schema, hints, where.name)
  }
}

function typeOf(schema: Record<string, unknown>): string {
  const type = schema['type']
  if (typeof type === 'string') return type
  if (Array.isArray(type)) {
    const first = type.find((t) => t !== 'null') as unknown
    if (typeof first === 'string') return first
  }
  return isRecord(schema['properties']) ? 'object' : 'string'
}

function objectOf(schema: Record<string, unknown>, hints: ValueHints, where: Where): object {
  const properties = isRecord(schema['properties']) ? schema['properties'] : {}
  const value: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(properties)) {
    value[name] = valueOf(property, hints, { root: where.root, name, depth: where.depth + 1 })
  }
  return value
}

function numberOf(schema: Record<string, unknown>, hints: ValueHints): number {
  const low = typeof schema['minimum'] === 'number' ? schema['minimum'] : 1
  const high = typeof schema['maximum'] === 'number' ? schema['maximum'] : Math.max(low, 1) + 9
  return hints.random.int(Math.ceil(low), Math.max(Math.ceil(low), Math.floor(high)))
}

const BY_FORMAT: Record<string, string> = {
  'date-time': '2025-01-01T12:00:00Z',
  date: '2025-01-01',
  time: '12:00:00',
  email: 'ada@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
}

/** What a string property holds, by words of its name. */
const BY_NAME: readonly [RegExp, (hints: ValueHints) => string][] = [
  [/city|location|place|country|region|destination|address/i, (h) => placeIn(h.question)],
  [/query|question|prompt|search|text|topic|message|input/i, (h) => h.question || 'hello'],
  [/unit/i, () => 'celsius'],
  [/lang/i, () => 'en'],
  [/email/i, () => 'ada@example.com'],
  [/url|link/i, () => 'https://example.com'],
  [/date|day/i, () => '2025-01-01'],
  [/name|title/i, (h) => h.random.pick(['Ada Lovelace', 'Grace Hopper', 'Alan Turing'])],
]

function stringOf(schema: Record<string, unknown>, hints: ValueHints, name: string): string {
  const format = schema['format']
  if (typeof format === 'string' && BY_FORMAT[format] !== undefined) return BY_FORMAT[format]
  const fill = BY_NAME.find(([pattern]) => pattern.test(name))?.[1]
  const text = fill?.(hints) ?? hints.random.pick(['example', 'sample', 'value'])
  const max = schema['maxLength']
  return typeof max === 'number' ? text.slice(0, max) : text
}

function resolveRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  for (const key of ref.slice(1).split('/').filter(Boolean)) {
    node = isRecord(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
  }
  return node
}
