import os from 'node:os'
import { defineConfig } from 'vitest/config'

// `npm test` must pass on a fresh clone without ../shared, in under 90 s on 2 cores:
// conformance tests (../shared/corpus) and slow property/fuzz/e2e suites (test/deep) live apart.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/conformance/**', 'test/deep/**', 'test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Test files share their workers' module graph instead of importing ruleproof afresh per file
    // (about half the time of a run went to imports): no test mocks modules or keeps global state.
    isolate: false,
    // vitest's default (cores - 1) is one worker on a 2-core machine; many tests wait on Python or
    // child processes, so two keep both cores busy.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
})
