#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { startMockOpenAI } from './start-mock-openai.js'

const USAGE = `Usage: typewriter-chat-mock [options]

Starts an OpenAI-compatible mock server and prints its base URL (ending in /v1) on the first line.

Options:
  --port <n>                 port to listen on (default: 0, any free port)
  --host <host>              interface to listen on (default: 127.0.0.1)
  --tokens-per-second <n>    pace of the mock model's answers (default: 40; "Infinity": unpaced)
  -h, --help                 show this help
`

function fail(message: string): never {
  process.stderr.write(`typewriter-chat-mock: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function readArgs() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'tokens-per-second': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    return fail((error as Error).message)
  }
}

const args = readArgs()
if (args.help === true) {
  process.stdout.write(USAGE)
  process.exit(0)
}
const port = Number(args.port ?? 0)
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`invalid --port: ${args.port}`)
const tokensPerSecond = Number(args['tokens-per-second'] ?? 40)
if (!(tokensPerSecond > 0)) fail(`invalid --tokens-per-second: ${args['tokens-per-second']}`)

const mock = await startMockOpenAI({ port, host: args.host ?? '127.0.0.1', tokensPerSecond })
// Listening for signals before the URL goes out: whoever reads it may stop the mock at once.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void mock.close().then(() => process.exit(0))
  })
}
process.stdout.write(`${mock.url}\n`)
process.stdout.write(
  `api key: any bearer token (e.g. ${mock.apiKey}) · models: mock-chat, mock-reasoner\n`,
)
