/**
 * A strict little XML parser for tests: enough of XML 1.0 to prove a JUnit report is
 * well-formed (one root, matched tags, quoted attributes, only the predefined and numeric
 * entities, no raw `<` or `&`, no characters XML forbids) and to read it back.
 */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/

function decode(raw: string, where: string): string {
  if (FORBIDDEN.test(raw)) throw new Error(`forbidden character in ${where}`)
  return raw.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity in ${where}`)
    if (name in ENTITIES) return ENTITIES[name]!
    if (/^#\d+$/.test(name)) return String.fromCodePoint(Number(name.slice(1)))
    if (/^#x[0-9a-f]+$/i.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16))
    throw new Error(`unknown entity &${name}; in ${where}`)
  })
}

export function parseXml(text: string): XmlElement {
  let i = 0
  const fail = (msg: string): never => {
    throw new Error(`XML error at offset ${i}: ${msg}`)
  }
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++
  }
  const name = (): string => {
    const m = /^[A-Za-z_:][\w.:-]*/.exec(text.slice(i))
    if (!m) return fail('expected a name')
    i += m[0].length
    return m[0]
  }
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>')
    if (end < 0) fail('unterminated declaration')
    i = end + 2
  }
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected <')
    i++
    const el: XmlElement = { name: name(), attributes: {}, children: [], text: '' }
    for (;;) {
      skipSpace()
      if (text.startsWith('/>', i)) {
        i += 2
        return el
      }
      if (text[i] === '>') {
        i++
        break
      }
      const attr = name()
      skipSpace()
      if (text[i] !== '=') fail(`expected = after ${attr}`)
      i++
      skipSpace()
      const q = text[i]
      if (q !== '"' && q !== "'") fail('attribute value must be quoted')
      const end = text.indexOf(q!, i + 1)
      if (end < 0) fail('unterminated attribute value')
      const raw = text.slice(i + 1, end)
      if (raw.includes('<')) fail('< in attribute value')
      if (attr in el.attributes) fail(`duplicate attribute ${attr}`)
      el.attributes[attr] = decode(raw, `attribute ${attr}`)
      i = end + 1
    }
    for (;;) {
      const next = text.indexOf('<', i)
      if (next < 0) fail(`unclosed <${el.name}>`)
      const raw = text.slice(i, next)
      if (raw.includes(']]>')) fail(']]> in text')
      el.text += decode(raw, `text of ${el.name}`)
      i = next
      if (text.startsWith('</', i)) {
        i += 2
        const closing = name()
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`)
        skipSpace()
        if (text[i] !== '>') fail('expected >')
        i++
        return el
      }
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i)
        if (end < 0) fail('unterminated comment')
        i = end + 3
        continue
      }
      el.children.push(element())
    }
  }
  skipSpace()
  const root = element()
  skipSpace()
  if (i !== text.length) fail('content after the root element')
  return root
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e)
    e.children.forEach(walk)
  }
  walk(el)
  return out
}
