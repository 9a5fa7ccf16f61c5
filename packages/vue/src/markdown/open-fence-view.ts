import type { OpenFence } from '@typewriter-chat/core'
import {
  CODE_BLOCK_END,
  codeBlockStart,
  DIAGRAM_LANG,
  diagramBlockStart,
} from './code-block-html.js'
import type { KitFenceOptions } from './create-markdown-it.js'
import { readyHighlighter } from './highlighter.js'

/**
 * The DOM of a code fence that is still open: its body only grows, so new text is appended to a
 * text node instead of re-rendering the block (the cost of an update is the size of the new text).
 * Finished lines are highlighted in segments once the highlighter is ready; a highlighted segment
 * is never touched again, so the block never flips back to plain text and is never highlighted
 * from scratch. Constructs spanning segments (a block comment typed over several frames) may be
 * coloured imperfectly until the fence closes and is rendered whole.
 */
export class OpenFenceView {
  /** The block's outer element, to insert into the document. */
  readonly element: HTMLElement
  readonly #code: HTMLElement
  /** Text not highlighted yet: the unfinished last line, plus finished lines before the load. */
  readonly #pending: Text
  readonly #lang: string
  readonly #highlight: boolean
  #shown = 0

  constructor(fence: OpenFence, options: KitFenceOptions) {
    // A diagram streams as its code, labelled as the diagram it becomes once the fence closes.
    const diagram = options.diagrams && fence.lang === DIAGRAM_LANG
    this.#lang = fence.lang
    this.#highlight = options.highlight && fence.lang !== '' && !diagram
    const template = document.createElement('template')
    template.innerHTML =
      (diagram
        ? diagramBlockStart(options.labels)
        : codeBlockStart(fence.lang, false, options.labels)) + CODE_BLOCK_END
    const element = template.content.firstElementChild
    const code = element?.querySelector('code')
    if (!(element instanceof HTMLElement) || !code) throw new Error('Malformed code block html')
    // Unmarked, so the one-off upgrade of rendered blocks (highlight-dom.ts) leaves this one to us.
    code.removeAttribute('data-tc-lang')
    this.element = element
    this.#code = code
    this.#pending = document.createTextNode('')
    code.append(this.#pending)
    this.update(fence)
  }

  /** Shows the fence's code as it is now; `fence` must be the same fence, grown. */
  update(fence: OpenFence): void {
    if (fence.codeLength > this.#shown) {
      this.#pending.appendData(fence.codeSince(this.#shown))
      this.#shown = fence.codeLength
    }
    this.highlightFinishedLines()
  }

  /** Highlights the finished lines not highlighted yet, if the highlighter has loaded. */
  highlightFinishedLines(): void {
    const highlight = this.#highlight ? readyHighlighter() : null
    if (!highlight) return
    const text = this.#pending.data
    const end = text.lastIndexOf('\n') + 1
    if (end === 0) return
    const html = highlight(text.slice(0, end), this.#lang)
    if (html === null) return
    const segment = document.createElement('span')
    segment.className = 'tc-code__segment'
    segment.innerHTML = html
    this.#code.insertBefore(segment, this.#pending)
    this.#pending.deleteData(0, end)
    if (!this.#code.classList.contains('hljs')) this.#code.classList.add('hljs')
  }
}
