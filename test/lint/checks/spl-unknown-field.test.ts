import check from '../../../src/lint/checks/spl-unknown-field.js'
import { checkTester } from '../../../src/lint/check-tester.js'
import { detection } from '../../spl/detection.js'

// Beside rules/splunk: its data_sources/kubernetes_audit.yml lists the fields of Kubernetes Audit.
const filename = 'rules/splunk/detections/cloud/example.yml'

checkTester.run('spl-unknown-field', check, {
  valid: [
    { code: detection('source=kubernetes | stats count by user.username verb'), filename },
    { code: detection('source=kubernetes | eval who=user.username | stats count by who'), filename },
    { code: detection('source=kubernetes | stats count by nosuch'), filename: 'elsewhere/example.yml' },
  ],
  invalid: [
    { code: detection('source=kubernetes | stats count by user.nmae'), filename, errors: [{ messageId: 'unknown', data: { field: 'user.nmae', sources: 'Kubernetes Audit' } }] },
    { code: detection('source=kubernetes | where isnull(objectRef.nmae)'), filename, errors: [{ messageId: 'unknown', data: { field: 'objectRef.nmae', sources: 'Kubernetes Audit' } }] },
  ],
})
