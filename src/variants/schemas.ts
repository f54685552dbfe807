import type { VariantId } from '../model/variant.js'
import { schema as aks } from './aks/schema.js'
import { schema as azureActivity } from './azure-activity/schema.js'
import { schema as eks } from './eks/schema.js'
import { schema as gke } from './gke/schema.js'
import { schema as k8s } from './k8s/schema.js'

/** JSON schema of each variant's raw record. */
export const schemas: Record<VariantId, object> = { k8s, eks, aks, gke, 'azure-activity': azureActivity }
