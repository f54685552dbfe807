import type { Verb } from './types.js'
import { check, constantFrom, weighted, type Gen } from './_internals/gen.js'

export interface VerbConstraints {
  /**
   * `read`: get/list/watch; `write`: create/update/patch/delete/deletecollection; `any`.
   * @defaultValue `'any'`
   */
  kind?: 'read' | 'write' | 'any'
}

/** A Kubernetes audit verb. */
export function verb(constraints: VerbConstraints = {}): Gen<Verb> {
  const read = weighted<Verb>([5, constantFrom('get')], [3, constantFrom('list')], [2, constantFrom('watch')])
  const write = weighted<Verb>([3, constantFrom('create')], [3, constantFrom('patch')], [2, constantFrom('update')], [2, constantFrom('delete')], [1, constantFrom('deletecollection')])
  const kind = constraints.kind ?? 'any'
  check('verb', ['read', 'write', 'any'].includes(kind), `kind must be read, write or any (got '${kind}')`)
  return kind === 'read' ? read : kind === 'write' ? write : weighted([3, read], [1, write])
}
