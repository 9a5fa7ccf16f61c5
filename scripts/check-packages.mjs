// `pnpm check:packages`: packs every published package and runs publint --strict and Are the Types
// Wrong on the tarballs. Exits 1 when any of them has a problem.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkPacks, packPackages } from './packages.mjs'

const destination = await mkdtemp(join(tmpdir(), 'typewriter-chat-packs-'))
try {
  let failed = false
  for (const [name, problems] of await checkPacks(await packPackages(destination))) {
    console.log(problems.length === 0 ? `ok ${name}` : `FAIL ${name}\n${problems.join('\n')}`)
    failed ||= problems.length > 0
  }
  process.exitCode = failed ? 1 : 0
} finally {
  await rm(destination, { recursive: true, force: true })
}
