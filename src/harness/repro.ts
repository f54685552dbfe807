import type { Result } from '../model/result.js'

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

/**
 * The `ruleproof` command that runs the check of a result again: the rule's file, its
 * variant(s) and kind, and for generated events the seed and run count that reproduce the same
 * events.
 */
export function reproduceCommand(r: Pick<Result, 'file' | 'variant' | 'kind' | 'seed'>, options: { runs?: number; file?: string } = {}): string {
  const parts = ['npx', 'ruleproof', 'check', quote(options.file ?? r.file), '--variants', quote(String(r.variant)), '--kinds', r.kind]
  if (r.kind === 'property' || r.kind === 'scenario' || r.kind === 'consistency') {
    if (r.seed !== undefined) parts.push('--seed', String(r.seed))
    if (options.runs !== undefined) parts.push('--runs', String(options.runs))
  }
  return parts.join(' ')
}
