/**
 * Stage one of the condition: text → immutable tree (cached by string). Grammar (reference §3.b),
 * least to most binding: `or` < `and` < `not` < `1 of`/`all of` < parentheses; operators are
 * lower case only; identifiers are ASCII letters, digits, `_` and `-`; patterns use letters,
 * digits, `_` and `*`.
 */
import type { ConditionNode, OfNode } from './ast.js'
import { SigmaConditionError } from './errors.js'

type Token =
  | { kind: '(' | ')' | 'end'; start: number; end: number }
  | { kind: 'word'; text: string; start: number; end: number }

const WORD_CHAR = /[A-Za-z0-9_*-]/

/**
 * How deep parentheses and `not`s may nest (together). Every stage after the parser (resolve,
 * compile, explain, print, lint) walks the tree recursively; this bound keeps all of them far
 * from the call-stack limit. Real rules nest a handful of levels.
 */
export const MAX_CONDITION_DEPTH = 128
const OPERATORS = new Set(['and', 'or', 'not'])

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c, start: i, end: i + 1 })
      i++
    } else if (WORD_CHAR.test(c)) {
      const start = i
      while (i < text.length && WORD_CHAR.test(text[i] as string)) i++
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i })
    } else if (c === '|') {
      throw new SigmaConditionError(
        "the legacy pipe syntax ('| count() by …', '| near …') is not supported: use a correlation rule",
        text,
        i,
      )
    } else {
      throw new SigmaConditionError(`unexpected character '${c}' in condition`, text, i)
    }
  }
  tokens.push({ kind: 'end', start: text.length, end: text.length })
  return tokens
}

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end of the condition'
  if (t.kind === 'word') return `'${t.text}'`
  return `'${t.kind}'`
}

class Parser {
  private pos = 0
  private depth = 0
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)] as Token
  }
  private next(): Token {
    const t = this.peek()
    if (this.pos < this.tokens.length - 1) this.pos++
    return t
  }
  private fail(message: string, at: Token): never {
    throw new SigmaConditionError(message, this.text, at.start)
  }
  private isWord(t: Token, text: string): boolean {
    return t.kind === 'word' && t.text === text
  }

  parse(): ConditionNode {
    if (this.peek().kind === 'end') this.fail('the condition is empty', this.peek())
    const node = this.parseOr()
    const t = this.peek()
    if (t.kind !== 'end') {
      if (t.kind === ')') this.fail("unbalanced ')'", t)
      if (t.kind === 'word' && OPERATORS.has(t.text.toLowerCase()))
        this.fail(`operators are lower case: write '${t.text.toLowerCase()}' instead of '${t.text}'`, t)
      this.fail(`expected 'and', 'or' or the end of the condition, found ${describe(t)}`, t)
    }
    return node
  }

  private parseOr(): ConditionNode {
    const first = this.parseAnd()
    const args = [first]
    while (this.isWord(this.peek(), 'or')) {
      this.next()
      args.push(this.parseAnd())
    }
    if (args.length === 1) return first
    return Object.freeze({ type: 'or', args: Object.freeze(args), start: first.start, end: (args[args.length - 1] as ConditionNode).end })
  }

  private parseAnd(): ConditionNode {
    const first = this.parseNot()
    const args = [first]
    while (this.isWord(this.peek(), 'and')) {
      this.next()
      args.push(this.parseNot())
    }
    if (args.length === 1) return first
    return Object.freeze({ type: 'and', args: Object.freeze(args), start: first.start, end: (args[args.length - 1] as ConditionNode).end })
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_CONDITION_DEPTH)
      this.fail(`the condition nests parentheses and 'not' more than ${MAX_CONDITION_DEPTH} levels deep`, at)
  }

  private parseNot(): ConditionNode {
    const t = this.peek()
    if (this.isWord(t, 'not')) {
      this.next()
      this.enter(t)
      const arg = this.parseNot()
      this.depth--
      return Object.freeze({ type: 'not', arg, start: t.start, end: arg.end })
    }
    return this.parsePrimary()
  }

  private parsePrimary(): ConditionNode {
    const t = this.next()
    if (t.kind === '(') {
      if (this.peek().kind === ')') this.fail('empty parentheses', this.peek())
      this.enter(t)
      const inner = this.parseOr()
      this.depth--
      const close = this.next()
      if (close.kind !== ')') this.fail(`expected ')' to close the '(' at column ${t.start + 1}, found ${describe(close)}`, close)
      // Parentheses are kept implicit: the grouping is the tree shape; the span includes them.
      return Object.freeze({ ...inner, start: t.start, end: close.end })
    }
    if (t.kind === 'end') this.fail('the condition ends where a selection name was expected', t)
    if (t.kind !== 'word') this.fail("expected a selection name, found ')'", t)
    const word = t.text
    const following = this.peek()
    if (this.isWord(following, 'of')) return this.parseOf(t)
    if (OPERATORS.has(word)) this.fail(`expected a selection name, found the operator '${word}'`, t)
    if (OPERATORS.has(word.toLowerCase())) this.fail(`operators are lower case: write '${word.toLowerCase()}' instead of '${word}'`, t)
    if (word === 'of') this.fail("'of' needs a quantifier before it: '1 of' or 'all of'", t)
    if (word.includes('*')) this.fail(`the pattern '${word}' needs a quantifier: '1 of ${word}' or 'all of ${word}'`, t)
    if (following.kind === 'word' && OPERATORS.has(following.text.toLowerCase()) && !OPERATORS.has(following.text))
      this.fail(`operators are lower case: write '${following.text.toLowerCase()}' instead of '${following.text}'`, following)
    return Object.freeze({ type: 'id', name: word, start: t.start, end: t.end })
  }

  private parseOf(q: Extract<Token, { kind: 'word' }>): OfNode {
    let quantifier: '1' | 'all'
    if (q.text === '1' || q.text === 'any') quantifier = '1'
    else if (q.text === 'all') quantifier = 'all'
    else if (/^\d+$/.test(q.text)) this.fail(`'${q.text} of' is not supported: only '1 of' and 'all of'`, q)
    else if (q.text.toLowerCase() === 'all' || q.text.toLowerCase() === 'any') this.fail(`quantifiers are lower case: write '${q.text.toLowerCase()} of'`, q)
    else this.fail(`expected '1' or 'all' before 'of', found '${q.text}'`, q)
    this.next() // 'of'
    const target = this.next()
    if (target.kind !== 'word' || OPERATORS.has(target.text) || target.text === 'of')
      this.fail(`expected 'them' or a selection pattern after 'of', found ${describe(target)}`, target)
    if (target.text.includes('-')) this.fail(`the pattern '${target.text}' may only contain letters, digits, '_' and '*'`, target)
    return Object.freeze({ type: 'of', quantifier, target: target.text, start: q.start, end: target.end })
  }
}

const cache = new Map<string, ConditionNode>()

/**
 * Parses a Sigma condition into an immutable tree (cached by text). Throws
 * `SigmaConditionError` with the offset, line and column of the problem.
 */
export function parseCondition(text: string): ConditionNode {
  const hit = cache.get(text)
  if (hit) return hit
  const node = new Parser(text, tokenize(text)).parse()
  if (cache.size >= 20_000) cache.clear()
  cache.set(text, node)
  return node
}
