import { AppendOnlyText } from './append-only-text.js'
import { settledBlockCount, topLevelBlocks } from './block-splitter.js'
import { lineStarts } from './line-starts.js'
import type { MarkdownEngine, MarkdownEnv } from './markdown-engine.js'
import { footnotesAfter } from './footnote-chain.js'
import { FrozenBlocks } from './frozen-blocks.js'
import { LazyTail, type MarkdownSnapshot } from './markdown-snapshot.js'
import {
  describeOpenFence,
  detectOpenFence,
  extendOpenFence,
  fenceToken,
  openFenceBody,
  withheldLength,
  type OpenFenceTail,
} from './open-fence-tail.js'
import {
  changedLabels,
  emptyDefinitions,
  type DefinitionTable,
  ownDefinitions,
  referencesOver,
  withOwnDefinitions,
} from './reference-definitions.js'
import { repairMarkdownTail } from './repair-tail.js'
import { renderDefinitions } from './settled-definitions.js'

/** Options of {@link createIncrementalMarkdown}. */
export interface IncrementalMarkdownOptions {
  /**
   * Display repair of the open tail: a function from tail source to the source to display, or
   * `false` to display the exact tail. Defaults to {@link repairMarkdownTail}.
   */
  repair?: ((tail: string) => string) | false
  /**
   * Passed to every parse and render as `env.docId`: ids a render creates (footnotes) then stay unique
   * to this document on a page with several. Render the whole text with the same `docId` to compare.
   */
  docId?: string
}

/** Incremental renderer of a growing markdown source; see {@link createIncrementalMarkdown}. */
export interface IncrementalMarkdown {
  /**
   * Renders the source so far. When `source` extends the previous one only the new part is
   * processed; otherwise (an edit, a new message) the renderer starts over. Checking the extension
   * reads the whole source: a memcmp, plus V8 copying a `+=`-built string into one piece on its
   * first read, so this is linear in the length. Streams should use
   * {@link IncrementalMarkdown.append}.
   */
  update(source: string): MarkdownSnapshot
  /** Appends `delta` to the source and renders: cost independent of the length so far. */
  append(delta: string): MarkdownSnapshot
  /** Marks the source complete: the tail is then displayed exactly, without repair. */
  finish(): MarkdownSnapshot
  /** Forgets the source and starts over empty. */
  reset(): MarkdownSnapshot
  /** The latest snapshot. */
  readonly snapshot: MarkdownSnapshot
}

interface Snapshot extends MarkdownSnapshot {
  readonly tail: LazyTail
}

/**
 * Creates an incremental renderer for a markdown source that grows, such as a streamed LLM reply.
 *
 * Top-level blocks that can no longer change are frozen: rendered once, kept with a stable id.
 * Only the open tail after them is parsed again on each update, so the cost of an update does not
 * grow with the length of the source. At every prefix the frozen html joined with the tail's exact
 * html equals `md.render(prefix)`: a block freezes only once the next block's start is settled,
 * and link reference definitions, which are global, re-render the frozen blocks that use them.
 *
 * @param md - a markdown-it compatible instance (any preset and plugins whose core rules work
 *   block by block; footnotes through `env.footnotes`, see {@link MarkdownFootnotes}: numbered
 *   across blocks like link definitions are resolved across them, their list in
 *   {@link MarkdownSnapshot.footnotes}).
 * @example
 * ```ts
 * const renderer = createIncrementalMarkdown(markdownit())
 * for await (const delta of stream) {
 *   const { blocks, tail } = renderer.append(delta)
 *   view.show(blocks, tail.displayHtml) // key blocks by id, re-render one when its revision changes
 * }
 * view.show(renderer.finish())
 * ```
 */
export function createIncrementalMarkdown(
  md: MarkdownEngine,
  options: IncrementalMarkdownOptions = {},
): IncrementalMarkdown {
  return new IncrementalMarkdownRenderer(md, options.repair ?? repairMarkdownTail, options.docId)
}

