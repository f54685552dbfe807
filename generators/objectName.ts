import { chars, constant, constantFrom, fake, tuple, weighted, type Gen } from './_internals/gen.js'

export interface ObjectNameConstraints {
  /**
   * A fixed prefix such as `backup`; the generator appends a realistic suffix. Without it the
   * whole name is made up from words.
   * @defaultValue undefined
   */
  prefix?: string
}

function dns1123(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 52) || 'x'
}

/** A DNS-1123 object name (`pg-backup`, `nightly-report-7f9c`, `web-api`). */
export function objectName(constraints: ObjectNameConstraints = {}): Gen<string> {
  const word = fake((f) => dns1123(f.word.noun()))
  const suffix = weighted<string>([3, constant('')], [2, word], [1, chars('0123456789abcdef', 4)], [1, constantFrom('job', 'task', 'worker', 'sync', 'report')])
  if (constraints.prefix !== undefined) {
    const prefix = dns1123(constraints.prefix)
    return suffix.map((s) => (s ? `${prefix}-${s}` : prefix))
  }
  return tuple(fake((f) => dns1123(f.hacker.noun())), suffix).map(([a, s]) => (s ? `${a}-${s}` : a))
}
