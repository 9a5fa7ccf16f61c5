import { expect, it } from 'vitest'
import * as markdown from './index.js'

it('exports exactly the public markdown API', () => {
  expect(Object.keys(markdown).sort()).toEqual([
    'createIncrementalMarkdown',
    'readInlineMath',
    'readMathBlockClosing',
    'readMathBlockOpening',
    'repairMarkdownTail',
    'snapshotHtml',
  ])
})
