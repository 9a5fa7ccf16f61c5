// Bundles a benchmark page (its folder's main.js; by default this bench's page/) in memory with
// Vite's JS API: Vue's production runtime, the built kit (packages/vue/dist, run `pnpm build`
// first) and its style.css. bench/long-conversation builds its own page with it too.
import { realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
// Vite, its Vue plugin and Vue are devDependencies of packages/vue, not of the workspace root.
const require = createRequire(join(here, '..', '..', 'packages', 'vue', 'package.json'))

/**
 * Builds the page in `root`; resolves to a map from URL path (`/page.js`) to `{ type, body }`.
 * `minify: false` keeps function names readable in CPU profiles.
 */
export async function buildPage({ minify = true, root = join(here, 'page') } = {}) {
  const { build } = await import(pathToFileURL(require.resolve('vite')).href)
  const { default: vue } = await import(pathToFileURL(require.resolve('@vitejs/plugin-vue')).href)
  const vueRuntime = join(
    realpathSync(dirname(require.resolve('vue/package.json'))),
    'dist',
    'vue.runtime.esm-bundler.js',
  )
  const result = await build({
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'warn',
    plugins: [vue()],
    // One Vue for the page, the kit and the baseline SFC, whatever directory imports it.
    resolve: { alias: [{ find: /^vue$/, replacement: vueRuntime }] },
    build: {
      write: false,
      minify,
      target: 'es2022',
      modulePreload: false,
      rollupOptions: {
        input: join(root, 'main.js'),
        output: {
          entryFileNames: 'page.js',
          chunkFileNames: '[name]-[hash].js',
          assetFileNames: '[name][extname]',
        },
      },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((item) => item.output)
  const files = new Map()
  for (const file of outputs) {
    const type = file.fileName.endsWith('.css') ? 'text/css' : 'text/javascript'
    files.set(`/${file.fileName}`, { type, body: file.type === 'chunk' ? file.code : file.source })
  }
  const styles = outputs.filter((file) => file.fileName.endsWith('.css'))
  const links = styles.map((file) => `<link rel="stylesheet" href="/${file.fileName}">`).join('')
  files.set('/', {
    type: 'text/html',
    body:
      `<!doctype html><html lang="en"><head><meta charset="utf-8">${links}` +
      '<style>body{margin:0;font:16px/1.6 system-ui,sans-serif}#host{width:760px;margin:0 auto}</style>' +
      '</head><body><div id="host"></div><script type="module" src="/page.js"></script></body></html>',
  })
  return files
}
