import { uuid, type Gen } from './_internals/gen.js'

/** Constraints of {@link auditId} (none yet; kept for a uniform generator signature). */
export type AuditIdConstraints = Record<string, never>

/** A Kubernetes audit ID: a lower-case UUID v4, shared by every stage of one request. */
export function auditId(_constraints: AuditIdConstraints = {}): Gen<string> {
  return uuid()
}
