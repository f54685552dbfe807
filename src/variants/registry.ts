/** The codec of each variant. */
import type { Variant, VariantId } from '../model/variant.js'
import * as aks from './aks/codec.js'
import * as azureActivity from './azure-activity/codec.js'
import * as eks from './eks/codec.js'
import * as gke from './gke/codec.js'
import * as k8s from './k8s/codec.js'
import { schemas } from './schemas.js'

export const variants: Record<VariantId, Variant> = {
  k8s: { id: 'k8s', title: 'Kubernetes API server audit log', encode: k8s.encode, decode: k8s.decode, schema: schemas.k8s, carries: k8s.carries, loses: k8s.loses },
  eks: { id: 'eks', title: 'Amazon EKS audit log (CloudWatch Logs)', pantherLogType: 'Amazon.EKS.Audit', encode: eks.encode, decode: eks.decode, schema: schemas.eks, carries: eks.carries, loses: eks.loses },
  aks: { id: 'aks', title: 'Azure AKS kube-audit diagnostic log', pantherLogType: 'Azure.MonitorActivity', encode: aks.encode, decode: aks.decode, schema: schemas.aks, carries: aks.carries, loses: aks.loses },
  gke: { id: 'gke', title: 'Google GKE Cloud Audit Log', pantherLogType: 'GCP.AuditLog', encode: gke.encode, decode: gke.decode, schema: schemas.gke, carries: gke.carries, loses: gke.loses },
  'azure-activity': {
    id: 'azure-activity',
    title: 'Azure Activity log',
    pantherLogType: 'Azure.MonitorActivity',
    encode: azureActivity.encode,
    decode: azureActivity.decode,
    schema: schemas['azure-activity'],
    carries: azureActivity.carries,
    loses: azureActivity.loses,
  },
}
