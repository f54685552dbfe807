import { dump } from 'js-yaml'

/** `{ detection: … }` as YAML, the form both sides of a mutant's diff are written in. */
export function detectionYaml(detection: Readonly<Record<string, unknown>>): string {
  return dump({ detection }, { lineWidth: -1, indent: 4 })
}

/**
 * A unified-style line diff (`-`/`+`, one line of context around each change, `…` between
 * hunks). Detections are a few dozen lines: a plain LCS table is fast enough.
 */
export function lineDiff(before: string, after: string, context = 1): string {
  const a = before.replace(/\n$/, '').split('\n')
  const b = after.replace(/\n$/, '').split('\n')
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const ops: { tag: ' ' | '-' | '+'; text: string }[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ tag: ' ', text: a[i++]! }), j++
    else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ tag: '-', text: a[i++]! })
    else ops.push({ tag: '+', text: b[j++]! })
  }
  const keep = ops.map((o, k) => o.tag !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((x) => x.tag !== ' '))
  const lines: string[] = []
  let skipped = false
  ops.forEach((o, k) => {
    if (!keep[k]) return void (skipped = true)
    if (skipped && lines.length) lines.push('…')
    skipped = false
    lines.push(`${o.tag}${o.text}`)
  })
  return lines.join('\n')
}
