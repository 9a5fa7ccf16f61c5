import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

let child: ChildProcess
let url: string

/** Starts the built bin and reads the URL it prints on its first line. */
function startBin(...args: string[]): Promise<{ child: ChildProcess; url: string }> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run pnpm build first`)
  const started = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    started.once('error', reject)
    started.once('exit', (code) => reject(new Error(`the bin exited with ${code}`)))
    createInterface({ input: started.stdout as NodeJS.ReadableStream }).once('line', (line) =>
      resolve({ child: started, url: line }),
    )
  })
}

beforeAll(async () => {
  ;({ child, url } = await startBin('--tokens-per-second', '1000', '--host', '127.0.0.1'))
})
afterAll(() => {
  child.kill('SIGTERM')
})

describe('the typewriter-chat-mock bin', () => {
  const client = () => new OpenAI({ apiKey: 'any', baseURL: url, maxRetries: 0 })

  it('prints its base URL first', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
  })

  it('streams a chat completion to the official SDK', async () => {
    const stream = await client().chat.completions.create({
      model: 'mock-chat',
      messages: [{ role: 'user', content: 'Write a TypeScript function to retry a fetch' }],
      stream: true,
    })
    let text = ''
    let finish: string | null = null
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
    }
    expect(text).toContain('```')
    expect(finish).toBe('stop')
  })

  it('answers a non-streamed chat completion', async () => {
    const completion = await client().chat.completions.create({
      model: 'mock-chat',
      messages: [{ role: 'user', content: '/length 5 Hello' }],
    })
    expect(completion.object).toBe('chat.completion')
    expect(completion.choices[0]?.finish_reason).toBe('length')
    expect(completion.usage?.completion_tokens).toBe(5)
  })

  it('lists its models', async () => {
    const ids: string[] = []
    for await (const model of client().models.list()) ids.push(model.id)
    expect(ids).toEqual(['mock-chat', 'mock-reasoner'])
  })

  it('exits cleanly on SIGINT', async () => {
    const other = await startBin('--port', '0')
    const exited = new Promise((resolve) => other.child.once('exit', (code) => resolve(code)))
    other.child.kill('SIGINT')
    expect(await exited).toBe(0)
  })

  it('explains its options with --help and refuses bad ones', async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const bin = spawn(process.execPath, [BIN, ...args])
        let out = ''
        bin.stdout.on('data', (data: Buffer) => (out += data.toString()))
        bin.stderr.on('data', (data: Buffer) => (out += data.toString()))
        bin.once('exit', (code) => resolve({ code, out }))
      })
    const help = await run('--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('--tokens-per-second')
    expect((await run('--port', 'abc')).code).toBe(2)
  })
})
