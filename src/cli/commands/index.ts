import type { LazyCommand } from '../command.js'
import { checkSpec, coverageSpec, evalSpec, explainSpec, generateSpec, lintSpec, mergeSpec, mutateSpec, replaySpec, testSpec } from './specs.js'

// Implementations are imported on use: each pulls in a different part of ruleproof (the
// harness, the generators, the lint checks), and start-up should pay only for the one that runs.
/** Every subcommand, in the order `--help` lists them. Each lives in its own file here. */
export const commands: LazyCommand[] = [
  { ...evalSpec, load: async () => (await import('./eval.js')).evalCommand },
  { ...testSpec, load: async () => (await import('./test.js')).testCommand },
  { ...lintSpec, load: async () => (await import('./lint.js')).lintCommand },
  { ...checkSpec, load: async () => (await import('./check.js')).checkCommand },
  { ...explainSpec, load: async () => (await import('./explain.js')).explainCommand },
  { ...replaySpec, load: async () => (await import('./replay.js')).replayCommand },
  { ...generateSpec, load: async () => (await import('./generate.js')).generateCommand },
  { ...mutateSpec, load: async () => (await import('./mutate.js')).mutateCommand },
  { ...coverageSpec, load: async () => (await import('./coverage.js')).coverageCommand },
  { ...mergeSpec, load: async () => (await import('./merge.js')).mergeCommand },
]
