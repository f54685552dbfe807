/** The pipelines shipped with ruleproof: one file per variant (`src/variants/<id>/pipeline.json`) plus the shared taxonomy. */
import aks from '../../variants/aks/pipeline.json' with { type: 'json' }
import azureActivity from '../../variants/azure-activity/pipeline.json' with { type: 'json' }
import eks from '../../variants/eks/pipeline.json' with { type: 'json' }
import gke from '../../variants/gke/pipeline.json' with { type: 'json' }
import k8s from '../../variants/k8s/pipeline.json' with { type: 'json' }
import taxonomy from '../../variants/shared/kubernetes-audit.pipeline.json' with { type: 'json' }
import { parsePipelineDocument } from './parse.js'
import type { PipelineDocument } from './types.js'

const SOURCES: [string, unknown[]][] = [
  ['src/variants/shared/kubernetes-audit.pipeline.json', [taxonomy]],
  ['src/variants/k8s/pipeline.json', k8s],
  ['src/variants/eks/pipeline.json', eks],
  ['src/variants/aks/pipeline.json', aks],
  ['src/variants/gke/pipeline.json', gke],
  ['src/variants/azure-activity/pipeline.json', azureActivity],
]

/** Every shipped pipeline document, checked once at load. */
export const shippedPipelines: readonly PipelineDocument[] = SOURCES.flatMap(([file, docs]) => docs.map((d, i) => parsePipelineDocument(d, `${file}#${i}`)))
