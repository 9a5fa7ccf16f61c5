import { DIAGRAM_BLOCK } from './code-block-html.js'
import type * as DiagramEngineModule from './diagram-engine.js'

/*
 * Loaded with the first diagram (see diagram-dom.ts), so none of this is in the first load; it loads
 * Mermaid in turn, which is far larger.
 */

type DiagramEngine = typeof DiagramEngineModule

let engine: Promise<DiagramEngine> | null = null
/** The draws in order: Mermaid is not re-entrant, so one diagram is drawn at a time. */
let queue: Promise<void> = Promise.resolve()
let drawn = 0

/** Whether the text of `element` is light, i.e. it sits on a dark background (`light-dark()` included). */
function onDarkBackground(element: Element): boolean {
  const color = getComputedStyle(element).color
  // `rgb(r, g, b)` in 0–255, or `color(srgb r g b)` in 0–1.
  const scale = color.startsWith('color(') ? 255 : 1
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map((part) => Number(part) * scale)
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128
}

function loadEngine(): Promise<DiagramEngine> {
  engine ??= import('./diagram-engine.js').catch((error: unknown) => {
    // A chunk that failed to load is fetched again for the next diagram.
    engine = null
    throw error
  })
  return engine
}

function showError(block: HTMLElement, message: string): void {
  const note = document.createElement('p')
  note.className = 'tc-diagram__error'
  note.textContent = message
  block.append(note)
}

async function draw(block: HTMLElement): Promise<void> {
  // A block removed while waiting (a new message, an edit) is not drawn.
  if (!block.isConnected) return
  const source = block.querySelector('code')?.textContent ?? ''
  // Mermaid lays the diagram out here: inside the block, so the text is measured in its fonts;
  // out of the flow and invisible, so nothing moves while it draws and the code keeps its place.
  const scratch = document.createElement('div')
  scratch.className = 'tc-diagram__scratch'
  scratch.setAttribute('aria-hidden', 'true')
  block.append(scratch)
  try {
    const { renderDiagram } = await loadEngine()
    const svg = await renderDiagram(
      `tc-diagram-${++drawn}`,
      source,
      scratch,
      onDarkBackground(block),
    )
    const view = document.createElement('div')
    view.className = 'tc-diagram__view'
    view.append(svg)
    block.querySelector('.tc-code__pre')?.before(view)
    block.setAttribute('data-tc-view', 'diagram')
    block.querySelector('[data-tc-diagram-toggle]')?.removeAttribute('hidden')
  } catch (error) {
    showError(block, error instanceof Error && error.message ? error.message : String(error))
  } finally {
    scratch.remove()
  }
}

/**
 * Queues `blocks`, which must be in the document, to be drawn one at a time after the ones queued
 * before. Until it is drawn (and when it cannot be) a block shows its source; a failure adds the
 * error's message under it.
 */
export function drawBlocks(blocks: readonly HTMLElement[]): void {
  for (const block of blocks) queue = queue.then(() => draw(block))
}

/**
 * A click on a markdown root: a pressed diagram/source toggle shows the source. Delegated, like the
 * copy button's, so nothing is bound per block.
 */
export function onToggleClick(event: MouseEvent): void {
  const target = event.target
  if (!(target instanceof Element)) return
  const toggle = target.closest('[data-tc-diagram-toggle]')
  const block = toggle?.closest(DIAGRAM_BLOCK)
  if (!toggle || !block) return
  const source = toggle.getAttribute('aria-pressed') !== 'true'
  toggle.setAttribute('aria-pressed', String(source))
  block.setAttribute('data-tc-view', source ? 'source' : 'diagram')
}
