import { lazyEngine } from './lazy-engine.js'
import type { TexResult } from './math-html.js'

/** Renders TeX with KaTeX (see katex-render.ts). */
export type RenderTex = (tex: string, display: boolean) => TexResult

const katex = lazyEngine<[string, boolean], TexResult>(
  () => import('./katex-render.js').then((module) => module.renderTex),
  (tex, display) => `${display ? 'D' : 'I'}${tex}`,
  64,
)

/**
 * Loads KaTeX, its CSS and fonts (once; later calls share the promise). Formulas rendered before
 * it resolves are placeholders that the components listening for it upgrade in place.
 */
export const loadMath: () => Promise<RenderTex> = katex.load

/** The TeX renderer if KaTeX has loaded, else `null`. */
export const readyMath: () => RenderTex | null = katex.ready

/** Calls `listener` when KaTeX finishes loading; returns a function that unsubscribes. */
export const onMathReady: (listener: () => void) => () => void = katex.onReady
