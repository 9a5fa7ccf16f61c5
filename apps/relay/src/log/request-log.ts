import type { ServerResponse } from 'node:http'
import type { Request, RequestHandler, Response } from 'express'
import type { RelayLogger } from './logger.js'

/** What a route reports about a request for its log line. */
export interface RequestLogInfo {
  /** Completion tokens: exact when the upstream reported usage, otherwise counted from chunks. */
  completionTokens?: number
  promptTokens?: number
  /** True when the completion count is an estimate (the upstream sent no usage, e.g. after a stop). */
  approximate?: boolean
  /** The client went away before the reply was complete. */
  aborted?: boolean
  /** The error code sent to the client, if any. */
  errorCode?: string
  /** Work still running when the response closes (a stream noticing the hang-up); logged after it. */
  pending?: Promise<unknown>
}

const infos = new WeakMap<ServerResponse, RequestLogInfo>()

/**
 * The log record of this response; routes fill it in, the request logger prints it (after its
 * `pending` work, which a graceful shutdown waits for too).
 */
export function requestLog(res: ServerResponse): RequestLogInfo {
  let info = infos.get(res)
  if (info === undefined) {
    info = {}
    infos.set(res, info)
  }
  return info
}

/** Marks `work` as part of this request, so its log line waits for the final token counts. */
export function track<T>(res: Response, work: Promise<T>): Promise<T> {
  requestLog(res).pending = work
  return work
}

function formatTokens(info: RequestLogInfo): string {
  if (info.completionTokens === undefined) return ''
  const prefix = info.approximate === true ? '~' : ''
  const prompt = info.promptTokens === undefined ? '' : ` prompt=${info.promptTokens}`
  return `${prompt} completion=${prefix}${info.completionTokens}`
}

/** Formats the one line logged per request. */
export function formatRequestLine(req: Request, res: Response, ms: number): string {
  const info = requestLog(res)
  const parts = [`${req.method} ${req.originalUrl} ${res.statusCode} ${ms}ms${formatTokens(info)}`]
  if (info.errorCode !== undefined) parts.push(`error=${info.errorCode}`)
  if (info.aborted === true) parts.push('aborted by client (upstream cancelled)')
  return parts.join(' ')
}

/**
 * Logs one line per request when its response closes. `close` (not `finish`) so that requests the
 * client abandoned are logged too, with the tokens they had consumed by then.
 */
export function requestLogger(logger: RelayLogger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    res.once('close', () => {
      const ms = Math.round(performance.now() - started)
      const log = (): void => logger.info(formatRequestLine(req, res, ms))
      const pending = requestLog(res).pending
      if (pending === undefined) log()
      else pending.then(log, log)
    })
    next()
  }
}
