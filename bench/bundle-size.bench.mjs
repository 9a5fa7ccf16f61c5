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

/** Minified chunks of one bundle: the entry chunk first, then lazily imported ones. */
async function bundle(input, { external = [], plugins = [] } = {}) {
  const build = await rolldown({ input, external, plugins, logLevel: 'silent' })
  const { output } = await build.generate({ format: 'es', minify: true })
  await build.close()
  const chunks = output.filter((item) => item.type === 'chunk')
  return [...chunks.filter((chunk) => chunk.isEntry), ...chunks.filter((chunk) => !chunk.isEntry)]
}

/** The entry chunk of a virtual module that re-exports `names` from core's dist. */
async function coreSubset(names) {
  const id = '\0subset'
  const [entry] = await bundle(id, {
    plugins: [
      {
        name: 'subset',
        resolveId: (source) => (source === id ? id : null),
        load: (source) =>
          source === id ? `export { ${names.join(', ')} } from ${JSON.stringify(coreDist)}` : null,
      },
    ],
  })
  return sizes(entry.code)
}

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`
const row = (label, size, target = '') =>
  `| ${label} | ${kb(size.min)} | **${kb(size.gz)}** | ${kb(size.br)} |${target ? ` ${target} |` : ''}`
const verdict = (size, limit) =>
  `≤ ${kb(limit)}: ${size.gz <= limit ? 'met' : `**not met** (${kb(size.gz - limit)} over)`}`

export default async function bundleSizeBench() {
  const kitSource = readFileSync(join(vueDist, 'index.js'), 'utf8')
  const imported = /import\s*\{([^}]*)\}\s*from\s*"@typewriter-chat\/core"/.exec(kitSource)?.[1]
  const kitNames = new Set(imported?.split(',').map((part) => part.trim().split(/\s+as\s+/)[0]))
  if ([...kitNames].sort().join() !== [...KIT_USES].sort().join()) {
    throw new Error(`the kit imports ${[...kitNames].join(', ')} from core; update KIT_USES`)
  }

  const [kitEntry, ...kitLazy] = await bundle(join(vueDist, 'index.js'), { external: KIT_EXTERNAL })
  const kit = sizes(kitEntry.code)
  const lazy = sizes(kitLazy.map((chunk) => chunk.code).join(''))
  const css = sizes(readFileSync(join(vueDist, 'style.css'), 'utf8'))
  const [coreEntry] = await bundle(coreDist)
  const core = sizes(coreEntry.code)
  const kitCore = await coreSubset(KIT_USES)
  const features = []
  for (const [label, names] of FEATURES) features.push([label, await coreSubset(names)])
  console.log(
    `kit ${kb(kit.gz)} gz, core ${kb(core.gz)} gz, core as the kit uses it ${kb(kitCore.gz)} gz`,
  )

  return [
    '## Bundle size (kit and core)',
    '',
    'Each entry bundled from the built `dist` by rolldown (vite 8’s bundler) with `minify: true`, then',
    'gzip level 9 and brotli quality 11 of the result. The kit’s line is `packages/vue/dist/index.js`',
    'with `vue`, `@typewriter-chat/core`, `markdown-it` and `highlight.js` external (the app ships',
    'them once); its highlighter chunk loads on the first code block and is listed apart. Core’s',
    'subset lines bundle a module that re-exports just the names shown, i.e. what an app importing',
    'only those pays after tree-shaking.',
    '',
    '| bundle | min | min+gz | min+br | target (gz) |',
    '| --- | ---: | ---: | ---: | --- |',
    row('kit: `@typewriter-chat/vue` JS', kit, verdict(kit, KIT_TARGET)),
    row('kit: lazy highlighter chunk', lazy, 'loaded on demand'),
    row('kit: `style.css`', css, '—'),
    row('core: whole package', core, verdict(core, CORE_TARGET)),
    row(
      `core: what the kit uses (${KIT_USES.map((name) => `\`${name}\``).join(', ')})`,
      kitCore,
      verdict(kitCore, CORE_TARGET),
    ),
    ...features.map(([label, size]) => row(`core: \`${label}\` alone`, size, '—')),
  ].join('\n')
}
