/** A minimal security_content detection around a search (line 11 holds the search, from column 10; line 20 the first mitre_attack_id). */
export function detection(search: string, attackId = 'T1053.007'): string {
  return `name: Test Detection
id: 5984dbe8-572f-47d7-9251-3dff6c3f0c0d
version: 1
date: '2024-09-30'
author: Someone
status: production
type: Anomaly
description: test
data_source:
- Kubernetes Audit
search: '${search}'
how_to_implement: x
known_false_positives: unknown
references: []
tags:
  analytic_story:
  - Kubernetes Security
  asset_type: Kubernetes
  mitre_attack_id:
  - ${attackId}
  product:
  - Splunk Enterprise
  security_domain: network
`
}
