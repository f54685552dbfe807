/**
 * `benign.*`: the false-positive look-alikes of logformats.md §6.7 and the Sentinel seed's
 * tuning notes — they share images, `/bin/sh -c`, curl, schedules, host mounts or privileges
 * with the attacks, but are normal cluster operations.
 */
import { command } from '../command.js'
import { container } from '../container.js'
import { cronJob } from '../cronJob.js'
import { image } from '../image.js'
import { job } from '../job.js'
import { namespace } from '../namespace.js'
import { objectName } from '../objectName.js'
import { podSpec } from '../podSpec.js'
import { schedule } from '../schedule.js'
import type { VolumeInput } from '../_internals/builders/objects.js'
import { caller, writeScenario } from '../_internals/scenario.js'
import { chars, constant, constantFrom, tuple, uuid, weighted, type Gen } from '../_internals/gen.js'
import { cascadeSteps, defineFamily, type Family } from './family.js'

const benign = { malicious: false, technique: null, atomic: null }
const owner = weighted([2, caller('human')], [2, caller('gitops')], [1, caller('ci')])
const appNs = namespace({ kind: 'app' })

function cronFamily(name: string, description: string, weight: number, object: Gen<Record<string, unknown>>, who: typeof owner = owner): Family {
  return defineFamily({ name, description, labels: benign, steps: cascadeSteps(name, 'cronjobs'), weight, scenario: writeScenario({ family: name, resource: 'cronjobs', caller: who, cascade: true, object }) })
}

function jobFamily(name: string, description: string, weight: number, object: Gen<Record<string, unknown>>, who: typeof owner = owner): Family {
  return defineFamily({ name, description, labels: benign, steps: cascadeSteps(name, 'jobs'), weight, scenario: writeScenario({ family: name, resource: 'jobs', caller: who, cascade: true, object }) })
}

const backupScript: Gen<string> = tuple(constantFrom('appdb', 'orders', 'users', 'billing'), constantFrom('postgres', 'mysql')).map(([db, kind]) =>
  kind === 'postgres'
    ? `pg_dump -h postgres.${db}.svc -U backup ${db} | gzip > /backup/${db}-$(date +%F).sql.gz`
    : `mysqldump -h mysql.${db}.svc -u backup --single-transaction ${db} | gzip > /backup/${db}-$(date +%F).sql.gz`,
)

export const dbBackupCronJob = cronFamily(
  'benign.db-backup-cronjob',
  'Nightly PostgreSQL/MySQL dump CronJob (postgres:16-alpine, /bin/sh -c "pg_dump … | gzip"), to a PVC.',
  3,
  cronJob({
    name: objectName({ prefix: 'db-backup' }),
    namespace: appNs,
    schedule: schedule({ kind: 'periodic' }),
    podSpec: podSpec({
      serviceAccountName: constantFrom(undefined, 'backup'),
      volumes: [{ name: 'backup-store', persistentVolumeClaim: { claimName: 'backup-pvc' } }],
      containers: container({ name: 'dump', image: image({ set: 'db' }), command: command({ script: backupScript, shapes: ['argv', 'split'] }), volumeMounts: [{ name: 'backup-store', mountPath: '/backup' }] }).map((c) => [c]),
    }),
  }),
)

export const cloudBackupCronJob = cronFamily(
  'benign.cloud-backup-cronjob',
  'Backup upload to S3 / Blob storage with aws-cli or azure-cli (download/upload tooling in a CronJob).',
  1,
  cronJob({
    name: objectName({ prefix: 'backup-upload' }),
    namespace: appNs,
    schedule: schedule({ kind: 'periodic' }),
    podSpec: podSpec({
      serviceAccountName: 'backup-uploader',
      containers: container({
        name: 'upload',
        image: image({ set: 'cloudCli' }),
        command: command({ script: constantFrom('aws s3 cp /data/ s3://acme-backups/$(date +%F)/ --recursive', 'az storage blob upload-batch -d backups -s /data --auth-mode login', 'gsutil -m cp -r /data gs://acme-backups/') }),
      }).map((c) => [c]),
    }),
  }),
)

export const certRenewalCronJob = cronFamily(
  'benign.cert-renewal-cronjob',
  'Weekly certificate renewal: certbot, or kubectl recreating a TLS secret (/bin/sh -c, kubectl).',
  1,
  cronJob({
    name: objectName({ prefix: 'cert-renew' }),
    namespace: constantFrom('ingress-nginx', 'web', 'default', 'cert-manager'),
    schedule: constantFrom('0 3 * * 1', '@weekly', '0 4 * * 0'),
    podSpec: podSpec({
      serviceAccountName: 'cert-renewer',
      containers: weighted(
        [1, container({ name: 'certbot', image: 'certbot/certbot:v2.11.0', command: { command: ['certbot', 'renew', '--non-interactive', '--webroot', '-w', '/var/www/certbot'] } })],
        [1, container({ name: 'kubectl', image: image({ set: 'kubectl' }), command: command({ script: 'kubectl create secret tls web-tls --cert=/certs/tls.crt --key=/certs/tls.key --dry-run=client -o yaml | kubectl apply -f -' }) })],
      ).map((c) => [c]),
    }),
  }),
)