class IncrementalMarkdownRenderer implements IncrementalMarkdown {
  readonly #md: MarkdownEngine
  readonly #repair: ((tail: string) => string) | false
  /** The source as last passed to `update`; `undefined` after `append`, rebuilt when needed. */
  #source: string | undefined = ''
  #tailStart = 0
  #tail = ''
  #frozen: FrozenBlocks
  /** Definitions made in frozen text; never mutated, replaced when frozen text adds some. */
  #frozenDefinitions = emptyDefinitions()
  /** Definitions the last parse found in the tail, for spotting changes. */
  #tailDefinitions: ReadonlyMap<string, string> = new Map()
  #env: MarkdownEnv = {}
  #fence: OpenFenceTail | null = null
  /** The open fence's body as appended, so a view can read new lines without copying the rest. */
  #fenceBody = new AppendOnlyText()
  #snapshot: Snapshot
  readonly #docId: string | undefined
  /** The footnote list after the last parse of the tail, rendered on first read. */
  #footnotes: () => string = () => ''

  constructor(
    md: MarkdownEngine,
    repair: ((tail: string) => string) | false,
    docId: string | undefined,
  ) {
    this.#md = md
    this.#repair = repair
    this.#docId = docId
    this.#frozen = new FrozenBlocks(md, docId)
    this.#snapshot = this.#parseTail()
  }

  get snapshot(): MarkdownSnapshot {
    return this.#snapshot
  }

  update(source: string): MarkdownSnapshot {
    const previous = this.#source ?? this.#frozen.source + this.#tail
    if (source === previous) return this.#snapshot
    const grows = source.length > previous.length && source.slice(0, previous.length) === previous
    if (!grows) {
      this.#clear()
      this.#tail = source
    }
    // Keep the caller's string: comparing against it next time is a memcmp of two flat strings.
    this.#source = source
    if (grows) return this.#advance(source.slice(previous.length))
    this.#snapshot = this.#parseTail()
    return this.#snapshot
  }

  append(delta: string): MarkdownSnapshot {
    // Not kept as `source += delta`: a rope of one node per token that only `update` would read.
    if (delta !== '') this.#source = undefined
    return this.#advance(delta)
  }

