import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runPipeline } from '../../src/spl/evaluate.js'
import { likeGlob, nameGlob, valueGlob } from '../../src/spl/glob.js'
import { parseSpl } from '../../src/spl/parser.js'
import { extractJson, newRow } from '../../src/spl/values.js'

/** What the wildcard means, as the regular expression it stood for before. */
const regexOf = (pattern: string, star: string, flags: string): RegExp =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join(star)}$`, flags)

const small = fc.stringMatching(/^[abAB*_%.\\]{0,7}$/)
const text = fc.stringMatching(/^[abAB_.\\]{0,9}$/)

describe('wildcard patterns without backtracking', () => {
  it('match as the regular expression they stand for would, with the same runs for each *', () => {
    fc.assert(
      fc.property(small, text, (p, t) => {
        expect(nameGlob(p).test(t)).toBe(regexOf(p, '.*', 's').test(t))
        expect(valueGlob(p, false).test(t)).toBe(regexOf(p, '.*', 'is').test(t))
        const m = regexOf(p, '(.*)', 's').exec(t)
        expect(nameGlob(p).captures(t)).toEqual(m ? m.slice(1) : undefined)
        const like = new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's')
        expect(likeGlob(p).test(t)).toBe(like.test(t))
      }),
      { numRuns: 2000 },
    )
  })

  it('a bare value escapes its next character; a quoted one does not', () => {
    expect(valueGlob('a\\*b', true).test('a*b')).toBe(true)
    expect(valueGlob('a\\*b', true).test('axb')).toBe(false)
    expect(valueGlob('a\\*b', false).test('a\\xyzb')).toBe(true)
  })

  it('a search of many wildcards over a long value ends (it ran for minutes on a backtracking regex)', () => {
    const row = newRow()
    extractJson({ verb: 'a'.repeat(5000), msg: `${'a'.repeat(5000)} x` }, row)
    row._raw = JSON.stringify({ verb: 'a'.repeat(5000) })
    const run = (search: string) => runPipeline(parseSpl(search), { events: [row], now: 0 }).length
    expect(run(`verb=${'*a'.repeat(30)}*b`)).toBe(0)
    expect(run(`verb=${'*a'.repeat(30)}*`)).toBe(1)
    expect(run(`verb!=${'*a'.repeat(30)}*b`)).toBe(1)
    expect(run(`${'a*'.repeat(30)}b`)).toBe(0)
    expect(run(`* | where like(verb, "${'%a'.repeat(30)}%b")`)).toBe(0)
    expect(run(`* | rename ${'*a'.repeat(30)}* as x | table x`)).toBe(1)
  })
})

describe('regular expressions cannot hang the run', () => {
  const long = 'a'.repeat(30_000)
  const row = () => {
    const r = newRow()
    extractJson({ msg: long, uri: '/api/v1/namespaces/kube-system/secrets/x' }, r)
    return r
  }
  const run = (search: string) => runPipeline(parseSpl(search), { events: [row()], now: 0 })

  it('a pattern RE2 can run reads a long text in linear time, with the same groups and replacements', () => {
    expect(run('* | regex msg="^(a+)+$"')).toHaveLength(1)
    expect(run('* | regex msg="^(a|aa)+b$"')).toHaveLength(0)
    expect(run('* | rex field=msg "^(?<first>a{3})(?P<rest>a*)$"')[0]!.first).toBe('aaa')
    expect(run('* | where match(msg, "(a*)*b")')).toHaveLength(0)
    expect(run(`* | eval x=replace(msg, "(a)(a+)", "<\\\\2\\\\1>") | eval n=len(x)`)[0]!.n).toBe(30_002)
  })
  it('the same pattern on a short text gives the same answers', () => {
    expect(run('* | rex field=uri "/namespaces/(?<ns>[^/]+)/(?P<res>\\\\w+)"')[0]).toMatchObject({ ns: 'kube-system', res: 'secrets' })
    expect(run('* | eval x=replace(uri, "/(\\\\w+)/", "[\\\\1]")')[0]!.x).toBe('[api]v1[namespaces]kube-system[secrets]x')
  })
  it('a pattern that needs backtracking is a located error on a long text, and runs on a short one', () => {
    expect(() => run('* | regex msg="^(a+)+(?=b)"')).toThrow(/needs backtracking .* 30000 characters/)
    expect(run('* | regex uri="(?<=namespaces/)kube-system"')).toHaveLength(1)
  })
})
