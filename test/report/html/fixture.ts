// A rules folder for the HTML reports: one rule whose title is hostile markup and whose second
// embedded test fails (it expects a match on an event the rule does not match), tagged T1609.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const HOSTILE_TITLE = `Exec into pod </td><script>document.title='pwned';alert(1)</script><img src=x onerror="document.title='pwned'">`

const event = (verb: string, subresource: string) => [
  '        kind: Event',
  '        apiVersion: audit.k8s.io/v1',
  '        level: Metadata',
  '        auditID: 0b7c3c9e-1d2a-4f55-9a8e-2c4b6d8e0f11',
  '        stage: ResponseComplete',
  `        requestURI: /api/v1/namespaces/default/pods/web-0/${subresource}?command=sh`,
  `        verb: ${verb}`,
  '        user: {username: "mallory@example.com", groups: ["system:authenticated"]}',
  '        sourceIPs: ["203.0.113.9"]',
  '        userAgent: kubectl/v1.30.2 (linux/amd64) kubernetes/3968350',
  `        objectRef: {resource: pods, namespace: default, name: web-0, apiVersion: v1, subresource: ${subresource}}`,
  '        responseStatus: {metadata: {}, code: 101}',
  "        requestReceivedTimestamp: '2026-11-23T09:10:51.123456Z'",
  "        stageTimestamp: '2026-11-23T09:10:51.140211Z'",
]

export function hostileRules(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ruleproof-html-'))
  mkdirSync(path.join(dir, 'rules'))
  const rule = [
    `title: ${JSON.stringify(HOSTILE_TITLE)}`,
    'id: 6f2d8c1e-4b7a-4c3e-9d15-7a8b9c0d1e2f',
    'status: test',
    'description: exec into a pod',
    'tags: [attack.execution, attack.t1609]',
    'logsource: {product: kubernetes, service: audit}',
    'detection:',
    '  selection: {verb: create, objectRef.resource: pods, objectRef.subresource: exec}',
    '  condition: selection',
    'level: high',
    'tests:',
    '  - name: kubectl exec',
    '    expect: match',
    '    event:',
    ...event('create', 'exec'),
    '  - name: "kubectl attach <b>is</b> exec too"',
    '    expect: match',
    '    event:',
    ...event('create', 'attach'),
    '',
  ]
  writeFileSync(path.join(dir, 'rules', 'pod_exec.yml'), rule.join('\n'))
  return dir
}
