export { startMockModel } from './mock-model.js'
export type { MockModel, MockModelOptions } from './mock-model.js'