export const logRotationCronJob = cronFamily(
  'benign.log-rotation-cronjob',
  'Hourly log cleanup with busybox/alpine mounting hostPath /var/log (hostPath + busybox + /bin/sh -c).',
  2,
  constantFrom('/var/log/app', '/var/log/containers', '/var/log').bind((path) =>
    cronJob({
      name: objectName({ prefix: 'log-rotate' }),
      namespace: constantFrom('kube-system', 'monitoring', 'tools'),
      schedule: constantFrom('0 * * * *', '@hourly', '30 */2 * * *'),
      podSpec: podSpec({
        volumes: [{ name: 'varlog', hostPath: { path, type: 'Directory' } } satisfies VolumeInput],
        containers: container({
          name: 'rotate',
          image: constantFrom('busybox:1.36', 'busybox:latest', 'alpine:3.20'),
          command: command({ script: `find ${path} -name '*.log' -mtime +7 -delete` }),
          volumeMounts: [{ name: 'varlog', mountPath: path }],
        }).map((c) => [c]),
      }),
    }),
  ),
)

export const healthCheckCronJob = cronFamily(
  'benign.healthcheck-cronjob',
  'Heartbeat / health check every few minutes with curl (curlimages/curl or alpine + curl): curl and */5 like the miner.',
  2,
  cronJob({
    name: objectName({ prefix: 'healthcheck' }),
    namespace: appNs,
    schedule: constantFrom('*/5 * * * *', '*/1 * * * *', '*/10 * * * *'),
    podSpec: podSpec({
      containers: weighted(
        [2, container({ name: 'ping', image: image({ set: 'curl' }), command: uuid().map((id) => ({ command: ['curl', '-fsS', '-m', '10', `https://status.example.com/ping/${id}`] })) })],
        [1, container({ name: 'ping', image: constantFrom('alpine:3.20', 'alpine:latest'), command: command({ script: `apk add --no-cache curl && curl -fsS https://api.example.com/healthz` }) })],
      ).map((c) => [c]),
    }),
  }),
)

export const ciJob = jobFamily(
  'benign.ci-job',
  'CI build/test Jobs by a CI service account (alpine/ubuntu with curl/wget; docker:dind privileged).',
  3,
  constantFrom('build', 'dind').bind((kind) =>
    job({
      name: tuple(constantFrom('build', 'test', 'ci', 'pipeline'), chars('0123456789', 4, 6)).map(([a, n]) => `${a}-${n}`),
      namespace: constantFrom('ci', 'gitlab-runner', 'tekton-pipelines'),
      podSpec: podSpec({
        restartPolicy: 'Never',
        containers:
          kind === 'dind'
            ? container({ name: 'dind', image: constantFrom('docker:dind', 'docker:27.3-dind'), securityContext: { privileged: true } }).map((c) => [c])
            : container({
                name: 'build',
                image: constantFrom('alpine:3.20', 'ubuntu:22.04', 'node:20-alpine', 'python:3.12-slim'),
                command: command({ script: constantFrom('wget -qO- https://example.com/install.sh | sh && make test', 'curl -fsSL https://get.example.org/tool -o /usr/local/bin/tool && chmod +x /usr/local/bin/tool && tool build', 'npm ci && npm test', 'pip install -r requirements.txt && pytest') }),
              }).map((c) => [c]),
      }),
    }),
  ),
  caller('ci'),
)

const BENCH_PATHS = ['/var/lib/etcd', '/var/lib/kubelet', '/var/lib/kube-scheduler', '/var/lib/kube-controller-manager', '/etc/systemd', '/lib/systemd', '/srv/kubernetes', '/etc/kubernetes', '/usr/bin', '/etc/cni/net.d', '/opt/cni/bin']
const BENCH_EKS_PATHS = ['/var/lib/kubelet', '/etc/systemd', '/etc/kubernetes']

function hostVolumes(paths: string[]): { volumes: VolumeInput[]; mounts: { name: string; mountPath: string; readOnly: boolean }[] } {
  const name = (p: string) => p.slice(1).replace(/[/.]/g, '-').replace(/-+$/, '')
  return { volumes: paths.map((p) => ({ name: name(p), hostPath: { path: p } })), mounts: paths.map((p) => ({ name: name(p), mountPath: p, readOnly: true })) }
}

