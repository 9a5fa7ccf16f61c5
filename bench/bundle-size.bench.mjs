// Bundle size (min+gz) of the Vue kit's own code and of the core, as an app's bundler ships them.
// Each entry is bundled from the built dist by rolldown (the bundler of the vite that packages/vue
// builds with) with minification on, then compressed with gzip level 9 and brotli quality 11.
// Tree-shaken entries re-export a few names from core's dist, so they weigh what an app pays for
// importing only those.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const coreDist = join(here, '..', 'packages', 'core', 'dist', 'index.js')
const vueDist = join(here, '..', 'packages', 'vue', 'dist')
// rolldown is vite 8's own bundler, not a dependency of ours: reach it through packages/vue's vite.
const fromVue = createRequire(join(here, '..', 'packages', 'vue', 'package.json'))
const fromVite = createRequire(fromVue.resolve('vite'))
const { rolldown } = await import(pathToFileURL(fromVite.resolve('rolldown')).href)

const KIT_EXTERNAL = [
  /^vue$/,
  /^@typewriter-chat\/core$/,
  /^markdown-it(\/|$)/,
  /^highlight\.js(\/|$)/,
]
const KB = 1024
const CORE_TARGET = 5 * KB
const KIT_TARGET = 15 * KB

/** What the kit imports from core (checked against the kit's dist below, so this cannot go stale). */
const KIT_USES = [
  'ChatStreamError',
  'DEFAULT_CONTINUATION_INSTRUCTION',
  'buildContinuationRequest',
  'createIncrementalMarkdown',
  'createTypewriter',
  'streamChat',
]
const FEATURES = [
  ['SSEDecoder', ['SSEDecoder']],
  ['parseChatStream', ['parseChatStream']],
  ['ChatAccumulator', ['ChatAccumulator']],
  ['streamChat', ['streamChat']],
  ['continueOnLength', ['continueOnLength']],
  ['createTypewriter', ['createTypewriter']],
  ['createIncrementalMarkdown', ['createIncrementalMarkdown']],
]

function sizes(code) {
  const bytes = Buffer.from(code)
  return {
    min: bytes.length,
    gz: gzipSync(bytes, { level: 9 }).length,
    br: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  }
}

/** Chunks travel as separate files, so each is compressed on its own and the sizes are summed. */
function sum(chunks) {
  const total = { min: 0, gz: 0, br: 0 }
  for (const chunk of chunks) {
    const size = sizes(chunk.code)
    for (const key of Object.keys(total)) total[key] += size[key]
  }
  return total
}

/**
 * One minified bundle, split as a browser loads it: `initial` is the entry chunk and every chunk it
 * imports statically (shared code the bundler split out included); `lazy` is what loads only
 * through `import()`.
 */
async function bundle(input, { external = [], plugins = [] } = {}) {
  const build = await rolldown({ input, external, plugins, logLevel: 'silent' })
  const { output } = await build.generate({ format: 'es', minify: true })
  await build.close()
  const chunks = new Map(
    output.filter((item) => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]),
  )
  const initial = new Set()
  const visit = (chunk) => {
    if (initial.has(chunk)) return
    initial.add(chunk)
    for (const name of chunk.imports) if (chunks.has(name)) visit(chunks.get(name))
  }
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk)
  const lazy = [...chunks.values()].filter((chunk) => !initial.has(chunk))
  return { initial: sum(initial), lazy: sum(lazy) }
}

/** A virtual module that re-exports `names` from core's dist, bundled. */
function coreSubset(names) {
  const id = '\0subset'
  return bundle(id, {
    plugins: [
      {
        name: 'subset',
        resolveId: (source) => (source === id ? id : null),
        load: (source) =>
          source === id ? `export { ${names.join(', ')} } from ${JSON.stringify(coreDist)}` : null,
      },
    ],
  })
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
const verdict = (gz, limit) =>
  `≤ ${kb(limit)}: ${gz <= limit ? 'met' : `**not met** (${kb(gz - limit)} over)`}`
/** A table row: what loads at once, what loads on demand, and the verdict on `judged` bytes gz. */
function row(label, { initial, lazy }, judged, limit) {
  const later = lazy.min > 0 ? `${kb(lazy.gz)}` : '—'
  const target = limit === undefined ? '—' : verdict(judged, limit)
  return `| ${label} | ${kb(initial.min)} | **${kb(initial.gz)}** | ${kb(initial.br)} | ${later} | ${target} |`
}

export default async function bundleSizeBench() {
  const kitSource = readFileSync(join(vueDist, 'index.js'), 'utf8')
  const imported = /import\s*\{([^}]*)\}\s*from\s*"@typewriter-chat\/core"/.exec(kitSource)?.[1]
  const kitNames = new Set(imported?.split(',').map((part) => part.trim().split(/\s+as\s+/)[0]))
  if ([...kitNames].sort().join() !== [...KIT_USES].sort().join()) {
    throw new Error(`the kit imports ${[...kitNames].join(', ')} from core; update KIT_USES`)
  }

  const kit = await bundle(join(vueDist, 'index.js'), { external: KIT_EXTERNAL })
  const css = sizes(readFileSync(join(vueDist, 'style.css'), 'utf8'))
  const core = await bundle(coreDist)
  const kitCore = await coreSubset(KIT_USES)
  const features = []
  for (const [label, names] of FEATURES) features.push([label, await coreSubset(names)])
  console.log(
    `kit ${kb(kit.initial.gz)} gz, core ${kb(core.initial.gz)} gz, ` +
      `core as the kit uses it ${kb(kitCore.initial.gz)} gz`,
  )

  return [
    '## Bundle size (kit and core)',
    '',
    'Each entry bundled from the built `dist` by rolldown (vite 8’s bundler) with `minify: true`, then',
    'gzip level 9 and brotli quality 11 of the result. The kit’s line is `packages/vue/dist/index.js`',
    'with `vue`, `@typewriter-chat/core`, `markdown-it` and `highlight.js` external (the app ships',
    'them once). Core’s subset lines bundle a module that re-exports just the names shown, i.e. what',
    'an app importing only those pays after tree-shaking. “min+gz” is what loads with the entry',
    '(shared chunks included); “on demand” is code behind `import()`, fetched only when used: the',
    'kit’s highlighter on the first code block, core’s client-side continuation only with',
    '`streamChat({ continueOnLength })` (the kit never passes it: the relay continues). Chunks are',
    'compressed one by one, as they are served; so the whole package, whose continuation code is also',
    'imported statically, pays for that split with a shared chunk compressed apart from the entry.',
    '',
    '| bundle | min | min+gz | min+br | on demand (min+gz) | target (min+gz) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    row('kit: `@typewriter-chat/vue` JS', kit, kit.initial.gz, KIT_TARGET),
    row('kit: `style.css`', { initial: css, lazy: { min: 0 } }),
    row('core: whole package', core, core.initial.gz, CORE_TARGET),
    row(
      `core: what the kit uses (${KIT_USES.map((name) => `\`${name}\``).join(', ')})`,
      kitCore,
      kitCore.initial.gz,
      CORE_TARGET,
    ),
    ...features.map(([label, size]) => row(`core: \`${label}\` alone`, size)),
  ].join('\n')
}
