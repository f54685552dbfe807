import type { Finding, Result } from '../../src/model/result.js'

/** A small run with every status, kind and awkward character the reporters must cope with. */
export const ROOT = '/repo'

export const results: Result[] = [
  { rule: 'K8S-001', file: '/repo/rules/cron.yml', line: 40, test: 'create cronjob', variant: 'k8s', kind: 'embedded', status: 'pass', expected: 'match', actual: 'match' },
  {
    rule: 'K8S-001',
    file: '/repo/rules/cron.yml',
    line: 40,
    test: 'create cronjob',
    variant: 'eks',
    kind: 'replay',
    status: 'fail',
    expected: 'match',
    actual: 'no-match',
    message: 'field <objectRef.resource> & "verb" differ\nsecond line, with: colon 100%',
  },
  { rule: 'K8S-001', file: '/repo/rules/cron.yml', line: 40, test: 'create cronjob', variant: 'gke', kind: 'replay', status: 'pass', expected: 'match', actual: 'no-match', message: 'declared gap: GKE has no stage field' },
  { rule: 'K8S-001', file: '/repo/rules/cron.yml', line: 40, test: 'create cronjob', variant: 'aks', kind: 'replay', status: 'skip', message: 'AKS admin log drops reads' },
  {
    rule: 'K8S|002',
    file: '/repo/rules/job.yml',
    line: 7,
    test: 'atomic.privileged-job',
    variant: 'aks',
    kind: 'scenario',
    status: 'error',
    message: 'worker crashed\u0007',
    seed: 42,
    path: '3:1:0',
    event: { verb: 'create', note: ']]> </failure> `x`' },
  },
  { rule: 'K8S|002', file: '/repo/rules/job.yml', line: 7, test: 'benign.backup', variant: 'k8s', kind: 'scenario', status: 'pass', expected: 'no-match', actual: 'no-match' },
]

export const findings: Finding[] = [
  { check: 'sigma-schema', severity: 'error', file: '/repo/rules/cron.yml', line: 3, column: 5, message: "unknown key 'titel', did you mean: title?", rule: 'K8S-001' },
  { check: 'title-length', severity: 'warning', file: '/repo/rules/job.yml', line: 1, column: 8, message: 'title is long, 120 > 100', endLine: 1, endColumn: 20 },
  { check: 'description-missing', severity: 'note', file: 'rules/x.yml', line: 1, column: 1, message: 'no description' },
]
