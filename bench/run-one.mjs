// Child-process entry of bench/run.mjs: imports one benchmark module and prints its markdown section.
import { pathToFileURL } from 'node:url'

const file = process.argv[2]
if (!file) throw new Error('usage: run-one.mjs <file.bench.mjs>')
// stdout carries only the section; progress lines a benchmark logs go to stderr.
const write = process.stdout.write.bind(process.stdout)
console.log = console.error
const mod = await import(pathToFileURL(file).href)
const section = await mod.default()
write(section.trim() + '\n')
