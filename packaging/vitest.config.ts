import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'packaging',
    include: ['**/*.test.ts'],
    environment: 'node',
    // Packing, installing and type-checking an app from scratch: seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
