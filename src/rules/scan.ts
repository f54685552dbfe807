import type { TestCase } from '../model/rule.js'
import type { VariantId } from '../model/variant.js'

/** A scalar as written on one line: quotes removed, a trailing comment dropped. */
function scalar(raw: string): string {
  const v = raw.trim()
  const quoted = /^(["'])(.*)\1\s*(?:#.*)?$/.exec(v)
  if (quoted) return quoted[2]!.replace(quoted[1] === "'" ? /''/g : /\\"/g, quoted[1]!)
  return v.replace(/\s+#.*$/, '')
}

/** The value of a top-level `key:` on one line, when the file has one. */
export function scanTopLevel(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*(\\S.*)$`, 'm').exec(text)
  return m ? scalar(m[1]!) : undefined
}

/**
 * The items of a top-level test list (`Tests:` / `tests:`) read line by line, for a file whose
 * YAML does not parse: each `- <nameKey>: …` at the list's item indentation is one test, at its
 * line (its name from its own `<nameKey>:` key, else `test N`). Only names and places: enough to
 * report each test as not run. Empty when no list is found.
 */
export function scanTestList(text: string, file: string, listKey: string, nameKey: string, variant: VariantId): TestCase[] {
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex((l) => new RegExp(`^${listKey}:\\s*(?:#.*)?$`).test(l))
  if (start < 0) return []
  const out: TestCase[] = []
  let indent: number | undefined
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!
    if (/^\S/.test(line) && !line.startsWith('-') && !line.startsWith('#')) break // the next top-level key
    const item = /^(\s*)-(\s+)(.*)$/.exec(line)
    if (!item) continue
    const at = item[1]!.length
    indent ??= at
    if (at !== indent) continue
    const nameRe = new RegExp(`^${nameKey}:\\s*(\\S.*)$`)
    let name = nameRe.exec(item[3]!)?.[1]
    // The name may be a later key of the item, at the item's own indentation.
    const keyIndent = ' '.repeat(at + 1 + item[2]!.length)
    for (let j = i + 1; name === undefined && j < lines.length; j++) {
      const next = lines[j]!
      if (next.trim() === '' || next.trimStart().startsWith('#')) continue
      if (!next.startsWith(keyIndent)) break
      if (next.length > keyIndent.length && next[keyIndent.length] !== ' ') name = nameRe.exec(next.slice(keyIndent.length))?.[1]
    }
    out.push({
      name: name !== undefined ? scalar(name) : `test ${out.length + 1}`,
      expect: false,
      variant,
      event: undefined,
      location: { file, line: i + 1, column: at + 1 },
      extra: { scanned: true },
    })
  }
  return out
}
