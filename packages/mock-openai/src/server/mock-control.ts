import type { MockPlan, MockScript } from '../script/mock-plan.js'
import type { MockModelsPlan } from '../script/models-plan.js'
import type { MockRequest } from './mock-request.js'

/** The recording and scripting surface, shared by the handler and the running server. */
export interface MockControl {
  /** Every request so far, oldest first (including /v1/models etc.). */
  readonly requests: readonly MockRequest[]
  /** Replaces the default plan; `undefined` restores the mock model. */
  script(plan: MockPlan | MockScript | undefined): void
  /** Queues a plan for the next chat request only (queued plans are used in order). */
  scriptOnce(plan: MockPlan | MockScript): void
  /** Resolves with the n-th request (0-based, default 0) once it has arrived. */
  nextRequest(n?: number): Promise<MockRequest>
  /** Sets how `GET /v1/models` is answered; `undefined` restores the mock's own list. */
  scriptModels(plan: MockModelsPlan | undefined): void
}

/** The control plus what the handler needs from it: adding records and choosing plans. */
export interface MockRecorder extends MockControl {
  add(record: MockRequest): void
  /** The plan for a chat request: the next queued one, else the default; `undefined`: the mock model. */
  planFor(record: MockRequest): MockPlan | undefined
  /** The plan for `GET /v1/models`, if one is set. */
  readonly modelsPlan: MockModelsPlan | undefined
}

export function createRecorder(initial: MockPlan | MockScript | undefined): MockRecorder {
  const requests: MockRequest[] = []
  const queue: (MockPlan | MockScript)[] = []
  let fallback = initial
  let waiters: (() => void)[] = []
  let modelsPlan: MockModelsPlan | undefined
  const resolve = (
    plan: MockPlan | MockScript | undefined,
    record: MockRequest,
  ): MockPlan | undefined => (typeof plan === 'function' ? plan(record) : plan)
  return {
    requests,
    script(plan) {
      fallback = plan
    },
    scriptOnce(plan) {
      queue.push(plan)
    },
    scriptModels(plan) {
      modelsPlan = plan
    },
    get modelsPlan() {
      return modelsPlan
    },
    async nextRequest(n = 0) {
      while (requests[n] === undefined) {
        await new Promise<void>((wake) => waiters.push(wake))
      }
      return requests[n]
    },
    add(record) {
      requests.push(record)
      const woken = waiters
      waiters = []
      for (const wake of woken) wake()
    },
    planFor(record) {
      const queued = queue.shift()
      return queued !== undefined ? resolve(queued, record) : resolve(fallback, record)
    },
  }
}

/** Puts `control`'s surface on `target` (`requests` stays live), for the handler and the server. */
export function withControl<T extends object>(target: T, control: MockControl): T & MockControl {
  return Object.assign(target, {
    get requests() {
      return control.requests
    },
    script: control.script,
    scriptOnce: control.scriptOnce,
    nextRequest: control.nextRequest,
    scriptModels: control.scriptModels,
  })
}
