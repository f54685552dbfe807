import { eventSchema } from '../shared/event-schema.js'

/** The eks record is the Event (one CloudWatch log event's `message`). */
export const schema = {
  ...eventSchema,
  $id: 'https://ruleproof.dev/schemas/variants/eks.json',
  title: 'Amazon EKS audit log event (CloudWatch message; Panther Amazon.EKS.Audit)',
} as const
