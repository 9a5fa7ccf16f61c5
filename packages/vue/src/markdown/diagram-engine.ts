import DOMPurify from 'dompurify'
import mermaid from 'mermaid'

/*
 * Loaded only through a dynamic import (see diagram-drawer.ts), so Mermaid and DOMPurify end up in a
 * chunk of their own, fetched with the first diagram.
 */

/** Config keys a diagram's own `%%{init}%%` or front matter may not change. */
const SECURE_KEYS = [
  // Mermaid's defaults.
  'secure',
  'securityLevel',
  'startOnLoad',
  'maxTextSize',
  'suppressErrorRendering',
  'maxEdges',
  // HTML labels need `foreignObject`, which the sanitizer removes; raw theme CSS is the page's call.
  'htmlLabels',
  'themeCSS',
]

let theme: 'dark' | 'default' | null = null

function configure(dark: boolean): void {
  const wanted = dark ? 'dark' : 'default'
  if (theme === wanted) return
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // A diagram that fails throws instead of drawing Mermaid's error picture into the page.
    suppressErrorRendering: true,
    // Labels as SVG text: HTML labels would need foreignObject, which may carry HTML.
    htmlLabels: false,
    secure: SECURE_KEYS,
    theme: wanted,
    logLevel: 'fatal',
  })
  theme = wanted
}

/**
 * Mermaid's SVG is sanitised again, as SVG only, whatever Mermaid let through: no script, no event
 * attributes, no `javascript:` links (DOMPurify's URI check), no `foreignObject` and so no HTML.
 */
function sanitize(svg: string): DocumentFragment {
  return DOMPurify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'foreignobject', 'script'],
    RETURN_DOM_FRAGMENT: true,
  })
}

/**
 * Draws `source` as sanitised SVG nodes, laying it out inside `scratch` (Mermaid measures text in
 * the document, so `scratch` must be attached and not `display: none`). Not re-entrant: Mermaid's
 * configuration is global, so the caller draws one diagram at a time. Throws Mermaid's error, whose
 * message says what is wrong, when the source is not a diagram it can draw.
 */
export async function renderDiagram(
  id: string,
  source: string,
  scratch: Element,
  dark: boolean,
): Promise<DocumentFragment> {
  configure(dark)
  const { svg } = await mermaid.render(id, source, scratch)
  return sanitize(svg)
}
