import type { MockPlan } from './mock-plan.js'

/**
 * What the mock does with `GET /v1/models`, for tests of a client that lists models: the same
 * fields as a chat plan's answer (`hang`, `status` and `error`, `json`) and delivery (`headers`,
 * `headersDelayMs`). A plan that names no answer sends the mock's own list, delivered its way.
 */
export type MockModelsPlan = Pick<
  MockPlan,
  'status' | 'error' | 'headers' | 'headersDelayMs' | 'hang' | 'json'
>
