/**
 * Sigma correlation rules (spec 2.1.0) over an ordered event stream.
 *
 * @example
 * const engine = createCorrelationEngine({ correlations: [doc], rules: new Map([['failed_login', compiled]]) })
 * for (const event of events) for (const m of engine.push(event)) report(m)
 * engine.flush().forEach(report)
 */
export { createCorrelationEngine, type CorrelationEngine, type CorrelationEngineOptions, type CorrelationMatch, type MatchingRule } from './engine.js'
export { CORRELATION_TYPES, CorrelationError, aliasField, isAlias, readCorrelation, resolveAliases, satisfies, type CorrelationCondition, type CorrelationDefinition, type CorrelationType } from './definition.js'
export { parseTimespan } from './timespan.js'
export { correlationGraphProblems, type CorrelationGraphProblem, type CorrelationRefs } from './graph.js'
export { percentileOf } from './aggregate.js'
