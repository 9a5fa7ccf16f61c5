// Runs the benchmarks (bench/*.bench.mjs) and writes their sections to docs/benchmarks.md.
// Usage: pnpm bench [name ...]   e.g. `pnpm bench core-parse` reruns one section and keeps the others.
// Each benchmark runs in its own Node process so one's heap and JIT state cannot skew another's.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const docPath = join(here, '..', 'docs', 'benchmarks.md')
const wanted = process.argv.slice(2).filter((arg) => arg !== '--')
const all = readdirSync(here)
  .filter((file) => file.endsWith('.bench.mjs'))
  .map((file) => file.slice(0, -'.bench.mjs'.length))
  .sort()
const unknown = wanted.filter((name) => !all.includes(name))
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${all.join(', ')}`)
  process.exit(2)
}
const selected = wanted.length > 0 ? wanted : all

const previous = existsSync(docPath) ? readFileSync(docPath, 'utf8') : ''
const sections = new Map()
for (const match of previous.matchAll(/<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g)) {
  sections.set(match[1], match[2])
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`
for (const name of selected) {
  console.log(`bench: ${name} ...`)
  const started = Date.now()
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', join(here, 'run-one.mjs'), join(here, `${name}.bench.mjs`)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  )
  if (child.status !== 0) {
    console.error(`bench: ${name} failed (exit ${child.status})`)
    process.exit(1)
  }
  const body = child.stdout.trim()
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  const stamp = `_Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench ${name}\` on ${machine}; took ${seconds} s._`
  sections.set(name, `${body}\n\n${stamp}\n`)
  console.log(body + '\n')
}

const ordered = [...sections.keys()].sort()
const doc = [
  '# Benchmarks',
  '',
  'Written by `pnpm bench` (all sections) or `pnpm bench <name>` (one section; the others are kept).',
  'The machines are shared and noisy, so every claim is a ratio between alternatives measured',
  'alternately in the same run, never an absolute time compared across runs.',
  '',
  ...ordered.map(
    (name) => `<!-- bench:${name} -->\n${sections.get(name)}<!-- /bench:${name} -->\n`,
  ),
].join('\n')
writeFileSync(docPath, doc)
console.log(`bench: wrote ${docPath}`)
