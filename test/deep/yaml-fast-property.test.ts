import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareOn } from '../shared/yaml-fast-compare.js'

/**
 * Properties of the fast YAML path against the js-yaml path:
 *  - on texts from a grammar of the subset it reads, it returns, and returns the same documents;
 *  - on those texts after random damage (indentation, stray indicators, tabs, quotes, CRLF,
 *    a missing final newline) it either declines or still returns the same documents, and it
 *    never returns where js-yaml refuses the text.
 */

type Node =
  | { t: 'scalar'; text: string } // one line, as written after `key: ` or `- `
  | { t: 'multi'; lines: string[] } // multi-line plain scalar
  | { t: 'quoted'; lines: string[] } // quoted scalar over several lines (first/last carry the quotes)
  | { t: 'block'; header: string; lines: string[] }
  | { t: 'flow'; lines: string[] } // flow collection, possibly over several lines
  | { t: 'empty' }
  | { t: 'map'; entries: [string, Node][] }
  | { t: 'seq'; items: Node[]; compact: boolean }

const plainWords = [
  'a', 'hello world', 'yes', 'No', 'ON', 'true', 'False', '~', 'null', 'Null', '-0', '+1', '0o7', '0755', '00000429', '0x1F', '0b101',
  '1_000', '.nan', '.inf', '-.Inf', '1.5', '1e5', '1.0e+5', '12:30', '190:20:30', '2024-01-02', 'a#b', 'a:b', 'http://x.y/z?q=1#f',
  "it's", 'C:\\Windows\\System32', 'x - y', 'a, b', 'a [b] {c}', '-x', '?y', ':z', 'é', '日本語', '😀 ok', 'v1.2', 'a%d', 'a|b', 'a > b',
  'Image|endswith', '\\\\server\\share', 'x"y', "x'y", '9007199254740993', '=x', 'a=', 'a@@', 'a\tb',
]
// A plain `=` or `<<` value is not in the subset: PyYAML cannot construct it, and the loader refuses it.
const keyWords = [
  'a', 'b', 'title', 'id', 'CommandLine|contains|all', 'x y', '1', '2', 'yes', 'null', '__proto__', 'constructor', 'k-1', '-k', 'é', 'a.b',
  "'q k'", '"d k"', "''", '"\\t"', 'a#b', 'a:b',
]

const plain = fc.constantFrom(...plainWords)
const singleQuoted = fc.string({ maxLength: 12 }).filter((s) => !/[\x00-\x1f\x7f]/.test(s)).map((s) => `'${s.replace(/'/g, "''")}'`)
const doubleQuoted = fc.string({ maxLength: 12, unit: 'grapheme' }).map((s) => JSON.stringify(s))
const inlineScalar = fc.oneof(
  { weight: 5, arbitrary: plain.map((text): Node => ({ t: 'scalar', text })) },
  { weight: 2, arbitrary: singleQuoted.map((text): Node => ({ t: 'scalar', text })) },
  { weight: 2, arbitrary: doubleQuoted.map((text): Node => ({ t: 'scalar', text })) },
)
const multi = fc
  .array(fc.constantFrom('one', 'two words', 'x', 'a#b', 'c:d', '- e', 'tail ', ''), { minLength: 2, maxLength: 4 })
  .filter((lines) => lines[0] !== '' && lines[0] !== '- e' && lines[lines.length - 1] !== '')
  .map((lines): Node => ({ t: 'multi', lines }))
const quotedMulti = fc
  .tuple(fc.constantFrom("'", '"'), fc.array(fc.constantFrom('one', 'two', '', ' lead', 'trail '), { minLength: 2, maxLength: 4 }))
  .map(([q, lines]): Node => ({ t: 'quoted', lines: lines.map((l, i) => (i === 0 ? q + l : i === lines.length - 1 ? l + q : l)) }))
