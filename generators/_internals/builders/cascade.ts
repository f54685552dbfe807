/**
 * What the controllers create after a CronJob fires (logformats.md §1.9): the cronjob-controller's
 * Job `<cronjob>-<scheduled minutes since epoch>` owned by the CronJob, then the job-controller's
 * Pod `<job>-<5 chars>` (generateName) owned by the Job. The attack content rides along.
 */
import { defaultJobSpec } from './objects.js'

type Obj = Record<string, unknown>

function meta(o: Obj): Obj {
  return (o.metadata ?? {}) as Obj
}

/** The Job the cronjob-controller creates for the run scheduled at `scheduledMicros`. */
export function jobFromCronJob(cronJob: Obj, cronJobUid: string, scheduledMicros: number): Obj {
  const m = meta(cronJob)
  const minutes = Math.floor(scheduledMicros / 60_000_000)
  const template = ((cronJob.spec as Obj).jobTemplate ?? {}) as Obj
  const templateMeta = (template.metadata ?? {}) as Obj
  const metadata: Obj = {
    name: `${String(m.name)}-${minutes}`,
    namespace: m.namespace,
    creationTimestamp: null,
  }
  if (templateMeta.labels) metadata.labels = templateMeta.labels
  metadata.annotations = { 'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(minutes * 60_000).toISOString().replace('.000Z', 'Z'), ...((templateMeta.annotations as Obj | undefined) ?? {}) }
  metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: m.name, uid: cronJobUid, controller: true, blockOwnerDeletion: true }]
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: defaultJobSpec((template.spec ?? {}) as Obj), status: {} }
}

/** The Pod the job-controller creates for a Job (no name: `generateName: <job>-`). */
export function podFromJob(job: Obj, jobUid: string): Obj {
  const m = meta(job)
  const template = ((job.spec as Obj).template ?? {}) as Obj
  const templateLabels = ((template.metadata as Obj | undefined)?.labels ?? {}) as Obj
  const name = String(m.name)
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      generateName: `${name}-`,
      namespace: m.namespace,
      creationTimestamp: null,
      labels: {
        'batch.kubernetes.io/controller-uid': jobUid,
        'batch.kubernetes.io/job-name': name,
        'controller-uid': jobUid,
        'job-name': name,
        ...templateLabels,
      },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: jobUid, controller: true, blockOwnerDeletion: true }],
    },
    spec: template.spec ?? {},
    status: {},
  }
}
