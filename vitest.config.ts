import { defineConfig } from 'vitest/config'

// `npm test` must pass on a fresh clone without ../shared, in under 90 s on 2 cores:
// conformance tests (../shared/corpus) and slow property/fuzz suites (test/deep) live apart.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/conformance/**', 'test/deep/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
