import type { ServerResponse } from 'node:http'
import type { MockErrorObject } from '../script/mock-plan.js'

/** An error the mock answers with, in the shape OpenAI's API uses so SDKs map it to their error classes. */
export interface MockError {
  status: number
  message: string
  type: string
  code: string | null
  param: string | null
  headers?: Record<string, string>
}

/** A 4xx about the request itself (`invalid_request_error`). */
export function invalidRequest(
  message: string,
  param: string | null = null,
  status = 400,
  code: string | null = null,
): MockError {
  return { status, message, type: 'invalid_request_error', code, param }
}

/**
 * The error body a real OpenAI-compatible server sends with `status`, and no headers: a scripted
 * plan sends exactly the headers it names (the `/error` directive adds its own Retry-After).
 */
export function errorForStatus(status: number, message?: string): MockError {
  const base = defaultsFor(status)
  return { status, param: null, ...base, ...(message !== undefined && { message }) }
}

/** How long a `/error 429` asks the client to wait: short, so a retry demo does not stall. */
const RETRY_AFTER_SECONDS = 2

/** The error the `/error` directive answers with: a 429 names its wait, as OpenAI's do. */
export function directiveError(status: number, message?: string): MockError {
  if (status !== 429) return errorForStatus(status, message)
  const wait = String(RETRY_AFTER_SECONDS)
  return {
    ...errorForStatus(
      status,
      message ?? `Rate limit reached for requests. Please try again in ${wait}s.`,
    ),
    headers: { 'retry-after': wait },
  }
}

function defaultsFor(status: number): Omit<MockError, 'status' | 'param'> {
  switch (status) {
    case 401:
      return {
        message: 'Incorrect API key provided: mock-*****-key. Check the key and try again.',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      }
    case 403:
      return {
        message: 'You are not allowed to use this model.',
        type: 'permission_error',
        code: 'permission_denied',
      }
    case 404:
      return {
        message: 'The model does not exist or you do not have access to it.',
        type: 'invalid_request_error',
        code: 'model_not_found',
      }
    case 429:
      return {
        message: 'Rate limit reached for requests.',
        type: 'requests',
        code: 'rate_limit_exceeded',
      }
    case 503:
      return {
        message: 'The engine is currently overloaded, please try again later.',
        type: 'server_error',
        code: 'overloaded',
      }
    default:
      return status >= 500
        ? {
            message: 'The server had an error while processing your request.',
            type: 'server_error',
            code: null,
          }
        : {
            message: `Request failed with status ${status}.`,
            type: 'invalid_request_error',
            code: null,
          }
  }
}

/**
 * OpenAI's shape for an error object, with its defaults filled in and its keys in its order; extra
 * fields (a relay's `status`) follow them.
 */
export function errorBody(error: MockErrorObject): { error: Required<MockErrorObject> } {
  const { message, type = 'server_error', param = null, code = null, ...extra } = error
  return { error: { message, type, param, code, ...extra } }
}

/** Writes `error` as `{ "error": { message, type, param, code } }` with its status and headers. */
export function sendError(res: ServerResponse, error: MockError): void {
  const { status, headers, ...object } = error
  const body = JSON.stringify(errorBody(object))
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  })
  res.end(body)
}
