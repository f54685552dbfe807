import { validateExpressions, validateKeySpec } from '../simple/grammar.js'
import {
  any,
  bool,
  int,
  isObject,
  listOf,
  opt,
  req,
  str,
  typeName,
  validate as validateWith,
  where,
  type KeySpec,
  type Schema,
} from './schema-dsl.js'

/**
 * Strict per-type schemas, written for ruleproof from PAT's key tables (panther.md §2.1.3), with
 * the nested shapes PAT's JSON schema adds (tests, mocks, reports, match expressions).
 */
export const ANALYSIS_TYPES = [
  'rule',
  'scheduled_rule',
  'policy',
  'correlation_rule',
  'datamodel',
  'global',
  'pack',
  'saved_query',
  'scheduled_query',
  'lookup_table',
  'scheduled_prompt',
] as const
export type AnalysisType = (typeof ANALYSIS_TYPES)[number]

export const SEVERITIES = ['Info', 'Low', 'Medium', 'High', 'Critical'] as const

const ID = str({ pattern: /^[^<>&"%]+$/, patternText: 'the ID pattern (no <, >, &, " or %)' })
const text = str()
const strList = listOf(text)
const severity = str({ enum: SEVERITIES })
// PAT checks policy ResourceTypes against a fixed regex of AWS.* resource types (§2.1.3); the
// family is enforced here, not PAT's exact list, which grows with Panther's cloud scanning.
const resourceType = str({ pattern: /^AWS\.[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*$/, patternText: 'an AWS resource type (AWS.<Service>.<Resource>)' })

const expressions: Schema = { t: 'custom', check: validateExpressions }
const keySpec: Schema = { t: 'custom', check: (v, p, c) => validateKeySpec(v, p, c) }

const mock: Schema = {
  t: 'obj',
  keys: {
    objectName: req(text),
    returnValue: req({ t: 'union', options: [text, bool], label: 'a string or a boolean (PAT mocks return it as is)' }),
  },
}

const reports: Schema = {
  t: 'dict',
  values: listOf({ t: 'union', options: [text, { t: 'number' }], label: 'a string or number' }),
}

function tests(payload: 'Log' | 'Resource'): Schema {
  const keys: Record<string, KeySpec> = {
    Name: req(text),
    ExpectedResult: req(bool),
    [payload]: req(any),
    Mocks: opt(listOf(mock)),
  }
  keys[payload === 'Log' ? 'LogType' : 'ResourceType'] = opt(text)
  return listOf({ t: 'obj', keys })
}

const dynamicSeverities = listOf({
  t: 'obj',
  keys: { ChangeTo: req(str({ enum: [...SEVERITIES, ...SEVERITIES.map((s) => s.toUpperCase())] })), Conditions: req(expressions) },
})

const alertContext = listOf({ t: 'obj', keys: { KeyName: req(text), KeyValue: req(keySpec) } })

const DETECTION_COMMON: Record<string, KeySpec> = {
  Description: opt(text),
  DisplayName: opt(ID),
  Reference: opt(text),
  Runbook: opt(text),
  CreatedBy: opt(text),
  Status: opt(text),
  AlertTitle: opt(text),
  OnlyUseBaseRiskScore: opt(bool),
  OutputIds: opt(strList),
  SummaryAttributes: opt(strList),
  Tags: opt(strList),
  Reports: opt(reports),
  BaseVersion: opt(int),
}

const RULE: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['rule', 'scheduled_rule'] })),
    Enabled: req(bool),
    Filename: opt(text),
    Detection: opt(expressions),
    RuleID: req(ID),
    LogTypes: opt(strList),
    ScheduledQueries: opt(strList),
    Severity: req(severity),
    ...DETECTION_COMMON,
    DedupPeriodMinutes: opt(int),
    Threshold: opt(int),
    CreateAlert: opt(bool),
    InlineFilters: opt(expressions),
    DynamicSeverities: opt(dynamicSeverities),
    AlertContext: opt(alertContext),
    GroupBy: opt(listOf(keySpec)),
    Tests: opt(tests('Log')),
  },
  exactlyOne: [
    ['Filename', 'Detection'],
    ['LogTypes', 'ScheduledQueries'],
  ],
}

const DERIVED: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['rule'] })),
    RuleID: req(ID),
    BaseDetection: req(ID),
    Enabled: opt(bool),
    Severity: opt(severity),
    Description: opt(text),
    DedupPeriodMinutes: opt(int),
    InlineFilters: opt(expressions),
    DisplayName: opt(ID),
    OnlyUseBaseRiskScore: opt(bool),
    OutputIds: opt(strList),
    Reference: opt(text),
    Runbook: opt(text),
    Status: opt(text),
    SummaryAttributes: opt(strList),
    Threshold: opt(int),
    Tags: opt(strList),
    Reports: opt(reports),
    DynamicSeverities: opt(dynamicSeverities),
    AlertTitle: opt(text),
    AlertContext: opt(alertContext),
    GroupBy: opt(listOf(keySpec)),
    Tests: opt(any),
    CreateAlert: opt(bool),
    BaseVersion: opt(int),
  },
}

