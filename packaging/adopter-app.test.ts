import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packPackages, publintProblems, root } from '../scripts/packages.mjs'
import type { Pack } from '../scripts/packages.mjs'

const run = promisify(execFile)
const here = new URL('./app/', import.meta.url)

let app: string
let packs: Pack[]

/**
 * A fresh app outside the workspace that depends on the four tarballs, as an adopter's would after
 * `npm install`. Our packages depend on each other by version, so overrides point those at the
 * tarballs too. pnpm installs the rest from its store, asking the registry only for metadata it has
 * not cached yet.
 */
async function installApp(dir: string): Promise<void> {
  const tarball = (name: string) => `file:${packs.find((pack) => pack.name === name)?.tarball}`
  const ours = Object.fromEntries(packs.map((pack) => [pack.name, tarball(pack.name)]))
  const { packageManager } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'))
  const manifest = {
    name: 'adopter-app',
    private: true,
    type: 'module',
    packageManager,
    dependencies: {
      ...ours,
      express: '^5.3.0',
      vue: '^3.5.0',
      '@types/express': '^5.0.0',
      '@types/node': '^20.19.0',
    },
    pnpm: { overrides: ours },
  }
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
  for (const file of ['host.mjs', 'types.ts', 'tsconfig.json']) {
    await copyFile(new URL(file, here), join(dir, file))
  }
  await run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=silent'], {
    cwd: dir,
    env: { ...process.env, COREPACK_INTEGRITY_KEYS: '0' },
  })
}

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), 'typewriter-chat-adopter-'))
  const tarballs = join(app, 'tarballs')
  await mkdir(tarballs)
  packs = await packPackages(tarballs)
  await installApp(app)
})
afterAll(() => rm(app, { recursive: true, force: true }))

/** An installed package's folder: exactly the files of its tarball. */
const installed = (name: string) => join(app, 'node_modules', name)

describe('the packed packages, installed in a fresh app', () => {
  it('carry the LICENSE, a CHANGELOG and a manifest without workspace: ranges', async () => {
    for (const { name } of packs) {
      const files = await readdir(installed(name))
      expect(files, name).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'README.md']))
      expect(await readFile(join(installed(name), 'LICENSE'), 'utf8')).toMatch(/^MIT License/)
      expect(await readFile(join(installed(name), 'package.json'), 'utf8')).not.toContain(
        'workspace:',
      )
    }
  })

  it('have source maps whose sources are in the package', async () => {
    for (const { name } of packs) {
      const dir = installed(name)
      const maps = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.map'))
      expect(maps.length, name).toBeGreaterThan(0)
      for (const map of maps) {
        const { sources, sourcesContent } = JSON.parse(await readFile(join(dir, map), 'utf8')) as {
          sources: string[]
          sourcesContent?: Array<string | null>
        }
        sources.forEach((source, index) => {
          if (typeof sourcesContent?.[index] === 'string') return
          const file = join(dir, map, '..', source)
          expect(file.startsWith(dir) && existsSync(file), `${name}/${map} → ${source}`).toBe(true)
        })
      }
    }
  })

  // Are the Types Wrong loads TypeScript once per package (seconds each): `pnpm check:packages` runs
  // it; here the type check below stands for it.
  it('pass publint --strict', async () => {
    for (const pack of packs) expect(await publintProblems(pack), pack.name).toEqual([])
  })

  it('import in Node', async () => {
    const script = packs.map((pack) => `await import('${pack.name}')`).join(';')
    await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app })
  })

  it('have declarations that import no CSS', async () => {
    for (const { name } of packs) {
      const dir = installed(name)
      const declarations = (await readdir(dir, { recursive: true })).filter((file) =>
        file.endsWith('.d.ts'),
      )
      for (const file of declarations) {
        const text = await readFile(join(dir, file), 'utf8')
        expect(text, `${name}/${file}`).not.toMatch(/^\s*import\s+['"][^'"]+\.css['"]/m)
      }
    }
  })

  // skipLibCheck, as most apps set it (checking every library's declarations triples the time):
  // what matters is that our exports resolve, and to real types rather than `any` (see app/types.ts).
  it('type-check in an app without Vite, under NodeNext resolution', async () => {
    const tsc = join(root, 'node_modules/typescript/bin/tsc')
    await run(process.execPath, [tsc, '-p', app], { cwd: app }).catch(
      (error: { stdout?: string }) => {
        throw new Error(`tsc failed:\n${error.stdout}`)
      },
    )
  })

  it('serve a chat from the relay mounted under /chat in a host Express app', async () => {
    const host: ChildProcess = spawn(process.execPath, ['host.mjs'], { cwd: app })
    try {
      const [line] = (await once(createInterface({ input: host.stdout! }), 'line')) as [string]
      const started = JSON.parse(line) as {
        url: string
        defaultStaticDir: string | null
        productionStaticDir: string | null
      }
      // Installed, the relay has no demo site beside it to serve.
      expect(started.defaultStaticDir).toBeNull()
      expect(started.productionStaticDir).toBeNull()

      expect(await (await fetch(`${started.url}/hello`)).text()).toBe('host route')
      expect((await fetch(`${started.url}/chat/api/health`)).status).toBe(200)
      const reply = await fetch(`${started.url}/chat/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
      })
      expect(reply.headers.get('content-type')).toMatch(/^text\/event-stream/)
      const stream = await reply.text()
      expect(stream).toContain('"content":"Hello"')
      expect(stream).toContain('"content":" from the tarballs"')
      expect(stream.trimEnd().endsWith('data: [DONE]')).toBe(true)

      const models = (await (await fetch(`${started.url}/demo/v1/models`)).json()) as {
        data: Array<{ id: string }>
      }
      expect(models.data.map((model) => model.id)).toContain('mock-chat')
    } finally {
      host.kill('SIGTERM')
    }
  })
})
