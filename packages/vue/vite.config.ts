import vue from '@vitejs/plugin-vue'
import { Features } from 'lightningcss'
import { defineConfig } from 'vite'

// Dependencies stay imports: the app's bundler dedupes them and tree-shakes what it does not use.
// KaTeX too, its CSS included: the app's bundler puts both, and the fonts the CSS names, in the chunk
// that loads with the first formula.
const external = [
  /^vue$/,
  /^@typewriter-chat\/core$/,
  /^markdown-it(\/|$)/,
  /^highlight\.js(\/|$)/,
  /^mermaid$/,
  /^dompurify$/,
  /^katex(\/|$)/,
]

export default defineConfig({
  plugins: [vue()],
  // light-dark() ships as written: lowered, it reads toggles set only where our CSS declares a
  // color-scheme (.tc-chat), so a reply rendered outside the chat would lose its colours instead of
  // following the page's scheme.
  css: { lightningcss: { exclude: Features.LightDark } },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: true,
    // The styles are an entry of their own, so no module (and no declaration) imports CSS.
    cssCodeSplit: true,
    lib: {
      entry: { index: 'src/index.ts', style: 'src/style.css' },
      formats: ['es'],
    },
    rollupOptions: { external },
  },
})
