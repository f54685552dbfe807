// The ATT&CK Navigator layer file format, version 4.5 (mitre-attack/attack-navigator,
// layers/spec/v4.5/layerformat.md), as a JSON Schema: required properties, their types and the
// values the spec allows. Written from the spec's tables for this test; stricter than the
// Navigator where the spec says "must" (versions.layer, navigator >= 4.9.0, gradient bounds).
const metadataOrDivider = {
  oneOf: [
    { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'string' } }, additionalProperties: false },
    { type: 'object', required: ['divider'], properties: { divider: { type: 'boolean' } }, additionalProperties: false },
  ],
}
const linkOrDivider = {
  oneOf: [
    { type: 'object', required: ['label', 'url'], properties: { label: { type: 'string' }, url: { type: 'string', pattern: '^[a-z][a-z0-9+.-]*://' } }, additionalProperties: false },
    { type: 'object', required: ['divider'], properties: { divider: { type: 'boolean' } }, additionalProperties: false },
  ],
}
const TACTICS = [
  'reconnaissance', 'resource-development', 'initial-access', 'execution', 'persistence', 'privilege-escalation', 'defense-evasion', 'stealth',
  'defense-impairment', 'credential-access', 'discovery', 'lateral-movement', 'collection', 'command-and-control', 'exfiltration', 'impact',
]

export const layerSchema = {
  type: 'object',
  required: ['name', 'domain', 'versions'],
  additionalProperties: false,
  properties: {
    versions: {
      type: 'object',
      required: ['navigator', 'layer'],
      additionalProperties: false,
      properties: {
        attack: { type: 'string' },
        // At least 4.9.0.
        navigator: { type: 'string', pattern: '^(4\\.(9|[1-9]\\d)|[5-9]|[1-9]\\d+)(\\.\\d+)*$' },
        layer: { const: '4.5' },
      },
    },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    domain: { enum: ['enterprise-attack', 'mobile-attack', 'ics-attack'] },
    customDataURL: { type: 'string' },
    filters: { type: 'object', properties: { platforms: { type: 'array', items: { type: 'string' } } }, additionalProperties: false },
    sorting: { enum: [0, 1, 2, 3] },
    layout: {
      type: 'object',
      additionalProperties: false,
      properties: {
        layout: { enum: ['side', 'flat', 'mini'] },
        showID: { type: 'boolean' },
        showName: { type: 'boolean' },
        showAggregateScores: { type: 'boolean' },
        countUnscored: { type: 'boolean' },
        aggregateFunction: { enum: ['average', 'min', 'max', 'sum'] },
        expandedSubtechniques: { enum: ['none', 'all', 'annotated'] },
      },
    },
    hideDisabled: { type: 'boolean' },
    techniques: {
      type: 'array',
      items: {
        type: 'object',
        required: ['techniqueID'],
        additionalProperties: false,
        properties: {
          techniqueID: { type: 'string', pattern: '^T\\d{4}(\\.\\d{3})?$' },
          tactic: { enum: TACTICS },
          comment: { type: 'string' },
          enabled: { type: 'boolean' },
          score: { type: 'number' },
          color: { type: 'string' },
          metadata: { type: 'array', items: metadataOrDivider },
          links: { type: 'array', items: linkOrDivider },
          showSubtechniques: { type: 'boolean' },
        },
      },
    },
    gradient: {
      type: 'object',
      required: ['colors', 'minValue', 'maxValue'],
      additionalProperties: false,
      properties: {
        colors: { type: 'array', minItems: 2, items: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' } },
        minValue: { type: 'number' },
        maxValue: { type: 'number' },
      },
    },
    legendItems: {
      type: 'array',
      items: { type: 'object', required: ['label', 'color'], additionalProperties: false, properties: { label: { type: 'string' }, color: { type: 'string' } } },
    },
    showTacticRowBackground: { type: 'boolean' },
    tacticRowBackground: { type: 'string' },
    selectTechniquesAcrossTactics: { type: 'boolean' },
    selectSubtechniquesWithParent: { type: 'boolean' },
    selectVisibleTechniques: { type: 'boolean' },
    metadata: { type: 'array', items: metadataOrDivider },
    links: { type: 'array', items: linkOrDivider },
  },
} as const
