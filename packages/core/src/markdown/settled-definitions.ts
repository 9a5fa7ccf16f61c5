import type { RenderDefinitions } from './frozen-blocks.js'
import { isLineTerminated } from './line-starts.js'
import type { MarkdownEngine } from './markdown-engine.js'
import { ownDefinitions, referencesOver, type DefinitionTable } from './reference-definitions.js'

/**
 * The definitions to render frozen blocks with, after a parse of the tail `text` into `exact`
 * (a {@link referencesOver} `frozen`, whose own definitions are `own`). A definition on the tail's unfinished last line is exact
 * but not safe to show yet: `[d]: https://exa` would make live links, and image requests, to a
 * truncated URL. So display rendering uses the definitions of the tail without that line.
 */
export function renderDefinitions(
  md: MarkdownEngine,
  text: string,
  starts: readonly number[],
  frozen: DefinitionTable,
  exact: DefinitionTable,
  own: ReadonlyMap<string, string>,
): RenderDefinitions {
  const lastLine = starts.length - 1
  const lastLineStart = starts[lastLine] ?? 0
  const complete =
    lastLine > 0 && lastLineStart === text.length && isLineTerminated(text, starts, lastLine - 1)
  if (own.size === 0 || complete) return { exact, display: exact, unsettled: [] }
  const display = referencesOver(frozen)
  md.parse(text.slice(0, lastLineStart), { references: display })
  const settled = ownDefinitions(display)
  const unsettled = [...own.keys()].filter((label) => settled.get(label) !== own.get(label))
  for (const label of settled.keys()) if (!own.has(label)) unsettled.push(label)
  return { exact, display, unsettled }
}
