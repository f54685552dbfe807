/**
 * Stage two of the condition: bind the tree to the detection's selection names. `x of P`
 * nodes learn the selections they cover; unknown identifiers and patterns that match nothing are
 * reported with their span. Lint checks read this result and never parse again.
 */
import type { AndNode, ConditionNode, IdNode, NotNode, OfNode, OrNode, Span } from './ast.js'

export interface ResolvedOf extends OfNode {
  /** Selection names the pattern covers, in detection order. */
  readonly selections: readonly string[]
}
export type ResolvedNode =
  | (Omit<AndNode, 'args'> & { readonly args: readonly ResolvedNode[] })
  | (Omit<OrNode, 'args'> & { readonly args: readonly ResolvedNode[] })
  | (Omit<NotNode, 'arg'> & { readonly arg: ResolvedNode })
  | IdNode
  | ResolvedOf

export interface ConditionProblem extends Span {
  kind: 'undefined-identifier' | 'empty-pattern'
  /** The identifier or pattern at fault. */
  name: string
  message: string
}

export interface ResolvedCondition {
  node: ResolvedNode
  /** Problems found; a condition with problems cannot be compiled. */
  problems: ConditionProblem[]
  /** Selection names the condition uses (directly or through patterns). */
  referenced: ReadonlySet<string>
  /** Selection names the condition never uses (pySigma's `dangling_detection`). */
  unreferenced: string[]
}

/** Whether a `1 of` / `all of` target covers a selection name (`_`-names only for `_`-patterns). */
export function patternMatches(target: string, name: string): boolean {
  if (name.startsWith('_') && !target.startsWith('_')) return false
  if (target === 'them') return true
  if (!target.includes('*')) return target === name
  return starMatch(target, name)
}

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/

/**
 * Whether `name` is `pattern` with each `*` standing for any run of characters but line
 * terminators — what `^a.*b$` (no flags) says, without compiling a RegExp per pattern: a lint
 * of thousands of rules tests a few patterns against every selection name, and a cold RegExp
 * costs more than the comparison. Patterns holding a line terminator take the RegExp.
 */
export function starMatch(pattern: string, name: string): boolean {
  const star = pattern.indexOf('*')
  if (star === -1) return pattern === name
  // Most names hold no line terminator: then only the literal parts need placing.
  const plain = !LINE_TERMINATOR.test(name)
  if (plain && pattern.indexOf('*', star + 1) === -1) {
    // One star (`selection_*`, `*_filter`): a prefix and a suffix that do not overlap.
    const suffix = pattern.length - star - 1
    return name.length >= pattern.length - 1 && name.startsWith(pattern.slice(0, star)) && (suffix === 0 || name.endsWith(pattern.slice(star + 1)))
  }
  const parts = pattern.split('*')
  if (parts.some((p) => LINE_TERMINATOR.test(p))) return new RegExp('^' + parts.map((s) => s.replace(/[\\^$.+?()[\]{}|]/g, '\\$&')).join('.*') + '$').test(name)
  const first = parts[0] as string
  const last = parts[parts.length - 1] as string
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false
  const end = name.length - last.length
  // The stars' spans lie between the first and last parts: none may hold a line terminator.
  if (!plain && LINE_TERMINATOR.test(name.slice(first.length, end))) return false
  let at = first.length
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string
    const found = name.indexOf(part, at)
    if (found === -1 || found + part.length > end) return false
    at = found + part.length
  }
  return true
}

/** Binds a parsed condition to the selection names of a detection. */
export function resolveCondition(node: ConditionNode, names: readonly string[]): ResolvedCondition {
  const known = new Set(names)
  const problems: ConditionProblem[] = []
  const referenced = new Set<string>()
  const visit = (n: ConditionNode): ResolvedNode => {
    switch (n.type) {
      case 'id':
        if (!known.has(n.name))
          problems.push({ kind: 'undefined-identifier', name: n.name, start: n.start, end: n.end, message: `the condition references '${n.name}', which is not a selection of the detection` })
        else referenced.add(n.name)
        return n
      case 'of': {
        const selections = Object.freeze(names.filter((name) => patternMatches(n.target, name)))
        if (selections.length === 0)
          problems.push({
            kind: 'empty-pattern',
            name: n.target,
            start: n.start,
            end: n.end,
            message: n.target === 'them' ? `'${n.quantifier} of them' covers no selection` : `'${n.quantifier} of ${n.target}' matches no selection`,
          })
        for (const s of selections) referenced.add(s)
        return Object.freeze({ ...n, selections })
      }
      case 'not':
        return Object.freeze({ ...n, arg: visit(n.arg) })
      case 'and':
      case 'or':
        return Object.freeze({ ...n, args: Object.freeze(n.args.map(visit)) })
    }
  }
  const resolved = visit(node)
  return { node: resolved, problems, referenced, unreferenced: names.filter((n) => !referenced.has(n)) }
}
