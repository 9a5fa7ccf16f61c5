import { DIAGRAM_BLOCK } from './code-block-html.js'
import type * as DiagramDrawerModule from './diagram-drawer.js'

type DiagramDrawer = typeof DiagramDrawerModule

/*
 * Only the question "does this frozen block hold a diagram?" is in the first load: drawing them
 * (the queue, the scratch element, errors, the toggle) comes with the first diagram, in a chunk of its
 * own, which then loads Mermaid.
 */
let drawer: Promise<DiagramDrawer> | null = null
let loaded: DiagramDrawer | null = null

function loadDrawer(): Promise<DiagramDrawer> {
  drawer ??= import('./diagram-drawer.js').then(
    (module) => (loaded = module),
    (error: unknown) => {
      // A chunk that failed to load is fetched again for the next diagram; until then, the source shows.
      drawer = null
      throw error
    },
  )
  return drawer
}

/**
 * Draws the diagram blocks among `nodes` (and their descendants), which must be in the document:
 * each is drawn once, asynchronously and after the ones queued before it. Until it is drawn (and
 * when it cannot be) a block shows its source; a failure adds the error's message under it.
 */
export function drawDiagrams(nodes: readonly ChildNode[]): void {
  const blocks: HTMLElement[] = []
  for (const node of nodes) {
    if (!(node instanceof HTMLElement)) continue
    if (node.matches(DIAGRAM_BLOCK)) blocks.push(node)
    else blocks.push(...node.querySelectorAll<HTMLElement>(DIAGRAM_BLOCK))
  }
  if (blocks.length === 0) return
  loadDrawer().then(
    (module) => module.drawBlocks(blocks),
    (error: unknown) => console.error(error),
  )
}

/**
 * The click listener of a markdown root for the diagram/source toggles. A toggle shows only once
 * its diagram is drawn, so before the drawer has loaded there is none to press.
 */
export function onDiagramToggleClick(event: MouseEvent): void {
  loaded?.onToggleClick(event)
}