const block = fc
  .tuple(
    fc.constantFrom('|', '|-', '|+', '>', '>-', '>+', '| # c', '>- # c'),
    fc.array(fc.constantFrom('text', 'more text', '', '  more indented', '# not a comment', 'a: b', '- c', '\ttab'), { minLength: 0, maxLength: 5 }),
  )
  // The first content line sets the indentation, so it cannot be a more indented one.
  .filter(([, lines]) => !/^[ \t]/.test(lines.find((l) => l !== '') ?? ''))
  .map(([header, lines]): Node => ({ t: 'block', header, lines }))
const flowScalar = fc.oneof(fc.constantFrom('a', 'b c', '1', 'yes', '~', '-1', 'x.y'), singleQuoted, doubleQuoted)
const flow = fc.oneof(
  fc.array(flowScalar, { maxLength: 4 }).map((xs): Node => ({ t: 'flow', lines: [`[${xs.join(', ')}]`] })),
  fc
    .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', '"c"', "'d'", '"e f"'), flowScalar), { maxLength: 3, selector: ([k]) => k })
    .map((es): Node => ({ t: 'flow', lines: [`{${es.map(([k, v]) => `${k}: ${v}`).join(', ')}}`] })),
  fc.array(flowScalar, { minLength: 1, maxLength: 3 }).map((xs): Node => ({
    t: 'flow',
    lines: ['{', ...xs.map((x, i) => `  "k${i}": [${x}, {"n": ${x}}]${i < xs.length - 1 ? ',' : ''}`), '}'],
  })),
)

const leaf = fc.oneof(
  { weight: 6, arbitrary: inlineScalar },
  { weight: 1, arbitrary: multi },
  { weight: 1, arbitrary: quotedMulti },
  { weight: 2, arbitrary: block },
  { weight: 1, arbitrary: flow },
  { weight: 1, arbitrary: fc.constant<Node>({ t: 'empty' }) },
)

const tree = fc.letrec<{ node: Node; map: Node; seq: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('map'), tie('seq')),
  map: fc
    .uniqueArray(fc.tuple(fc.constantFrom(...keyWords), tie('node')), { minLength: 1, maxLength: 4, selector: ([k]) => k })
    .map((entries): Node => ({ t: 'map', entries })),
  seq: fc.tuple(fc.array(tie('node'), { minLength: 1, maxLength: 4 }), fc.boolean()).map(([items, compact]): Node => ({ t: 'seq', items, compact })),
}))

interface Style {
  step: number
  seqAtKeyColumn: boolean
  comments: boolean
}

const pad = (n: number): string => ' '.repeat(n)

/** Lines of `node` as the value after `key:` / `-` at indentation `indent` (the line holding the key is `head`). */
function renderValue(head: string, node: Node, indent: number, style: Style, out: string[], inSeq: boolean): void {
  const comment = style.comments ? ' # note' : ''
  switch (node.t) {
    case 'scalar':
      out.push(`${head} ${node.text}${comment}`)
      return
    case 'empty':
      out.push(head + comment)
      return
    case 'multi':
      out.push(`${head} ${node.lines[0]}`)
      for (const l of node.lines.slice(1)) out.push(l === '' ? '' : pad(indent + style.step) + l)
      return
    case 'quoted':
      out.push(`${head} ${node.lines[0]}`)
      for (const l of node.lines.slice(1)) out.push(l === '' ? '' : pad(indent + style.step) + l)
      return
    case 'block':
      out.push(`${head} ${node.header}`)
      for (const l of node.lines) out.push(l === '' ? '' : pad(indent + style.step) + l)
      return
    case 'flow':
      out.push(`${head} ${node.lines[0]}`)
      for (const l of node.lines.slice(1)) out.push(pad(indent + style.step) + l)
      return
    case 'map':
      if (inSeq) {
        // `- key: value` with the other keys under the first.
        const inner: string[] = []
        renderNode(node, indent + 2, style, inner)
        out.push(`${head} ${(inner[0] as string).slice(indent + 2)}`, ...inner.slice(1))
        return
      }
      out.push(head + comment)
      renderNode(node, indent + style.step, style, out)
      return
    case 'seq':
      if (inSeq && node.compact) {
        const inner: string[] = []
        renderNode(node, indent + 2, style, inner)
        out.push(`${head} ${(inner[0] as string).slice(indent + 2)}`, ...inner.slice(1))
        return
      }
      out.push(head + comment)
      renderNode(node, indent + (style.seqAtKeyColumn && !inSeq ? 0 : style.step), style, out)
      return
  }
}

