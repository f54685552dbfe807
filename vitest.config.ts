import { defineConfig } from 'vitest/config'

// `npm test` must pass on a fresh clone without ../shared: conformance tests live apart.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/conformance/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
