import type { Outcome, Verb } from './types.js'
import { check, constant, constantFrom, weighted, type Gen } from './_internals/gen.js'

export interface ResponseCodeConstraints {
  /**
   * The request's verb (success is 201 for create, 200 otherwise).
   * @defaultValue `'get'`
   */
  verb?: Verb
  /**
   * `success`, `failure` (403 RBAC, 403 admission, 404, 409, 422, 401, 429, 500) or `any`
   * (mostly success).
   * @defaultValue `'any'`
   */
  outcome?: 'success' | 'failure' | 'any'
}

/** How a request ends: the HTTP status and, for 403, who refused it. */
export function responseCode(constraints: ResponseCodeConstraints = {}): Gen<Outcome> {
  const v = constraints.verb ?? 'get'
  const success = constant<Outcome>({ code: v === 'create' ? 201 : 200 })
  const failures: [number, Gen<Outcome>][] = [
    [6, constant({ code: 403, deniedBy: 'rbac' })],
    [3, constant({ code: 404 })],
  ]
  if (v === 'create') failures.push([2, constant({ code: 409 })], [1, constant({ code: 422 })], [1, constant({ code: 403, deniedBy: 'admission' })])
  if (v === 'update') failures.push([2, constant({ code: 409 })])
  failures.push([1, constant({ code: 401 })], [1, constantFrom<Outcome>({ code: 429 }, { code: 500 }, { code: 503 })])
  const failure = weighted(...failures)
  const o = constraints.outcome ?? 'any'
  check('responseCode', ['success', 'failure', 'any'].includes(o), `outcome must be success, failure or any (got '${o}')`)
  return o === 'success' ? success : o === 'failure' ? failure : weighted([19, success], [1, failure])
}
