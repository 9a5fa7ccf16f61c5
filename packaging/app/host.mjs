// An adopter's server: its own Express app with its own routes, the installed relay mounted under
// /chat (the installed fake OpenAI server as its upstream) and under /demo (the relay's built-in
// mock). Prints one JSON line once it listens.
import express from 'express'
import { startMockOpenAI } from '@typewriter-chat/mock-openai'
import { createRelay, DEFAULT_STATIC_DIR, loadConfig } from '@typewriter-chat/relay'

const upstream = await startMockOpenAI({ script: { chunks: ['Hello', ' from the tarballs'] } })
const app = express()
app.get('/hello', (_req, res) => void res.send('host route'))
app.use('/chat', createRelay({ upstream: { apiKey: upstream.apiKey, baseURL: upstream.url } }))
// The relay's own mock upstream, which it loads from its dependency on the mock package.
app.use('/demo', createRelay({ upstream: { mock: true } }))
const server = app.listen(0, '127.0.0.1', () => {
  const production = loadConfig({ NODE_ENV: 'production' }).relay
  process.stdout.write(
    `${JSON.stringify({
      url: `http://127.0.0.1:${server.address().port}`,
      defaultStaticDir: DEFAULT_STATIC_DIR ?? null,
      productionStaticDir: production.staticDir ?? null,
    })}\n`,
  )
})
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close()
  void upstream.close()
})
