import { defineProject } from 'vitest/config'

export default defineProject({
  test: {
    name: 'mock-openai',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
  },
})
