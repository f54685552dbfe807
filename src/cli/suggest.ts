/** Edit distance with adjacent transpositions (Damerau–Levenshtein, optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = d
    }
  }
  return rows[a.length]![b.length]!
}

/**
 * The known name a mistyped one most likely meant: the only name it is a prefix of, else the
 * closest within a third of its length (at least one edit), else none. Case is ignored.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const t = typed.toLowerCase()
  if (t.length === 0) return undefined
  const prefixed = known.filter((k) => k.toLowerCase().startsWith(t))
  if (prefixed.length === 1) return prefixed[0]
  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(t.length / 3)) + 1
  for (const k of known) {
    const d = editDistance(t, k.toLowerCase())
    if (d < bestDistance) {
      best = k
      bestDistance = d
    }
  }
  return best
}

/** `; did you mean \`x\`?` or nothing. */
export function didYouMean(typed: string, known: readonly string[], show: (k: string) => string = (k) => k): string {
  const k = closest(typed, known)
  return k === undefined ? '' : `; did you mean \`${show(k)}\`?`
}
