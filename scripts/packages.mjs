// The published packages, packed as `pnpm publish` would pack them, and the checks every tarball
// must pass: publint --strict and Are the Types Wrong. `pnpm check:packages` runs them; the packaging
// test (packaging/) installs the same tarballs in a fresh app.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'

const run = promisify(execFile)
export const root = fileURLToPath(new URL('..', import.meta.url))

/** Folders of the packages we publish, in dependency order. */
export const PUBLISHED = ['packages/core', 'packages/mock-openai', 'packages/vue', 'apps/relay']

/** Packs every published package into `destination` (a folder); resolves with their tarballs. */
export async function packPackages(destination) {
  return Promise.all(
    PUBLISHED.map(async (folder) => {
      const dir = join(root, folder)
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
      // pnpm pack rewrites `workspace:` ranges to versions and adds the workspace's LICENSE.
      await run('pnpm', ['pack', '--pack-destination', destination], { cwd: dir })
      const file = `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`
      return { name: manifest.name, dir, tarball: join(destination, file), manifest }
    }),
  )
}

/** The problems publint (strict: warnings count) finds in a packed tarball. */
export async function publintProblems(pack) {
  const tarball = await readFile(pack.tarball)
  const { messages, pkg } = await publint({
    pack: {
      tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.length),
    },
    strict: true,
  })
  return messages
    .filter((message) => message.type !== 'suggestion')
    .map((message) => `publint: ${formatMessage(message, pkg, { color: false })}`)
}

/**
 * The problems Are the Types Wrong finds. Profile `esm-only`: our packages are ESM only (Node ≥ 20.19,
 * `import` conditions), so `require` from CommonJS and pre-`exports` node10 resolution are out of
 * scope; ESM under node16 and bundler resolution must be clean. CSS exports carry no types.
 */
export async function attwProblems(pack) {
  const css = Object.keys(pack.manifest.exports ?? {}).filter((entry) => entry.endsWith('.css'))
  const args = [pack.tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color']
  if (css.length > 0) args.push('--exclude-entrypoints', ...css)
  try {
    await run(join(root, 'node_modules/.bin/attw'), args)
    return []
  } catch (error) {
    return [`attw:\n${error.stdout ?? error.message}`]
  }
}

/** publint and attw for each packed package: `[name, problems][]`, problems empty when clean. */
export async function checkPacks(packs) {
  return Promise.all(
    packs.map(async (pack) => [
      pack.name,
      [...(await publintProblems(pack)), ...(await attwProblems(pack))],
    ]),
  )
}
