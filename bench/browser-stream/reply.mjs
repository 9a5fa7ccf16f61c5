// The reply the browser-stream benchmark streams: a deterministic, LLM-shaped markdown document
// (headings, paragraphs with inline marks and links, nested and ordered lists, code fences, tables,
// quotes, Chinese and Japanese prose), cut into model-sized tokens.
import { seededRandom } from '../shared/llm-reply.mjs'

const WORDS = (
  'a the stream server client token chunk reply render parser browser frame layout buffer event ' +
  'request response model latency cache queue network markdown block fence table heading list ' +
  'incremental append update cost budget thread worker timer scroll paint string decoder relay ' +
  'upstream retry backoff signal abort handler header status body payload schema'
).split(' ')
const CJK = [
  '流式输出需要逐块渲染，已完成的块不会再次解析。',
  '在长回复的末尾，每个词元的开销应与开头相同。',
  'ストリーミング表示では、確定したブロックを再描画しない。',
  '表格和代码块也一样，浏览器的帧预算留给布局和绘制。',
  '网络抖动时，打字机会平滑地追上已接收的文本。',
]
const LANGUAGES = ['ts', 'python', 'bash', 'json']

function writer(random) {
  const pick = (list) => list[Math.floor(random() * list.length)]
  const count = (min, max) => min + Math.floor(random() * (max - min + 1))
  const capitalize = (text) => text[0].toUpperCase() + text.slice(1)
  const sentence = () => {
    const words = Array.from({ length: count(7, 18) }, () => pick(WORDS))
    const roll = random()
    if (roll < 0.15) words[2] = `**${words[2]}**`
    else if (roll < 0.3) words[3] = `\`${words[3]}()\``
    else if (roll < 0.38) words[1] = `*${words[1]}*`
    else if (roll < 0.46) words[4] = `[${words[4]}](https://example.com/docs/${words[4]})`
    return capitalize(words.join(' ')) + (random() < 0.15 ? ` ${pick(CJK)}` : '.')
  }
  const paragraph = () => Array.from({ length: count(2, 5) }, sentence).join(' ')
  const code = (lang, indent = '') => {
    const lines = Array.from({ length: count(5, 22) }, (_, i) => {
      const [a, b] = [pick(WORDS), pick(WORDS)]
      if (lang === 'python') return `    ${a}_${i} = await ${b}(${i}, retries=${i % 4})`
      if (lang === 'bash') return `curl -sN http://127.0.0.1:8787/api/${a} -H 'x-${b}: ${i}'`
      if (lang === 'json') return `  "${a}${i}": { "${b}": ${i * 7}, "ok": ${i % 2 === 0} },`
      return `  const ${a}${i} = await ${b}(${i}) // ${pick(WORDS)} ${pick(WORDS)}`
    })
    const head = { ts: 'export async function run() {', python: 'async def run():' }[lang]
    const tail = { ts: '}', json: '  "end": true\n}' }[lang]
    const body = [lang === 'json' ? '{' : head, ...lines, tail].filter(Boolean)
    return [`\`\`\`${lang}`, ...body, '```'].map((line) => indent + line).join('\n')
  }
  const table = () => {
    const rows = Array.from(
      { length: count(3, 8) },
      (_, row) =>
        `| ${pick(WORDS)} | ${row * 17 + count(0, 9)} ms | ${random() < 0.3 ? pick(CJK) : sentence()} |`,
    )
    return ['| Name | Cost | Note |', '| --- | ---: | --- |', ...rows].join('\n')
  }
  const bullets = () =>
    Array.from({ length: count(3, 6) }, () =>
      random() < 0.25 ? `- ${sentence()}\n  - ${sentence()}\n  - ${sentence()}` : `- ${sentence()}`,
    ).join('\n')
  const steps = () =>
    [`1. ${sentence()}`, code(pick(LANGUAGES), '   '), `2. ${sentence()}`, `3. ${sentence()}`].join(
      '\n\n',
    )
  const blocks = [
    () => paragraph(),
    () => bullets(),
    () => steps(),
    () => code(pick(LANGUAGES)),
    () => `${sentence()}\n\n${table()}`,
    () => `> ${sentence()} ${sentence()}`,
    () => CJK.slice(count(0, 2)).join(''),
  ]
  return (index) => {
    const parts = [`## ${index}. ${capitalize(pick(WORDS))} ${pick(WORDS)} ${pick(WORDS)}`]
    parts.push(paragraph())
    for (let sub = 0, subs = count(1, 3); sub < subs; sub++) {
      parts.push(`### ${capitalize(pick(WORDS))} ${pick(WORDS)}`, paragraph())
      for (let k = 0, n = count(1, 3); k < n; k++) parts.push(pick(blocks)())
    }
    return parts.join('\n\n') + '\n\n'
  }
}

/** Whole sections of the document until it holds at least `size` characters. */
export function replyDocument(size, seed = 5) {
  const section = writer(seededRandom(seed))
  let text = ''
  for (let index = 1; text.length < size; index++) text += section(index)
  return text
}

/**
 * Cuts text as a BPE tokenizer roughly does: a word with its leading space (long words in pieces of
 * up to 8 letters), digits in threes, punctuation runs of up to 3, one to three CJK characters,
 * newlines on their own. Never splits a code point.
 */
export function tokenize(text) {
  const pattern =
    / ?[A-Za-z]{1,8}| ?\d{1,3}|\n+| +(?= \S)| +|[^\sA-Za-z\d\u3000-\u9fff]{1,3}|[\u3000-\u9fff]{1,3}|\S/gu
  return text.match(pattern) ?? []
}
