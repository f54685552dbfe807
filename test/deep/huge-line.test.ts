import { describe, expect, it } from 'vitest'
import { MAX_LINE_BYTES_CEILING, readLines, type Line } from '../../src/shared/read-lines.js'

// An NDJSON line longer than V8's longest string (~512 MiB) once crashed eval with
// ERR_STRING_TOO_LONG when --max-line-size allowed it, losing every line after it. Slow (it
// streams ~600 MiB), hence in the deep suite.
describe('readLines and a line past the longest string V8 holds', () => {
  it('reports the line as too long, whatever limit was asked, and reads on', async () => {
    const chunk = Buffer.alloc(64 * 1024 * 1024, 0x61)
    const count = Math.ceil(MAX_LINE_BYTES_CEILING / chunk.length) + 1
    async function* input() {
      yield Buffer.from('{"a":1}\n')
      for (let i = 0; i < count; i++) yield chunk
      yield Buffer.from('\n{"b":2}\n')
    }
    const out: Line[] = []
    await readLines(input(), (l) => void out.push(l), { maxBytes: 4 * 1024 ** 3 })
    expect(out).toEqual([
      { lineNo: 1, text: '{"a":1}' },
      { lineNo: 2, tooLong: { bytes: count * chunk.length, limit: MAX_LINE_BYTES_CEILING } },
      { lineNo: 3, text: '{"b":2}' },
    ])
  })
})
