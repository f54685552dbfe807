import { defineConfig } from 'vitest/config'

// `npm run test:deep`: the slow property, fuzz and end-to-end suites that `npm test` leaves out
// to stay fast. `.ci/run` runs them on every submission.
export default defineConfig({
  test: {
    include: ['test/deep/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
})