const POLICY: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['policy'] })),
    Enabled: req(bool),
    Filename: req(text),
    PolicyID: req(ID),
    Severity: req(severity),
    ResourceTypes: opt(listOf(resourceType)),
    ActionDelaySeconds: opt(int),
    AutoRemediationID: opt(text),
    AutoRemediationParameters: opt(any),
    Description: opt(text),
    DisplayName: opt(ID),
    OnlyUseBaseRiskScore: opt(bool),
    OutputIds: opt(strList),
    CreatedBy: opt(text),
    Reference: opt(text),
    Runbook: opt(text),
    Status: opt(text),
    Suppressions: opt(strList),
    Tags: opt(strList),
    Reports: opt(reports),
    BaseVersion: opt(int),
    Tests: opt(tests('Resource')),
  },
}

const CORRELATION: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['correlation_rule'] })),
    RuleID: req(ID),
    Enabled: req(bool),
    Detection: req(any),
    Severity: req(severity),
    ...DETECTION_COMMON,
    CreateAlert: opt(bool),
    Tests: opt(
      listOf({
        t: 'obj',
        keys: {
          Name: req(text),
          ExpectedResult: req(bool),
          RuleOutputs: req(listOf({ t: 'obj', keys: { ID: req(text), Matches: opt(any) } })),
        },
      }),
    ),
  },
}

const DATAMODEL: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['datamodel'] })),
    DataModelID: req(ID),
    Enabled: req(bool),
    LogTypes: req(strList),
    Mappings: req(listOf({ t: 'obj', keys: { Name: req(text), Method: opt(text), Path: opt(text) }, exactlyOne: [['Method', 'Path']] })),
    DisplayName: opt(text),
    Filename: opt(text),
    BaseVersion: opt(int),
  },
}

const GLOBAL: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['global'] })),
    Filename: req(text),
    GlobalID: req(ID),
    Description: opt(text),
    Tags: opt(strList),
    BaseVersion: opt(int),
  },
}

const PACK: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['pack'] })),
    PackID: req(ID),
    PackDefinition: req({ t: 'obj', keys: { IDs: req(strList) } }),
    Description: opt(text),
    DisplayName: opt(text),
  },
}

const QUERY_KEYS = ['Query', 'AthenaQuery', 'SnowflakeQuery', 'DatabricksQuery']
const SAVED_QUERY_KEYS: Record<string, KeySpec> = {
  QueryName: req(ID),
  Query: opt(text),
  AthenaQuery: opt(text),
  SnowflakeQuery: opt(text),
  DatabricksQuery: opt(text),
  Description: opt(text),
  Tags: opt(strList),
  Lookback: opt(bool),
  LookbackWindowSeconds: opt(int),
  BaseVersion: opt(int),
}

const SAVED_QUERY: Schema = {
  t: 'obj',
  keys: { AnalysisType: req(str({ enum: ['saved_query'] })), ...SAVED_QUERY_KEYS },
  atLeastOne: [QUERY_KEYS],
}

const schedule: Schema = {
  t: 'custom',
  check(value, path, ctx) {
    const shape: Schema = {
      t: 'obj',
      keys: { CronExpression: opt(text), RateMinutes: opt(int), TimeoutMinutes: req(int) },
      exactlyOne: [['CronExpression', 'RateMinutes']],
    }
    const before = ctx.findings.length
    validateWith(shape, value, path, ctx)
    if (ctx.findings.length !== before || !isObject(value)) return
    const rate = value.RateMinutes
    const timeout = value.TimeoutMinutes
    if (typeof rate === 'number') {
      if (rate <= 1) ctx.report([...path, 'RateMinutes'], `${where([...path, 'RateMinutes'])}: must be greater than 1`)
      else if (typeof timeout === 'number' && rate < timeout) {
        ctx.report([...path, 'TimeoutMinutes'], `${where([...path, 'TimeoutMinutes'])}: must not exceed RateMinutes (${rate})`)
      }
    }
  },
}

const SCHEDULED_QUERY: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['scheduled_query'] })),
    ...SAVED_QUERY_KEYS,
    Enabled: req(bool),
    Schedule: req(schedule),
    EmailConfig: opt({ t: 'obj', keys: { Recipients: req(strList), SendEmpty: opt(bool), PreferAttachment: opt(bool) } }),
  },
  atLeastOne: [QUERY_KEYS],
}

// PAT's LOOKUP_TABLE_SCHEMA: `Filename` or `Refresh`, each a string or an S3/GCS object source.
const lookupSource: Schema = {
  t: 'union',
  options: [
    str(),
    {
      t: 'obj',
      keys: {
        ObjectPath: req(str()),
        PeriodMinutes: opt(int),
        AlarmPeriodMinutes: opt(int),
        RoleARN: opt(str()),
        ObjectKMSKey: opt(str()),
        GCSCredentials: opt(str()),
        StorageProvider: opt(str()),
      },
    },
  ],
  label: 'a string or a mapping with ObjectPath (and PeriodMinutes, AlarmPeriodMinutes, RoleARN, ObjectKMSKey, GCSCredentials, StorageProvider)',
}

