// vue-tsc emits `Foo.vue.d.ts` next to declarations that import `./Foo.vue`. Only bundler-style
// resolution finds that file; `./Foo.vue.js` resolves to it under every moduleResolution,
// NodeNext included, so consumers' settings do not matter. A module that imports a stylesheet for
// its side effect (KaTeX's CSS, loaded with the math chunk) keeps that import in its declaration,
// where it means nothing and fails a consumer whose TypeScript knows no `*.css` modules: it goes.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const dist = new URL('../dist/', import.meta.url).pathname
for (const entry of await readdir(dist, { recursive: true })) {
  if (!entry.endsWith('.d.ts')) continue
  const file = join(dist, entry)
  const text = await readFile(file, 'utf8')
  const fixed = text
    .replace(/(from\s+['"]\.{1,2}\/[^'"]*\.vue)(['"])/g, '$1.js$2')
    .replace(/^\s*import\s+['"][^'"]+\.css['"];?\n/gm, '')
  if (fixed !== text) await writeFile(file, fixed)
}
