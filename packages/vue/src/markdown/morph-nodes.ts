const same = (a: Node, b: Node): boolean =>
  a.nodeType === b.nodeType &&
  (a.nodeType !== Node.ELEMENT_NODE || (a as Element).tagName === (b as Element).tagName)

function syncAttributes(target: Element, source: Element): void {
  for (const { name } of [...target.attributes]) {
    if (!source.hasAttribute(name)) target.removeAttribute(name)
  }
  for (const { name, value } of source.attributes) {
    if (target.getAttribute(name) !== value) target.setAttribute(name, value)
  }
}

function morph(target: ChildNode, source: ChildNode): void {
  if (target.nodeType !== Node.ELEMENT_NODE) {
    if (target.nodeValue !== source.nodeValue) target.nodeValue = source.nodeValue
    return
  }
  syncAttributes(target as Element, source as Element)
  morphNodes(target, [...target.childNodes], [...source.childNodes], null)
}

/**
 * Makes `current` (consecutive children of `parent`, followed by `before`) equal to `next` (detached
 * nodes, typically just parsed) and returns the nodes now in place. Position by position, a node of
 * the same kind and tag is kept and updated (its attributes, its text, then its children alike);
 * any other is replaced by the new one. A streaming tail mostly grows at its end, so its elements
 * and all but its last text node stay: the browser restyles nothing, re-lays out only what grew,
 * and a selection in the tail survives.
 */
export function morphNodes(
  parent: Node,
  current: readonly ChildNode[],
  next: readonly ChildNode[],
  before: Node | null,
): ChildNode[] {
  const result: ChildNode[] = []
  next.forEach((fresh, index) => {
    const old = current[index]
    if (old !== undefined && same(old, fresh)) {
      morph(old, fresh)
      result.push(old)
      return
    }
    parent.insertBefore(fresh, old ?? before)
    old?.remove()
    result.push(fresh)
  })
  for (const extra of current.slice(next.length)) extra.remove()
  return result
}
