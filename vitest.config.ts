import os from 'node:os'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { defineConfig } from 'vitest/config'

// The files that run longest (measured with the json reporter), started first. On a fresh clone
// vitest has no timings cached and ordered a long file last: the first `npm test` took 106 s against
// 68 s for the next. Starting these first lets the two workers finish together.
const SLOW_FIRST = [
  'test/rules.test.ts',
  'test/e2e/replay-dataset.test.ts',
  'test/panther/audit/runner.test.ts',
  'test/e2e/check-command.test.ts',
  'test/dataset/audit/cli-formats.test.ts',
  'test/panther/worker.test.ts',
  'test/panther/audit/validation.test.ts',
  'test/panther/sandbox.test.ts',
  'test/dataset/audit/dataset-shapes.test.ts',
  'test/cli/eval-input.test.ts',
  'test/lint/fix-race.test.ts',
  'test/cli/test-command.test.ts',
  'test/panther/audit/cli.test.ts',
  'test/dataset/folder.test.ts',
  'test/sigma/hostile/time.test.ts',
]

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (spec: TestSpecification): number => {
      const i = SLOW_FIRST.findIndex((f) => spec.moduleId.replaceAll('\\', '/').endsWith(f))
      return i === -1 ? SLOW_FIRST.length : i
    }
    // Stable: the rest keeps vitest's order (cached durations, else file size).
    return [...sorted].sort((a, b) => rank(a) - rank(b))
  }
}

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
    sequence: { sequencer: SlowFirst },
  },
})
