import type { MarkdownBlock, MarkdownSnapshot } from '@typewriter-chat/core'
import type { KitFenceOptions } from './create-markdown-it.js'
import { drawDiagrams } from './diagram-dom.js'
import { morphNodes } from './morph-nodes.js'
import { OpenFenceView } from './open-fence-view.js'

interface RenderedBlock {
  block: MarkdownBlock
  readonly html: string
  /** Never empty: a block without html holds an empty text node, so it keeps a position. */
  readonly nodes: readonly ChildNode[]
}

/** Elements the caret goes inside of, so it follows the last word instead of sitting below it. */
const CARET_HOSTS = new Set([
  'P',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
])

/** Parses html into detached nodes; never empty. */
function parse(html: string): ChildNode[] {
  const template = document.createElement('template')
  template.innerHTML = html
  const nodes = [...template.content.childNodes]
  return nodes.length > 0 ? nodes : [document.createTextNode('')]
}

function lastVisibleChild(node: Node): ChildNode | null {
  let child = node.lastChild
  while (child && child.nodeType === Node.TEXT_NODE && !child.textContent?.trim()) {
    child = child.previousSibling
  }
  return child
}

/**
 * Renders markdown snapshots into a root element. Frozen blocks live in one plain `<div>` at the
 * start of the root and the tail follows it: replacing the tail then re-lays out the root's two or
 * three children instead of every block of a long reply (that walk made each token cost more the
 * longer the reply). The wrapper has no box of its own (no padding, border or formatting context),
 * so margins collapse through it and the page looks as if the blocks were the root's children. A
 * frozen block's nodes are inserted once and left alone (a text selection in them survives) until
 * its html changes; only the tail changes, updated in place node by node, and an open code fence
 * grows in place.
 */
export class MarkdownDom {
  readonly #root: HTMLElement
  readonly #fenceOptions: KitFenceOptions | null
  readonly #caret: HTMLElement
  #frozen: HTMLElement | null = null
  #blocks: readonly MarkdownBlock[] = []
  readonly #rendered = new Map<number, RenderedBlock>()
  #tailNodes: readonly ChildNode[] = []
  #tailHtml: string | null = null
  /** Whether the tail's nodes are the finished ones, inside the frozen wrapper. */
  #tailDone = false
  #fence: { readonly start: number; readonly view: OpenFenceView } | null = null
  /** The footnote list after the tail, replaced only when its html changes. */
  #footnoteNodes: readonly ChildNode[] = []
  #footnotesHtml = ''

  /** @param fenceOptions - how the markdown-it instance renders code; `null` for a foreign one. */
  constructor(root: HTMLElement, fenceOptions: KitFenceOptions | null) {
    this.#root = root
    this.#fenceOptions = fenceOptions
    this.#caret = document.createElement('span')
    this.#caret.className = 'tc-caret'
    this.#caret.setAttribute('aria-hidden', 'true')
  }

