const OPEN = '<think>'
const CLOSE = '</think>'

/** Text split into the part to show as the answer and the part to show as reasoning. */
export interface ThinkSplit {
  content: string
  reasoning: string
}

/** Splits a leading `<think>…</think>` block off streamed content; see {@link createThinkSplitter}. */
export interface ThinkSplitter {
  /** Takes the next content delta and returns what can be shown now. */
  push(text: string): ThinkSplit
  /** The stream ended: returns whatever was held back (an unclosed block counts as reasoning). */
  flush(): ThinkSplit
}

/** Length of the longest suffix of `text` that starts `tag` (a tag split across chunks). */
function partialTagLength(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (tag.startsWith(text.slice(text.length - length))) return length
  }
  return 0
}

/**
 * Creates a splitter for models (DeepSeek R1, QwQ, distills served by Ollama or vLLM) that put their
 * reasoning in `<think>…</think>` at the start of the content instead of a separate field.
 *
 * Only a block at the very start (after optional whitespace) counts: a `<think>` later in an answer
 * is text the model is writing about. Tags split across deltas are recognised: text that might be
 * the start of a tag is held back until the next delta decides it. Whitespace right after the
 * closing tag is dropped, as models put a blank line there.
 *
 * @param atStart `false` when the content already began (a continued reply): everything is content.
 */
export function createThinkSplitter(atStart = true): ThinkSplitter {
  let state: 'start' | 'thinking' | 'after' | 'content' = atStart ? 'start' : 'content'
  let held = ''

  const split = (content: string, reasoning = ''): ThinkSplit => ({ content, reasoning })

  const afterThink = (text: string): ThinkSplit => {
    const rest = text.trimStart()
    if (rest === '') return split('')
    state = 'content'
    return split(rest)
  }

  return {
    push(text) {
      if (state === 'content') return split(text)
      if (state === 'after') return afterThink(text)
      held += text
      if (state === 'start') {
        const trimmed = held.trimStart()
        if (OPEN.startsWith(trimmed)) return split('')
        if (!trimmed.startsWith(OPEN)) {
          state = 'content'
          const content = held
          held = ''
          return split(content)
        }
        state = 'thinking'
        held = trimmed.slice(OPEN.length)
      }
      const end = held.indexOf(CLOSE)
      if (end !== -1) {
        const reasoning = held.slice(0, end)
        const rest = held.slice(end + CLOSE.length)
        held = ''
        state = 'after'
        return { ...afterThink(rest), reasoning }
      }
      const keep = partialTagLength(held, CLOSE)
      const reasoning = held.slice(0, held.length - keep)
      held = held.slice(held.length - keep)
      return split('', reasoning)
    },
    flush() {
      const rest = held
      held = ''
      if (state === 'thinking') return split('', rest)
      return split(state === 'start' ? rest : '')
    },
  }
}
