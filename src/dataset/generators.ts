/** The generator API the dataset layer uses (one import point, so the layering stays visible). */
export { auditId, bulkSteps, clusterContext, createRng, families, labelsOf, scenarioPicker, selectFamilies, toAuditEvent } from '../../generators/index.js'