const LOOKUP_TABLE: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['lookup_table'] })),
    LookupName: req(text), // a plain str in PAT, without the ID pattern
    Enabled: req(bool),
    Description: opt(text),
    Reference: opt(text),
    Filename: opt(lookupSource),
    Refresh: opt(lookupSource),
    Schema: req(text),
    LogTypeMap: req({
      t: 'obj',
      keys: {
        PrimaryKey: req(text),
        AssociatedLogTypes: opt(listOf({ t: 'obj', keys: { LogType: req(text), Selectors: opt(strList) } })),
      },
    }),
    BaseVersion: opt(int),
  },
  atLeastOne: [['Filename', 'Refresh']],
}

/**
 * A lookup table filled by a query (PAT's SQL_LOOKUP_TABLE_SCHEMA, chosen when any query key is
 * present): no `Schema` or `Filename`; `Refresh` is a period or a cron expression.
 */
const LOOKUP_QUERY_KEYS = ['Query', 'AthenaQuery', 'SnowflakeQuery', 'DatabricksQuery']
const fieldList = (name: string): Schema => listOf({ t: 'obj', keys: { Field: req(text), [name]: req(strList) } })
const SQL_LOOKUP_TABLE: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['lookup_table'] })),
    LookupName: req(text),
    Enabled: req(bool),
    Query: opt(text),
    AthenaQuery: opt(text),
    SnowflakeQuery: opt(text),
    DatabricksQuery: opt(text),
    LogTypeMap: req({
      t: 'obj',
      keys: {
        PrimaryKey: req(text),
        AssociatedLogTypes: opt(listOf({ t: 'obj', keys: { LogType: req(text), Selectors: opt(strList) } })),
      },
    }),
    Refresh: req({
      t: 'union',
      options: [
        { t: 'obj', keys: { PeriodMinutes: req(int) } },
        { t: 'obj', keys: { CronExpression: req(text) } },
      ],
      label: 'a mapping with either PeriodMinutes (an integer) or CronExpression (a string)',
    }),
    Indicators: opt(fieldList('Indicators')),
    Validations: opt(fieldList('Validations')),
    Description: opt(text),
    Reference: opt(text),
    BaseVersion: opt(int),
  },
  atLeastOne: [LOOKUP_QUERY_KEYS],
}

const SCHEDULED_PROMPT: Schema = {
  t: 'obj',
  keys: {
    AnalysisType: req(str({ enum: ['scheduled_prompt'] })),
    PromptName: req(str({ pattern: /^[a-z][a-z0-9_]*$/ })),
    DisplayName: req(text),
    PromptText: req(text),
    RunAsUser: req(text),
    Schedule: req(any),
    Description: opt(text),
    OutputLength: opt(str({ enum: ['small', 'medium', 'largest'] })),
    Enabled: opt(bool),
    Private: opt({ t: 'custom', check: (v, p, c) => (v === false ? undefined : c.report(p, `${where(p)}: only false is supported, got ${typeName(v)}`)) }),
  },
}

/** The schema PAT applies to a document of this type (derived rules have their own). */
export function schemaFor(doc: Record<string, unknown>): Schema | undefined {
  switch (doc.AnalysisType) {
    case 'rule':
      return 'BaseDetection' in doc ? DERIVED : RULE
    case 'scheduled_rule':
      return RULE
    case 'policy':
      return POLICY
    case 'correlation_rule':
      return CORRELATION
    case 'datamodel':
      return DATAMODEL
    case 'global':
      return GLOBAL
    case 'pack':
      return PACK
    case 'saved_query':
      return SAVED_QUERY
    case 'scheduled_query':
      return SCHEDULED_QUERY
    case 'lookup_table':
      return LOOKUP_QUERY_KEYS.some((k) => k in doc) ? SQL_LOOKUP_TABLE : LOOKUP_TABLE
    case 'scheduled_prompt':
      return SCHEDULED_PROMPT
    default:
      return undefined
  }
}

/** The key naming a document's ID, per type (PAT core/definitions.py). */
export function idKey(type: string): string | undefined {
  switch (type) {
    case 'rule':
    case 'scheduled_rule':
    case 'correlation_rule':
      return 'RuleID'
    case 'policy':
      return 'PolicyID'
    case 'datamodel':
      return 'DataModelID'
    case 'global':
      return 'GlobalID'
    case 'saved_query':
    case 'scheduled_query':
      return 'QueryName'
    case 'pack':
      return 'PackID'
    case 'lookup_table':
      return 'LookupName'
    case 'scheduled_prompt':
      return 'PromptName'
    default:
      return undefined
  }
}

/** List fields whose values must be distinct (PAT SET_FIELDS); Tags also case-insensitively. */
export const SET_FIELDS = ['LogTypes', 'PackIDs', 'OutputIds', 'SummaryAttributes', 'Suppressions', 'Tags'] as const
