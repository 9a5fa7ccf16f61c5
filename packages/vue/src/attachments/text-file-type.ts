// Extensions of files that are text: notes, data and source code. The extension doubles as the
// code-fence language the text is sent under, which markdown highlighters know as an alias.
const TEXT_EXTENSIONS = new Set(
  (
    'txt text md markdown mdx rst adoc tex log csv tsv json jsonl ndjson yaml yml toml ini cfg conf ' +
    'env properties xml html htm css scss sass less svg js mjs cjs jsx ts mts cts tsx vue svelte ' +
    'astro py pyi rb go rs java kt kts scala groovy gradle swift m mm c h cc cpp cxx hpp hh cs fs ' +
    'php pl lua r jl dart ex exs erl hrl hs elm clj cljs ml zig nim sh bash zsh fish ps1 bat cmd ' +
    'sql graphql gql proto tf hcl nix diff patch srt vtt ipynb'
  ).split(' '),
)

// Files known by their whole name rather than an extension.
const TEXT_NAMES = new Set(['dockerfile', 'makefile', 'gemfile', 'rakefile', 'procfile', 'license'])

const TEXT_MEDIA_TYPE =
  /^(text\/|application\/(json|xml|javascript|x-sh|x-yaml|yaml|toml|sql)$)|\+(json|xml)$/

/**
 * The code-fence language of a text file named `name` with the browser's `mediaType`, `''` when it is
 * text of no particular language, `undefined` when it is not a text file. The name is asked first
 * because browsers guess media types from the same extension and often wrongly (`.ts` as MPEG video).
 */
export function textFileLanguage(name: string, mediaType: string): string | undefined {
  const lower = name.toLowerCase()
  const dot = lower.lastIndexOf('.')
  const extension = dot > 0 ? lower.slice(dot + 1) : ''
  if (TEXT_EXTENSIONS.has(extension))
    return extension === 'txt' || extension === 'text' ? '' : extension
  if (dot <= 0 && TEXT_NAMES.has(lower)) return lower
  if (TEXT_MEDIA_TYPE.test(mediaType)) return ''
  return undefined
}
