import { defineConfig } from 'vitest/config'

// Runs against ../shared/corpus (real SigmaHQ and Panther content); see README "Conformance".
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
})