export const kubeBenchJob = jobFamily(
  'benign.kube-bench-job',
  'CIS benchmark with kube-bench: hostPID and read-only hostPaths (/var/lib/kubelet, /etc/kubernetes, …).',
  1,
  constantFrom(BENCH_PATHS, BENCH_EKS_PATHS).bind((paths) => {
    const { volumes, mounts } = hostVolumes(paths)
    return job({
      name: constantFrom('kube-bench', 'kube-bench-node', 'cis-scan'),
      namespace: constantFrom('default', 'tools', 'security'),
      podSpec: podSpec({
        restartPolicy: 'Never',
        hostPID: true,
        volumes,
        containers: container({ name: 'kube-bench', image: constantFrom('docker.io/aquasec/kube-bench:v0.8.0', 'aquasec/kube-bench:latest'), command: { command: ['kube-bench'] }, volumeMounts: mounts }).map((c) => [c]),
      }),
    })
  }),
  weighted([2, caller('human')], [1, caller('ci')]),
)

const TRIVY_PATHS = ['/var/lib/etcd', '/var/lib/kubelet', '/var/lib/kube-scheduler', '/var/lib/kube-controller-manager', '/etc/systemd', '/lib/systemd', '/etc/kubernetes', '/etc/cni/net.d/']

export const trivyNodeCollectorJob = jobFamily(
  'benign.trivy-node-collector-job',
  'Trivy Operator node-collector Job in trivy-system: read-only host mounts, privileged: false, readOnlyRootFilesystem.',
  1,
  (() => {
    const { volumes, mounts } = hostVolumes(TRIVY_PATHS)
    return job({
      name: chars('0123456789abcdef', 10).map((h) => `node-collector-${h}`),
      namespace: 'trivy-system',
      ttlSecondsAfterFinished: constant(undefined),
      podSpec: podSpec({
        restartPolicy: 'Never',
        serviceAccountName: 'trivy-operator',
        hostPID: true,
        volumes,
        containers: container({
          name: 'node-collector',
          image: 'ghcr.io/aquasecurity/node-collector:0.3.1',
          command: { command: ['node-collector'], args: ['k8s', '--node', 'node-1'] },
          securityContext: { privileged: false, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['all'] } },
          volumeMounts: mounts,
        }).map((c) => [c]),
      }),
    })
  })(),
  caller('operator', ['trivy-system/trivy-operator']),
)

export const deschedulerCronJob = cronFamily(
  'benign.descheduler-cronjob',
  'Descheduler CronJob in kube-system every 2 minutes, installed by Helm.',
  1,
  cronJob({
    name: 'descheduler',
    namespace: 'kube-system',
    schedule: '*/2 * * * *',
    podSpec: podSpec({
      serviceAccountName: 'descheduler',
      containers: container({ name: 'descheduler', image: 'registry.k8s.io/descheduler/descheduler:v0.31.0', command: { command: ['/bin/descheduler'], args: ['--policy-config-file', '/policy-dir/policy.yaml', '--v', '3'] } }).map((c) => [c]),
    }),
  }),
  caller('human').map((c) => ({ ...c, client: 'helm' as const, userAgent: 'Helm/3.16.2' })),
)

export const helmHookJob = jobFamily(
  'benign.helm-hook-job',
  'Helm hook Jobs (admission webhook certificate creation, cert-manager start-up check, DB migrations) created by the person running Helm.',
  2,
  job({
    name: constantFrom('ingress-nginx-admission-create', 'ingress-nginx-admission-patch', 'cert-manager-startupapicheck', 'app-db-migrate'),
    namespace: constantFrom('ingress-nginx', 'cert-manager', 'web', 'payments'),
    annotations: constant({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' }),
    podSpec: podSpec({
      restartPolicy: 'OnFailure',
      containers: container({ name: 'hook', image: image({ set: 'system' }), command: constantFrom({ args: ['create', '--host=ingress-nginx-controller-admission', '--namespace=ingress-nginx', '--secret-name=ingress-nginx-admission'] }, { args: ['check', '--timeout=1m', '-v'] }) }).map((c) => [c]),
    }),
  }),
  caller('human').map((c) => ({ ...c, client: 'helm' as const, userAgent: 'Helm/3.16.2' })),
)

export const stalePodCleanupCronJob = cronFamily(
  'benign.stale-pod-cleanup-cronjob',
  'kubectl CronJob deleting completed pods every 30 minutes (/bin/sh -c, kubectl).',
  1,
  cronJob({
    name: constantFrom('cleanup-completed-pods', 'pod-reaper', 'janitor'),
    namespace: constantFrom('kube-system', 'tools', 'ci'),
    schedule: '*/30 * * * *',
    podSpec: podSpec({
      serviceAccountName: 'pod-cleaner',
      containers: container({ name: 'kubectl', image: image({ set: 'kubectl' }), command: command({ script: 'kubectl delete pods -A --field-selector=status.phase==Succeeded' }) }).map((c) => [c]),
    }),
  }),
)

export const benignFamilies: readonly Family[] = [
  dbBackupCronJob, cloudBackupCronJob, certRenewalCronJob, logRotationCronJob, healthCheckCronJob, ciJob,
  kubeBenchJob, trivyNodeCollectorJob, deschedulerCronJob, helmHookJob, stalePodCleanupCronJob,
]
