/**
 * The mock model's prompt convention: slash directives anywhere in the last user message steer the
 * reply (see README.md). A directive only counts with a valid argument, so a question that merely
 * mentions `/length` is answered, not obeyed.
 */
export interface Directives {
  /** `/length N`: stop after N completion tokens with `finish_reason: "length"`. */
  length?: number
  /** `/error STATUS [message]`: fail with that HTTP status and an OpenAI JSON error body. */
  error?: { status: number; message?: string }
  /** `/drop N`: destroy the connection after N content tokens. */
  drop?: number
  /** `/slow MS`: wait MS milliseconds before the first token. */
  slow?: number
  /** `/tps N`: stream this reply at N tokens per second. */
  tps?: number
  /** `/reasoning`: stream `reasoning_content` before the answer. */
  reasoning?: true
  /** `/long`: a long answer (10–20 KB). */
  long?: true
  /** `/tools`: call a tool (the request's, else a built-in `get_weather`) instead of answering. */
  tools?: true
}

/** What the message says once its directives are removed. */
export interface ParsedPrompt {
  directives: Directives
  text: string
}

// Keeps a pathological `/slow` or `/length` from pinning a socket or timer for hours.
const MAX_SLOW_MS = 120_000
const MAX_TOKENS = 1_000_000

const DIRECTIVE =
  /(^|\s)\/(?:(length|drop|slow|tps)[ \t]+(\d+)|(error)[ \t]+([45]\d\d)(?:[ \t]+([^\n]*))?|(reasoning|long|tools))(?=\s|$)/g

/** Reads and strips the directives of one user message. */
export function parseDirectives(message: string): ParsedPrompt {
  const directives: Directives = {}
  const text = message.replace(
    DIRECTIVE,
    (
      _whole,
      lead: string,
      numeric?: string,
      value?: string,
      error?: string,
      status?: string,
      errorMessage?: string,
      flag?: string,
    ) => {
      if (numeric !== undefined && value !== undefined) {
        applyNumeric(directives, numeric, Number(value))
      } else if (error !== undefined && status !== undefined) {
        const message = errorMessage?.trim()
        directives.error = { status: Number(status), ...(message ? { message } : {}) }
      } else if (flag === 'reasoning' || flag === 'long' || flag === 'tools') {
        directives[flag] = true
      }
      return lead
    },
  )
  return { directives, text: text.replace(/[ \t]{2,}/g, ' ').trim() }
}

function applyNumeric(directives: Directives, name: string, value: number): void {
  switch (name) {
    case 'length':
      directives.length = Math.min(Math.max(value, 1), MAX_TOKENS)
      break
    case 'drop':
      directives.drop = Math.min(value, MAX_TOKENS)
      break
    case 'slow':
      directives.slow = Math.min(value, MAX_SLOW_MS)
      break
    case 'tps':
      if (value > 0) directives.tps = value
      break
  }
}
