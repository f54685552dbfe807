/** Kubernetes MicroTime: UTC, `Z`, exactly six fractional digits (`metav1.MicroTime`). */
export function microTime(micros: number): string {
  const ms = Math.floor(micros / 1000)
  const rest = micros - ms * 1000
  const iso = new Date(ms).toISOString() // 2026-03-14T02:17:43.512Z
  return `${iso.slice(0, 23)}${String(rest).padStart(3, '0')}Z`
}

/** metav1.Time (seconds precision), as in `metadata.creationTimestamp`. */
export function secondTime(micros: number): string {
  return new Date(Math.floor(micros / 1e6) * 1000).toISOString().replace('.000Z', 'Z')
}
