/** The generator API the dataset layer uses (one import point, so the layering stays visible). */
export { clusterContext, createRng, families, labelsOf, selectFamilies, toAuditEvent, bulkSteps } from '../../generators/index.js'
export { uuid } from '../../generators/_internals/gen.js'
export { scenarioPicker } from '../../generators/bulk.js'