  /** Shows `snapshot`, with the caret after the last character when `caret` is set. */
  render(snapshot: MarkdownSnapshot, caret: boolean): void {
    if (snapshot.blocks !== this.#blocks) this.#renderBlocks(snapshot.blocks)
    this.#renderTail(snapshot)
    this.#renderFootnotes(snapshot.footnotes)
    if (caret) this.#placeCaret()
    else this.#caret.remove()
  }

  /** Upgrades the growing fence after the highlighter loaded (the rest is upgraded by the caller). */
  highlightOpenFence(): void {
    this.#fence?.view.highlightFinishedLines()
  }

  /** Removes everything, for a source that does not extend the previous one. */
  clear(): void {
    this.#root.replaceChildren()
    this.#frozen = null
    this.#blocks = []
    this.#rendered.clear()
    this.#tailNodes = []
    this.#tailHtml = null
    this.#tailDone = false
    this.#fence = null
    this.#footnoteNodes = []
    this.#footnotesHtml = ''
  }

  #renderFootnotes(html: string): void {
    if (html === this.#footnotesHtml) return
    const nodes = html === '' ? [] : parse(html)
    this.#insert(nodes, this.#footnoteNodes[0] ?? null)
    for (const node of this.#footnoteNodes) node.remove()
    this.#footnoteNodes = nodes
    this.#footnotesHtml = html
  }

  #renderBlocks(blocks: readonly MarkdownBlock[]): void {
    const ids = new Set<number>()
    for (const block of blocks) {
      ids.add(block.id)
      const current = this.#rendered.get(block.id)
      if (current && (current.block === block || current.html === block.displayHtml)) {
        current.block = block
        continue
      }
      const nodes = parse(block.displayHtml)
      this.#insertFrozen(nodes, current?.nodes[0] ?? null)
      for (const node of current?.nodes ?? []) node.remove()
      this.#drawDiagrams(nodes)
      this.#rendered.set(block.id, { block, html: block.displayHtml, nodes })
    }
    for (const [id, rendered] of this.#rendered) {
      if (ids.has(id)) continue
      for (const node of rendered.nodes) node.remove()
      this.#rendered.delete(id)
    }
    this.#blocks = blocks
  }

  #renderTail({ tail, done }: MarkdownSnapshot): void {
    const options = this.#fenceOptions
    if (tail.openFence && !done && options) {
      if (this.#fence?.start === tail.start) {
        this.#fence.view.update(tail.openFence)
        return
      }
      const view = new OpenFenceView(tail.openFence, options)
      this.#replaceTail([view.element])
      this.#fence = { start: tail.start, view }
      this.#tailHtml = null
      return
    }
    const html = done ? tail.html : tail.displayHtml
    if (!this.#fence && html === this.#tailHtml && done === this.#tailDone) return
    if (done || this.#fence || this.#tailDone) this.#replaceTail(parse(html), done)
    else this.#morphTail(parse(html))
    this.#fence = null
    this.#tailHtml = html
    this.#tailDone = done
  }

  /**
   * Swaps the tail's nodes for `nodes`. A finished tail goes into the frozen wrapper after the
   * blocks, so the final DOM is the same whether the text streamed in or came at once.
   */
  #replaceTail(nodes: ChildNode[], done = false): void {
    if (done) this.#insertFrozen(nodes, null)
    else this.#insert(nodes, this.#tailStart())
    for (const node of this.#tailNodes) node.remove()
    this.#tailNodes = nodes
    if (done) this.#drawDiagrams(nodes)
  }

  /**
   * Diagrams are drawn in frozen nodes only, which are never replaced: once per closed fence, never
   * per token. The tail shows a diagram's code until its block freezes (or the stream finishes).
   */
  #drawDiagrams(nodes: readonly ChildNode[]): void {
    if (this.#fenceOptions?.diagrams) drawDiagrams(nodes)
  }

  /** Updates the tail's nodes in place to equal `nodes` (see {@link morphNodes}). */
  #morphTail(nodes: ChildNode[]): void {
    // The caret sits in the tail (or right after it) and is placed again after every render; out
    // of the way, the tail is the root's last nodes.
    this.#caret.remove()
    this.#tailNodes = morphNodes(this.#root, this.#tailNodes, nodes, this.#footnoteNodes[0] ?? null)
  }

  /** The node the tail starts with, for inserting before it. */
  #tailStart(): Node | null {
    const first = this.#tailNodes[0]
    if (first) return first
    return this.#caret.parentNode === this.#root ? this.#caret : (this.#footnoteNodes[0] ?? null)
  }

  #insert(nodes: readonly ChildNode[], before: Node | null, parent: Node = this.#root): void {
    const fragment = document.createDocumentFragment()
    fragment.append(...nodes)
    parent.insertBefore(fragment, before)
  }

  /** Inserts a frozen block's nodes before `before` (a block it replaces), else after the others. */
  #insertFrozen(nodes: readonly ChildNode[], before: Node | null): void {
    if (!this.#frozen) {
      this.#frozen = document.createElement('div')
      this.#frozen.className = 'tc-markdown__frozen'
      this.#root.prepend(this.#frozen)
    }
    this.#insert(nodes, before, this.#frozen)
  }

  #placeCaret(): void {
    let host: Element = this.#root
    let node: ChildNode | null = null
    for (let index = this.#tailNodes.length - 1; index >= 0 && !node; index--) {
      const candidate = this.#tailNodes[index]
      if (candidate && (candidate.nodeType !== Node.TEXT_NODE || candidate.textContent?.trim())) {
        node = candidate
      }
    }
    while (node instanceof Element && CARET_HOSTS.has(node.tagName)) {
      host = node
      node = lastVisibleChild(node)
    }
    if (host === this.#root) this.#root.insertBefore(this.#caret, this.#footnoteNodes[0] ?? null)
    else host.append(this.#caret)
  }
}
