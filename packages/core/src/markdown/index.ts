export { createIncrementalMarkdown } from './incremental-markdown.js'
export type { IncrementalMarkdown, IncrementalMarkdownOptions } from './incremental-markdown.js'
export { snapshotHtml } from './markdown-snapshot.js'
export type { MarkdownBlock, MarkdownSnapshot, MarkdownTail } from './markdown-snapshot.js'
export type { OpenFence } from './open-fence.js'
export { repairMarkdownTail } from './repair-tail.js'
export type {
  MarkdownEngine,
  MarkdownEnv,
  MarkdownFootnotes,
  MarkdownReference,
  MarkdownToken,
} from './markdown-engine.js'
export { readInlineMath, readMathBlockClosing, readMathBlockOpening } from './math-delimiters.js'
export type { MathBlockOpening, MathOpener, MathSpan } from './math-delimiters.js'
