import { eventSchema } from '../shared/event-schema.js'

/** The k8s record is the Event itself. */
export const schema = { ...eventSchema, $id: 'https://ruleproof.dev/schemas/variants/k8s.json' } as const
