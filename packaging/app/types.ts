// Compiled by the packaging test with NodeNext resolution, Node's and the DOM's types and nothing
// of Vite's: what an app sees of the installed packages' declarations.
import { parseChatStream } from '@typewriter-chat/core'
import type { ChatStreamEvent } from '@typewriter-chat/core'
import { createManualClock } from '@typewriter-chat/core/testing'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import type { MockPlan } from '@typewriter-chat/mock-openai'
import { createRelay } from '@typewriter-chat/relay'
import { createMarkdownIt, TypewriterChat, useChat } from '@typewriter-chat/vue'
import express from 'express'

type IsAny<T> = 0 extends 1 & T ? true : false
/** Compiles only when `value`'s type is not `any`. */
const typed = <T>(value: T, notAny: IsAny<T> extends true ? never : true): T =>
  notAny ? value : value

const markdown = typed(createMarkdownIt(), true)
markdown.render('# typed')
typed(TypewriterChat, true)
typed(useChat, true)
typed(createManualClock, true)

const plan: MockPlan = { chunks: ['hi'] }
const upstream = await startMockOpenAI({ script: plan })
const app = express()
app.use('/chat', createRelay({ upstream: { apiKey: upstream.apiKey, baseURL: upstream.url } }))

const response = await fetch(`${upstream.url}/chat/completions`)
for await (const event of parseChatStream(response.body!)) {
  const typedEvent: ChatStreamEvent = event
  void typedEvent
}
