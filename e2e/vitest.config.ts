import { defineProject } from 'vitest/config'

// One Chromium per file and 2 cores on CI: files run one after another, never in parallel.
export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Replies stream for seconds; a poll waits for the page, not for a fixed sleep.
    expect: { poll: { timeout: 20_000, interval: 50 } },
  },
})
