/** Maps 0-based offsets to 1-based line and column; built once per file. */
export class LineIndex {
  private readonly starts: number[] = [0]
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }
  position(offset: number): { line: number; column: number } {
    // js-yaml gives an empty scalar made of a tag alone (`!`, `a: !!str`) the offset before its
    // line: a place is never before the start of its line.
    const starts = this.starts
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: Math.max(offset - (starts[lo] as number), 0) + 1 }
  }
}
