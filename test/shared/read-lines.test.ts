import { describe, expect, it } from 'vitest'
import { readLines, type Line } from '../../src/shared/read-lines.js'
import { decodeUtf8, invalidUtf8Offsets } from '../../src/shared/utf8.js'
import { parseSize } from '../../src/shared/size.js'

async function lines(chunks: Buffer[], maxBytes: number): Promise<Line[]> {
  const out: Line[] = []
  async function* input() {
    yield* chunks
  }
  await readLines(input(), (l) => void out.push(l), { maxBytes })
  return out
}

const simple = (text: string, max: number): Line[] => {
  const parts = text.split('\n')
  if (parts[parts.length - 1] === '') parts.pop()
  return parts.map((p, i) => {
    const t = p.endsWith('\r') ? p.slice(0, -1) : p
    const bytes = Buffer.byteLength(t)
    return bytes > max ? { lineNo: i + 1, tooLong: { bytes, limit: max } } : { lineNo: i + 1, text: t }
  })
}

describe('readLines', () => {
  const text = 'ab\r\n\n0123456789\ncdé\r\nxyz0123456789xyz\nlast'
  it.each([1, 2, 3, 5, 7, 64])('gives the same lines whatever the chunk size (%i bytes)', async (size) => {
    const buf = Buffer.from(text)
    const chunks: Buffer[] = []
    for (let i = 0; i < buf.length; i += size) chunks.push(buf.subarray(i, i + size))
    expect(await lines(chunks, 10)).toEqual(simple(text, 10))
  })

  it('a CR at the limit, split from its LF, still ends the line', async () => {
    expect(await lines([Buffer.from('0123456789\r'), Buffer.from('\nx')], 10)).toEqual([
      { lineNo: 1, text: '0123456789' },
      { lineNo: 2, text: 'x' },
    ])
  })

  it('invalid UTF-8 is read as U+FFFD and reported with its column', async () => {
    expect(await lines([Buffer.from([0x61, 0xff, 0x62, 0x0a])], 10)).toEqual([{ lineNo: 1, text: 'a\uFFFDb', invalid: { places: [{ line: 1, column: 2, byte: 0xff }], count: 1 } }])
  })
})

describe('UTF-8 validation', () => {
  it('finds each maximal invalid subpart, as decoders replace them', () => {
    const cases: number[][] = [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xf5], [0xc0, 0xaf], [0xe2, 0x82, 0xac]]
    for (const c of cases) {
      const bytes = Uint8Array.from([0x61, ...c, 0x62])
      const replaced = [...new TextDecoder().decode(bytes)].filter((ch) => ch === '\uFFFD').length
      expect(invalidUtf8Offsets(bytes).length).toBe(replaced)
      expect(decodeUtf8(bytes).invalidCount).toBe(replaced)
    }
  })

  it('keeps a BOM, as readFileSync(f, "utf8") does', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFtitle: x')).text).toBe('\uFEFFtitle: x')
  })
})

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['512KiB', 512 * 1024],
    ['2MiB', 2 << 20],
    ['2M', 2 << 20],
    ['1MB', 1_000_000],
    ['1.5k', 1536],
    ['0', undefined],
    ['lots', undefined],
    ['-1', undefined],
  ])('%s', (text, bytes) => expect(parseSize(text)).toBe(bytes))
})
