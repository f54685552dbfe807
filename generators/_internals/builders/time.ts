/** Kubernetes MicroTime: UTC, `Z`, exactly six fractional digits (`metav1.MicroTime`). */
let cachedSecond = NaN
let cachedPrefix = ''

export function microTime(micros: number): string {
  const second = Math.floor(micros / 1e6)
  if (second !== cachedSecond) {
    // Consecutive events fall in the same second: format the date part once (a hot path in datasets).
    cachedSecond = second
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20) // 2026-03-14T02:17:43.
  }
  return `${cachedPrefix}${String(micros - second * 1e6).padStart(6, '0')}Z`
}

/** metav1.Time (seconds precision), as in `metadata.creationTimestamp`. */
export function secondTime(micros: number): string {
  return new Date(Math.floor(micros / 1e6) * 1000).toISOString().replace('.000Z', 'Z')
}
