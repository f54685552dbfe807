/**
 * Schema fragments shared by the three Sigma document kinds. They follow Sigma specification
 * 2.1.0; where the official JSON schemas are looser than their prose (keywords that have no
 * effect on the instance type, `anyOf` branches without keywords), ours state what the official
 * schema really enforces, so both accept and reject the same documents. `x-message` is our
 * annotation keyword: the text shown instead of ajv's generic message.
 */

/** `YYYY-MM-DD` with month 01–12 and day 01–31, as the specification's schemas require. */
export const dateSchema = {
  type: 'string',
  pattern: '^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$',
  'x-message': 'must be a date written YYYY-MM-DD',
} as const

export const uuidSchema = {
  type: 'string',
  format: 'uuid',
  'x-message': 'must be a UUID such as 0c9b3bda-41a6-4442-9345-356ae86343dc',
} as const

export const statusSchema = {
  type: 'string',
  enum: ['stable', 'test', 'experimental', 'deprecated', 'unsupported'],
} as const

export const levelSchema = {
  type: 'string',
  enum: ['informational', 'low', 'medium', 'high', 'critical'],
} as const

export const uniqueStrings = { type: 'array', uniqueItems: true, items: { type: 'string' } } as const

export const shortText = { type: 'string', maxLength: 256 } as const

/** A search identifier: a list of strings, integers and maps, or a map of field → value(s). */
export const searchIdentifierSchema = {
  anyOf: [
    { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'object' }] } },
    { type: 'object' },
  ],
  'x-message': 'must be a list (keywords or maps) or a map of field: value',
} as const
