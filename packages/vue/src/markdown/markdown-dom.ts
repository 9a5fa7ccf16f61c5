import type { MarkdownBlock, MarkdownSnapshot } from '@typewriter-chat/core'
import type { KitFenceOptions } from './create-markdown-it.js'
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
 * Renders markdown snapshots into a root element without wrapper elements, so the root's html is
 * the html of the whole source however it was split into blocks. A frozen block's nodes are
 * inserted once and left alone (a text selection in them survives) until its html changes; only
 * the tail's nodes are replaced, and an open code fence grows in place.
 */
export class MarkdownDom {
  readonly #root: HTMLElement
  readonly #fenceOptions: KitFenceOptions | null
  readonly #caret: HTMLElement
  #blocks: readonly MarkdownBlock[] = []
  readonly #rendered = new Map<number, RenderedBlock>()
  #tailNodes: readonly ChildNode[] = []
  #tailHtml: string | null = null
  #fence: { readonly start: number; readonly view: OpenFenceView } | null = null

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
    this.#blocks = []
    this.#rendered.clear()
    this.#tailNodes = []
    this.#tailHtml = null
    this.#fence = null
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
      this.#insert(nodes, current?.nodes[0] ?? this.#tailStart())
      for (const node of current?.nodes ?? []) node.remove()
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
    if (!this.#fence && html === this.#tailHtml) return
    this.#replaceTail(parse(html))
    this.#fence = null
    this.#tailHtml = html
  }

  #replaceTail(nodes: ChildNode[]): void {
    this.#insert(nodes, this.#tailStart())
    for (const node of this.#tailNodes) node.remove()
    this.#tailNodes = nodes
  }

  /** The node the tail starts with, for inserting before it. */
  #tailStart(): Node | null {
    const first = this.#tailNodes[0]
    if (first) return first
    return this.#caret.parentNode === this.#root ? this.#caret : null
  }

  #insert(nodes: readonly ChildNode[], before: Node | null): void {
    const fragment = document.createDocumentFragment()
    fragment.append(...nodes)
    this.#root.insertBefore(fragment, before)
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
    if (host === this.#root) this.#root.append(this.#caret)
    else host.append(this.#caret)
  }
}
