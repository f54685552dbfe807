/**
 * ruleproof generators: fast-check arbitraries of Kubernetes cluster activity and attacks.
 * Every generator is also drawable from a bare seeded PRNG (`gen.draw(createRng(seed))`), which
 * is what the bulk dataset generator uses. Exports are listed by hand.
 */
export { Gen, type GenValue, type GenOr } from './_internals/gen.js'
export { createRng, type Rng } from './_internals/rng.js'
export { toAuditEvent, auditLevel, requestUri } from './_internals/builders/event.js'
export { renderUser, authorizationReason } from './_internals/builders/identity.js'
export { microTime } from './_internals/builders/time.js'

export { actor, type ActorConstraints, SERVICE_ACCOUNTS, CONTROLLERS } from './actor.js'
export { annotations, type AnnotationsConstraints } from './annotations.js'
export { auditEvent, type AuditEventConstraints } from './auditEvent.js'
export { auditId, type AuditIdConstraints } from './auditId.js'
export { clusterContext, type ClusterContextConstraints } from './clusterContext.js'
export { command, type CommandConstraints, type CommandShape, type CommandValue } from './command.js'
export { container, type ContainerConstraints } from './container.js'
export { cronJob, type CronJobConstraints } from './cronJob.js'
export { deployment, type DeploymentConstraints } from './deployment.js'
export { identity, type IdentityConstraints } from './identity.js'
export { image, type ImageConstraints, type ImageSet, IMAGES } from './image.js'
export { job, type JobConstraints } from './job.js'
export { namespace, type NamespaceConstraints, APP_NAMESPACES, SYSTEM_NAMESPACES } from './namespace.js'
export { objectName, type ObjectNameConstraints } from './objectName.js'
export { otherResource, type OtherResourceConstraints, OTHER_RESOURCES } from './otherResource.js'
export { pod, type PodConstraints } from './pod.js'
export { podSpec, type PodSpecConstraints } from './podSpec.js'
export { responseCode, type ResponseCodeConstraints } from './responseCode.js'
export { schedule, type ScheduleConstraints } from './schedule.js'
export { securityContext, type SecurityContextConstraints } from './securityContext.js'
export { sourceIp, type SourceIpConstraints } from './sourceIp.js'
export { timestamp, type TimestampConstraints } from './timestamp.js'
export { userAgent, type UserAgentConstraints, type ClientKind } from './userAgent.js'
export { verb, type VerbConstraints } from './verb.js'

export { families, familyArbitrary, familyNames, getFamily, scenarioArbitrary, selectFamilies, type Family, type FamilyArbitraryOptions } from './families/index.js'
export { labelsOf } from './families/family.js'
export { bulkSteps, scenarioPicker, type BulkOptions, type BulkStep } from './bulk.js'

export type { Action, Actor, FamilyLabels, Labels, LabelledEvent, Outcome, Scenario, Step, Verb } from './types.js'
