import type { MarkdownReference } from './markdown-engine.js'

/** Definitions by normalized label, on a null prototype so no label can hit `Object.prototype`. */
export type DefinitionTable = Record<string, MarkdownReference>

/** An empty definition table. */
export function emptyDefinitions(): DefinitionTable {
  return Object.create(null) as DefinitionTable
}

/**
 * A `references` object for one parse: lookups fall through to `inherited` (markdown-it keeps the
 * first definition of a label, so inherited ones win), and what the parse defines lands as own keys.
 */
export function referencesOver(inherited: DefinitionTable): DefinitionTable {
  return Object.create(inherited) as DefinitionTable
}

/** The definitions a parse added (own keys of a {@link referencesOver} object), as comparable signatures. */
export function ownDefinitions(references: DefinitionTable): Map<string, string> {
  const own = new Map<string, string>()
  for (const label of Object.keys(references)) {
    const definition = references[label]
    if (definition) own.set(label, signature(definition))
  }
  return own
}

/**
 * Labels whose definition differs between two parses of the open tail. A label that left the tail
 * because its text was frozen is unchanged when the frozen table now holds the same definition.
 */
export function changedLabels(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  frozen: DefinitionTable,
): string[] {
  const changed: string[] = []
  for (const [label, value] of after) if (before.get(label) !== value) changed.push(label)
  for (const [label, value] of before) {
    if (after.has(label)) continue
    const kept = frozen[label]
    if (!kept || signature(kept) !== value) changed.push(label)
  }
  return changed
}

/** A frozen table extended with the own definitions of `references`, leaving `frozen` untouched. */
export function withOwnDefinitions(
  frozen: DefinitionTable,
  references: DefinitionTable,
): DefinitionTable {
  return Object.assign(emptyDefinitions(), frozen, references)
}

function signature(definition: MarkdownReference): string {
  return `${definition.href}\u0000${definition.title}`
}
