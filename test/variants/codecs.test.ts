import { variants } from '../../src/variants/index.js'
import { codecContract } from './codec-contract.js'

codecContract(variants.k8s)
codecContract(variants.eks)
codecContract(variants.aks)
codecContract(variants.aks, { options: { aksCategory: 'kube-audit-admin' } })
codecContract(variants.gke)
codecContract(variants.gke, { options: { gkeDataAccess: false } })
codecContract(variants['azure-activity'])
codecContract(variants['azure-activity'], { options: { assumeDataActions: true } })
