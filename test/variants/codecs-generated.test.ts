/** The codec contract again, on the realistic scenario families of generators/ (H4). */
import { auditEvent, clusterContext } from '../../generators/index.js'
import { variants } from '../../src/variants/index.js'
import { codecContract } from './codec-contract.js'

const events = auditEvent({ families: '*' })
const contexts = clusterContext()

for (const v of Object.values(variants)) {
  codecContract(v, { events, contexts, numRuns: 100 })
}
codecContract(variants.aks, { events, contexts, numRuns: 100, options: { aksCategory: 'kube-audit-admin' } })
codecContract(variants['azure-activity'], { events, contexts, numRuns: 100, options: { assumeDataActions: true } })
