/** The parts of a keydown these rules read. */
export type KeyInfo = Pick<
  KeyboardEvent,
  'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'isComposing'
> & { keyCode?: number }

/** What pressing a key in the message box should do. */
export type EnterAction = 'send' | 'newline' | 'ignore'

/**
 * Decides what a keydown in the message box means. Enter sends and Shift+Enter (or Alt / Ctrl
 * +Enter, which some users expect from other apps) inserts a newline, except while an input method
 * is composing: then Enter picks a candidate and must never send. Browsers disagree on how to tell,
 * so any one of three signs counts: our own `compositionstart`/`compositionend` bookkeeping,
 * `event.isComposing`, and `keyCode` 229, which Safari sends for the Enter that ends a composition
 * after it has already fired `compositionend`. With `touch` (a phone or tablet) Enter adds a line.
 */
export function enterAction(event: KeyInfo, composing: boolean, touch = false): EnterAction {
  if (event.key !== 'Enter') return 'ignore'
  if (isComposing(event, composing)) return 'ignore'
  // A soft keyboard has no Shift+Enter: there Enter adds a line and the Send button sends (a
  // tablet's hardware keyboard can still send with Ctrl or Cmd+Enter).
  if (touch) return event.ctrlKey || event.metaKey ? 'send' : 'newline'
  if (event.shiftKey || event.altKey || event.ctrlKey) return 'newline'
  return 'send'
}

/**
 * True while an input method is composing, by any of the three signs `enterAction` names: then
 * Enter picks a candidate and Escape drops the composition, neither is meant for the app.
 */
export function isComposing(event: KeyInfo, composing: boolean): boolean {
  return composing || event.isComposing || event.keyCode === 229
}
