import express from 'express'
import type { RequestHandler, Router } from 'express'
import { methodNotAllowed, requireJson } from '../http/route-guards.js'
import { streamChatReply } from '../streaming/stream-chat-reply.js'
import { track } from '../log/request-log.js'
import type { RelayContext } from '../upstream/relay-context.js'
import { buildChatRequest } from './build-chat-request.js'
import { apiChatBody, parseBody } from './chat-body.js'

/** The JSON body parser of the chat routes: 1 MB at most, objects and arrays only. */
export const jsonBody: RequestHandler = express.json({ limit: '1mb', type: 'application/json' })

/** `POST /api/chat`: the demo's endpoint; always a stream in OpenAI's chunk format. */
export function chatRoute(relay: RelayContext): Router {
  const router = express.Router()
  router
    .route('/api/chat')
    .post(requireJson, jsonBody, async (req, res) => {
      const body = parseBody(apiChatBody, req.body)
      const request = buildChatRequest(body, relay.config)
      await track(
        res,
        streamChatReply(relay, request, res, { continuation: body.continuation ?? true }),
      )
    })
    .all(methodNotAllowed(['POST']))
  return router
}
