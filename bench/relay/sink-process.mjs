// A client that only reads: on `run`, opens STREAMS concurrent GETs to PORT on 127.0.0.1 and
// discards their bodies, replying `run` once every response ended. Spawned with an IPC channel by
// read-cost-process.mjs, on the other CPU, so reading costs the measured writer nothing.
import { Agent, get } from 'node:http'

const port = Number(process.env.PORT)
const streams = Number(process.env.STREAMS)
const agent = new Agent({ keepAlive: true, maxSockets: Infinity })

function readOne() {
  return new Promise((resolve, reject) => {
    get({ agent, host: '127.0.0.1', port, path: '/' }, (res) => {
      res.on('data', () => {})
      res.on('end', resolve)
      res.on('error', reject)
    }).on('error', reject)
  })
}

process.on('message', async (message) => {
  if (message.type !== 'run') return
  await Promise.all(Array.from({ length: streams }, readOne))
  process.send({ type: 'run' })
})
process.on('disconnect', () => process.exit(0))
process.send({ type: 'ready' })
