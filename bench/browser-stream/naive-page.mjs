// Builds the naive page (naive/main.js with markdown-it) in memory with Vite's JS API and serves it
// on 127.0.0.1 at an ephemeral port, with the kit's style.css so its markdown looks like the demo's.
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const kit = join(here, '..', '..', 'packages', 'vue')
// Vite and markdown-it are dependencies of packages/vue, not of the workspace root.
const require = createRequire(join(kit, 'package.json'))

async function bundle() {
  const { build } = await import(pathToFileURL(require.resolve('vite')).href)
  const result = await build({
    configFile: false,
    root: join(here, 'naive'),
    mode: 'production',
    logLevel: 'warn',
    resolve: { alias: { 'markdown-it': dirname(require.resolve('markdown-it/package.json')) } },
    build: {
      write: false,
      target: 'es2022',
      modulePreload: false,
      rollupOptions: {
        input: join(here, 'naive', 'main.js'),
        output: { entryFileNames: 'naive.js' },
      },
    },
  })
  const [output] = Array.isArray(result) ? result : [result]
  return output.output.find((file) => file.fileName === 'naive.js').code
}

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Naive streaming markdown</title>
<link rel="stylesheet" href="/style.css">
<style>
  body { margin: 0; font: 16px/1.6 system-ui, sans-serif; display: flex; flex-direction: column; height: 100vh }
  [role="log"] { flex: 1; overflow-y: auto; padding: 16px calc(50% - 380px) }
  [data-role="user"] { margin: 16px 0; padding: 8px 12px; background: #eef; border-radius: 8px }
  textarea { margin: 12px calc(50% - 380px); font: inherit }
</style>
</head>
<body>
<div role="log" aria-live="polite" aria-busy="false"></div>
<textarea aria-label="Message" rows="2"></textarea>
<script type="module" src="/naive.js"></script>
</body>
</html>
`

/**
 * Resolves to `{ origin, url(relay, per), close() }`; `url` opens the page against a relay, rendering
 * per token (the article) or, with `per` = 'read', once per read of the response body.
 */
export async function serveNaivePage() {
  const files = new Map([
    ['/', { type: 'text/html', body: HTML }],
    ['/naive.js', { type: 'text/javascript', body: await bundle() }],
    ['/style.css', { type: 'text/css', body: readFileSync(join(kit, 'dist', 'style.css')) }],
  ])
  const server = createServer((request, response) => {
    const file = files.get(new URL(request.url ?? '/', 'http://localhost').pathname)
    if (!file) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': `${file.type}; charset=utf-8` }).end(file.body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const origin = `http://127.0.0.1:${server.address().port}`
  return {
    origin,
    url: (relay, per = 'token') => `${origin}/?relay=${encodeURIComponent(relay)}&per=${per}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(resolve))
    },
  }
}
