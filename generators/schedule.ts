import { check, constantFrom, integer, tuple, weighted, type Gen } from './_internals/gen.js'

export interface ScheduleConstraints {
  /**
   * `frequent`: every few minutes (`*\/5 * * * *`, attackers and health checks); `periodic`:
   * hourly to weekly (backups, reports); `any`: both, macros included.
   * @defaultValue `'any'`
   */
  kind?: 'frequent' | 'periodic' | 'any'
}

/** A 5-field cron schedule (or a macro) as CronJob `spec.schedule` accepts it. */
export function schedule(constraints: ScheduleConstraints = {}): Gen<string> {
  const kind = constraints.kind ?? 'any'
  check('schedule', ['frequent', 'periodic', 'any'].includes(kind), `kind must be frequent, periodic or any (got '${kind}')`)
  const frequent = weighted<string>(
    [3, constantFrom('*/5 * * * *', '*/1 * * * *', '* * * * *', '*/2 * * * *', '*/10 * * * *', '*/15 * * * *', '*/30 * * * *')],
    [1, integer(2, 30).map((n) => `*/${n} * * * *`)],
  )
  const periodic = weighted<string>(
    [3, tuple(integer(0, 59), integer(0, 23)).map(([m, h]) => `${m} ${h} * * *`)],
    [1, integer(0, 59).map((m) => `${m} * * * *`)],
    [1, tuple(integer(0, 23), integer(0, 6)).map(([h, d]) => `0 ${h} * * ${d}`)],
    [1, constantFrom('@hourly', '@daily', '@weekly', '@midnight', '0 */6 * * *', '0 2 * * *')],
  )
  return kind === 'frequent' ? frequent : kind === 'periodic' ? periodic : weighted([1, frequent], [2, periodic])
}