  #advance(delta: string): MarkdownSnapshot {
    if (delta === '') return this.#snapshot
    this.#tail += delta
    const fence = this.#fence && extendOpenFence(this.#fence, delta)
    if (fence) this.#fenceBody.append(delta)
    this.#snapshot = fence ? this.#openFenceSnapshot(fence) : this.#parseTail()
    return this.#snapshot
  }

  finish(): MarkdownSnapshot {
    const { tail, done } = this.#snapshot
    if (done) return this.#snapshot
    // The source is complete, so a definition still being typed is now final: show blocks exactly.
    const exact = this.#env.references ?? this.#frozenDefinitions
    this.#frozen.refresh([], { exact, display: exact, unsettled: [] })
    this.#snapshot = this.#snapshotOf(tail.finished(), true)
    return this.#snapshot
  }

  reset(): MarkdownSnapshot {
    this.#clear()
    this.#snapshot = this.#parseTail()
    return this.#snapshot
  }

  #clear(): void {
    this.#source = ''
    this.#tailStart = 0
    this.#tail = ''
    this.#frozen = new FrozenBlocks(this.#md, this.#docId)
    this.#footnotes = () => ''
    this.#frozenDefinitions = emptyDefinitions()
    this.#tailDefinitions = new Map()
    this.#fence = null
  }

  #openFenceSnapshot(fence: OpenFenceTail): Snapshot {
    this.#fence = fence
    const md = this.#md
    const env = this.#env
    const tail = this.#tail
    const described = describeOpenFence(fence, this.#fenceBody)
    const render = (code: string): string =>
      md.renderer.render([fenceToken(fence, code)], md.options, env)
    const display = this.#repair
      ? (exact: () => string) => (withheldLength(fence) === 0 ? exact() : render(described.code))
      : null
    const exact = () => render(openFenceBody(fence, tail))
    return this.#snapshotOf(new LazyTail(this.#tailStart, tail, described, exact, display), false)
  }

  #parseTail(): Snapshot {
    const md = this.#md
    const text = this.#tail
    let { references, env, tokens } = this.#parse(text)
    // Footnotes defined anywhere change how frozen blocks render and number; the tail then continues
    // their new numbering.
    const defined = new Set(this.#frozen.footnoteDefinitions().keys())
    for (const label of env.footnotes?.definitions.keys() ?? []) defined.add(label)
    if (this.#frozen.defineFootnotes(defined)) ({ references, env, tokens } = this.#parse(text))
    this.#footnotes = this.#footnoteList(env, defined)
    const blocks = topLevelBlocks(tokens)
    const starts = lineStarts(text)
    const settled = settledBlockCount(blocks, tokens, text, starts)

    const own = ownDefinitions(references)
    const changed = changedLabels(this.#tailDefinitions, own, this.#frozenDefinitions)
    this.#tailDefinitions = own
    const definitions = renderDefinitions(
      md,
      text,
      starts,
      this.#frozenDefinitions,
      references,
      own,
    )
    this.#frozen.refresh(changed, definitions)

    let tailTokens = tokens
    let cutLine = 0
    const next = blocks[settled]
    if (settled > 0 && next) {
      cutLine = next.line
      const cut = starts[cutLine] ?? text.length
      for (let index = 0; index < settled; index++) {
        const from = index === 0 ? 0 : (starts[blocks[index]?.line ?? 0] ?? 0)
        const to = index + 1 < settled ? (starts[blocks[index + 1]?.line ?? 0] ?? cut) : cut
        const blockTokens = tokens.slice(blocks[index]?.token ?? 0, blocks[index + 1]?.token)
        this.#frozen.add(
          this.#tailStart + from,
          text.slice(from, to),
          blockTokens,
          env,
          definitions,
        )
      }
      if (own.size > 0) this.#freezeDefinitions(text.slice(0, cut))
      tailTokens = tokens.slice(next.token)
      this.#tail = text.slice(cut)
      this.#tailStart += cut
    }
    this.#env = env

    this.#fence = detectOpenFence(tailTokens, text, starts, cutLine)
    if (this.#fence) {
      this.#fenceBody = new AppendOnlyText()
      this.#fenceBody.append(this.#tail.slice(this.#fence.bodyStart))
      return this.#openFenceSnapshot(this.#fence)
    }
    const render = () => md.renderer.render(tailTokens, md.options, env)
    const tail = new LazyTail(this.#tailStart, this.#tail, null, render, this.#displayTail())
    return this.#snapshotOf(tail, false)
  }

  #snapshotOf(tail: LazyTail, done: boolean): Snapshot {
    let footnotes: string | undefined
    const list = this.#footnotes
    return {
      blocks: this.#frozen.blocks,
      tail,
      done,
      get footnotes() {
        footnotes ??= list()
        return footnotes
      },
    }
  }

  /** The env of a parse after the frozen blocks: their definitions, their footnote numbering. */
  #parseEnv(): MarkdownEnv & { references: DefinitionTable } {
    const frozen = this.#frozen
    const defined = new Set(frozen.footnoteDefinitions().keys())
    return {
      references: referencesOver(this.#frozenDefinitions),
      docId: this.#docId,
      footnotes: footnotesAfter(frozen.chain, defined),
    }
  }

  #parse(text: string) {
    const env = this.#parseEnv()
    return { references: env.references, env, tokens: this.#md.parse(text, env) }
  }

  /** Renders the footnote list after `env`'s parse of the tail, on first call. */
  #footnoteList(env: MarkdownEnv, defined: ReadonlySet<string>): () => string {
    const after = env.footnotes
    if (!after || after.numbers.size === 0) return () => ''
    const md = this.#md
    const definitions = new Map(this.#frozen.footnoteDefinitions())
    for (const [label, tokens] of after.definitions) {
      if (!definitions.has(label)) definitions.set(label, tokens)
    }
    let html: string | undefined
    return () => {
      const listEnv: MarkdownEnv = {
        docId: this.#docId,
        footnotes: footnotesAfter(after, defined, true, definitions),
      }
      html ??= md.renderer.render(md.parse('', listEnv), md.options, listEnv)
      return html
    }
  }

  /** Renders the repaired tail for display, with settled definitions only; `null` without repair. */
  #displayTail(): ((exact: () => string) => string) | null {
    const repair = this.#repair
    if (!repair) return null
    const md = this.#md
    const tail = this.#tail
    const definitions = this.#frozenDefinitions
    const env = this.#parseEnv()
    return (exact) => {
      const repaired = repair(tail)
      if (repaired === tail) return exact()
      env.references = referencesOver(definitions)
      return md.renderer.render(md.parse(repaired, env), md.options, env)
    }
  }

  /** Moves the definitions made in newly frozen `text` into the frozen table. */
  #freezeDefinitions(text: string): void {
    const references = referencesOver(this.#frozenDefinitions)
    this.#md.parse(text, { references })
    this.#frozenDefinitions = withOwnDefinitions(this.#frozenDefinitions, references)
  }
}