function renderNode(node: Node, indent: number, style: Style, out: string[]): void {
  if (node.t === 'map') {
    for (const [key, value] of node.entries) renderValue(`${pad(indent)}${key}:`, value, indent, style, out, false)
  } else if (node.t === 'seq') {
    for (const item of node.items) renderValue(`${pad(indent)}-`, item, indent, style, out, true)
  } else throw new Error('root must be a collection')
}

const root = fc.oneof(tree.map, tree.seq)

const documentText = fc
  .record({
    docs: fc.array(root, { minLength: 1, maxLength: 3 }),
    step: fc.constantFrom(1, 2, 3, 4),
    seqAtKeyColumn: fc.boolean(),
    comments: fc.boolean(),
    explicitStart: fc.boolean(),
    explicitEnd: fc.boolean(),
    leadingComment: fc.boolean(),
  })
  .map(({ docs, explicitStart, explicitEnd, leadingComment, ...style }) => {
    const out: string[] = []
    if (leadingComment) out.push('# header', '')
    docs.forEach((doc, i) => {
      if (explicitStart || i > 0) out.push('---')
      renderNode(doc, 0, style, out)
      if (explicitEnd) out.push('...')
    })
    return out.join('\n') + '\n'
  })

type Mutation = { at: number; op: string }
const damage = fc.constantFrom(
  ' ', '  ', '\t', '#', ' #', ':', ': ', '- ', '-', '"', "'", '\n', '\r\n', '\r', '[', ']', '{', '}', ',', '|', '>', '&a ', '*a', '!', '?',
  '? ', '%', '---\n', '...\n', '<<: ', '\\', '\u0085', '\uFEFF', 'a: b\n', 'DEL',
)
const mutations = fc.array(fc.record({ at: fc.nat(), op: damage }), { minLength: 1, maxLength: 3 })

function mutate(text: string, ms: Mutation[], crlf: boolean, trimEnd: boolean): string {
  let t = text
  for (const { at, op } of ms) {
    const i = at % (t.length + 1)
    t = op === 'DEL' ? t.slice(0, i) + t.slice(i + 1) : t.slice(0, i) + op + t.slice(i)
  }
  if (crlf) t = t.replace(/\r?\n/g, '\r\n')
  if (trimEnd) t = t.replace(/[\r\n]+$/, '')
  return t
}

/** YAML_FAST_RUNS=<factor> runs the properties longer, to hunt for disagreements. */
const factor = Number(process.env.YAML_FAST_RUNS ?? 1)
const runs = (n: number): number => n * factor
const timeout = 30_000 * factor

describe('YAML fast path: properties against the js-yaml path', () => {
  it('reads every text of the subset grammar, exactly as js-yaml does', () => {
    fc.assert(
      fc.property(documentText, fc.boolean(), fc.boolean(), (text, crlf, trimEnd) => {
        let t = crlf ? text.replace(/\n/g, '\r\n') : text
        if (trimEnd) t = t.replace(/[\r\n]+$/, '')
        // Tabs at the start of block scalar lines are left to js-yaml on purpose.
        const result = compareOn(t)
        if (result === 'bail' && /\n\s*\t/.test(t)) return
        expect(result).toBe('same')
      }),
      { numRuns: runs(1500) },
    )
  }, timeout)

  it('after random damage, declines or agrees, and never returns where js-yaml refuses', () => {
    let agreed = 0
    fc.assert(
      fc.property(documentText, mutations, fc.boolean(), fc.boolean(), (text, ms, crlf, trimEnd) => {
        const result = compareOn(mutate(text, ms, crlf, trimEnd))
        if (result === 'same') agreed++
        expect(['bail', 'same']).toContain(result)
      }),
      { numRuns: runs(3000) },
    )
    // Damage must not make the property vacuous: many damaged texts are still read fast.
    expect(agreed).toBeGreaterThan(runs(3000) / 10)
  }, timeout)
})
