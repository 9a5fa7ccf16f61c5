#!/usr/bin/env node
// Runs the unit tests of core and the relay on other Node majors (`node scripts/test-on-node.mjs 22 24`),
// after `pnpm test` built everything. Each Node comes from the npm registry (the `node-<os>-<arch>`
// packages publish the official binaries), unpacked once into .tmp/node/<version>/ and reused.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const cache = join(root, '.tmp', 'node')
const projects = ['core', 'relay']

/** The `node` binary of the newest release of `major`, downloaded once. */
function nodeBinary(major) {
  const pkg = `node-${process.platform}-${process.arch}@${major}`
  mkdirSync(cache, { recursive: true })
  const tarball = execFileSync('npm', ['pack', pkg, '--silent', '--pack-destination', cache], {
    encoding: 'utf8',
  }).trim()
  const dir = join(cache, tarball.replace(/\.tgz$/, ''))
  if (!existsSync(join(dir, 'package', 'bin', 'node'))) {
    mkdirSync(dir, { recursive: true })
    execFileSync('tar', ['-xzf', join(cache, tarball), '-C', dir])
  }
  return join(dir, 'package', 'bin', 'node')
}

const majors = process.argv.slice(2)
if (majors.length === 0) {
  console.error('usage: node scripts/test-on-node.mjs <major> [<major>...]')
  process.exit(2)
}
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
let failed = false
for (const major of majors) {
  const node = nodeBinary(major)
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()
  console.log(`\n== unit tests of ${projects.join(' and ')} on Node ${version}`)
  const args = [vitest, 'run', ...projects.flatMap((project) => ['--project', project])]
  const run = spawnSync(node, args, { cwd: root, stdio: 'inherit' })
  if (run.status !== 0) {
    console.error(`== failed on Node ${version} (exit ${run.status ?? run.signal})`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
