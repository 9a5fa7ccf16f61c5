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

/** How long a `/error 429` asks the client to wait: short, so a retry demo does not stall. */
const RETRY_AFTER_SECONDS = 2

/** A 4xx about the request itself (`invalid_request_error`). */
export function invalidRequest(
  message: string,
  param: string | null = null,
  status = 400,
  code: string | null = null,
): MockError {
  return { status, message, type: 'invalid_request_error', code, param }
}

/** The error a real OpenAI-compatible server sends for `status`, for the `/error` directive. */
export function errorForStatus(status: number, message?: string): MockError {
  const base = defaultsFor(status)
  return { status, param: null, ...base, ...(message !== undefined && { message }) }
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
        message: `Rate limit reached for requests. Please try again in ${RETRY_AFTER_SECONDS}s.`,
        type: 'requests',
        code: 'rate_limit_exceeded',
        headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
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

/** OpenAI's shape for an error object, with its defaults filled in and its keys in its order. */
export function errorBody(error: MockErrorObject): { error: Required<MockErrorObject> } {
  return {
    error: {
      message: error.message,
      type: error.type ?? 'server_error',
      param: error.param ?? null,
      code: error.code ?? null,
    },
  }
}

/** Writes `error` as `{ "error": { message, type, param, code } }` with its status and headers. */
export function sendError(res: ServerResponse, error: MockError): void {
  const body = JSON.stringify(errorBody(error))
  const { status, headers } = error
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  })
  res.end(body)
}
