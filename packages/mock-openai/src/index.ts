export { startMockOpenAI } from './start-mock-openai.js'
export type { MockOpenAI } from './start-mock-openai.js'
export { createMockOpenAIHandler } from './server/create-mock-openai-handler.js'
export type { MockOpenAIHandler } from './server/create-mock-openai-handler.js'
export type { MockOpenAIOptions } from './mock-openai-options.js'
export type { MockControl } from './server/mock-control.js'
export type { MockRequest } from './server/mock-request.js'
export type {
  MockChunk,
  MockDelta,
  MockErrorObject,
  MockPlan,
  MockScript,
  MockUsage,
} from './script/mock-plan.js'
export type { MockModelsPlan } from './script/models-plan.js'
export { MOCK_MODELS } from './model/reply-plan.js'
