import { describe, expect, it } from 'vitest'
import { hasPython, loadRepo, runAll, testYaml } from './probe.js'

const MODEL = `AnalysisType: datamodel
DataModelID: Audit.EKS.Model
Enabled: true
Filename: model.py
LogTypes:
  - Amazon.EKS.Audit
Mappings:
  - Name: actor
    Path: $.user.username
  - Name: ip
    Path: $.sourceIPs[*]
  - Name: ns
    Path: $.objectRef.namespace
  - Name: shouted
    Method: shout
  - Name: nothing
    Method: nothing
  - Name: first_ip
    Path: $.sourceIPs[0]
  - Name: given
    Method: given
`
const MODEL_PY = `def shout(event):
    return event.get("verb", "").upper()

def nothing(event):
    return None

def given(event):
    return [type(event).__name__, hasattr(event, "deep_get"), event.get("VERB")]
`

const RULE_PY = `import json

def rule(event):
    return True

def alert_context(event):
    out = {}
    def err(fn):
        try:
            return ["ok", fn()]
        except Exception as e:
            return [type(e).__name__, str(e)]
    out["actor"] = event.udm("actor")
    out["ip"] = err(lambda: event.udm("ip"))
    out["ns_missing"] = event.udm("ns", default="dflt")
    out["shouted"] = event.udm("shouted")
    out["nothing"] = event.udm("nothing", default="dflt")
    out["unmapped"] = event.udm("verb")
    out["unmapped_p_udm"] = event.udm("extra")
    out["path_actor"] = err(lambda: event.udm_path("actor"))
    out["path_shouted"] = err(lambda: event.udm_path("shouted"))
    out["path_unmapped"] = err(lambda: event.udm_path("verb"))
    out["path_first_ip"] = err(lambda: event.udm_path("first_ip"))
    out["path_ns_missing"] = err(lambda: event.udm_path("ns"))
    out["given"] = err(lambda: event.udm("given"))
    out["case_sensitive_path"] = event.udm("actor") if "User" not in event.to_dict() else event.udm("actor", default="nope")
    return json.loads(json.dumps(out, default=type(event).json_encoder))
`

async function contexts(logs: unknown[], kind = 'rule') {
  const rule = [
    `AnalysisType: ${kind}`,
    'RuleID: Audit.UDM',
    'Enabled: true',
    'Filename: rule.py',
    'Severity: Low',
    ...(kind === 'scheduled_rule' ? ['ScheduledQueries:', '  - A Query'] : ['LogTypes:', '  - Amazon.EKS.Audit', '  - GCP.AuditLog']),
    'Tests:',
    ...logs.map((log, i) => testYaml(`t${i}`, true, log)),
  ].join('\n')
  const l = await loadRepo({ 'rules/rule.yml': rule, 'rules/rule.py': RULE_PY, 'data_models/model.yml': MODEL, 'data_models/model.py': MODEL_PY }, 'rules')
  expect(l.findings.filter((f) => f.severity === 'error')).toEqual([])
  const results = await runAll(l.rules[0])
  return results.map((r) => {
    expect(r.status, r.message).toBe('pass')
    return r.outputs?.alert_context as Record<string, unknown>
  })
}

const EKS = { p_log_type: 'Amazon.EKS.Audit', user: { username: 'alice' }, sourceIPs: ['1.1.1.1', '2.2.2.2'], verb: 'create', p_udm: { extra: 'from p_udm' } }

// panther.md §2.2.1 (data models), §2.2.2 (chosen by the log's p_log_type), §2.2.3 (udm, udm_path).
describe.skipIf(!hasPython)('audit §2.2.3 udm and data models', () => {
  it('Path mappings give the single match, Method mappings call the method, unmapped names fall back', async () => {
    const [out] = await contexts([EKS])
    expect(out).toMatchObject({
      actor: 'alice',
      ns_missing: 'dflt', // mapped, yields nothing → default
      shouted: 'CREATE',
      nothing: null, // the method's own None, not the default (panther_core returns what it gives)
      unmapped: 'create', // not in the model → the event key
      unmapped_p_udm: 'from p_udm', // not in the model → p_udm first
      // str(match.full_path) as jsonpath-ng 1.5.3 prints it, without the root
      path_actor: ['ok', 'user.username'],
      path_first_ip: ['ok', 'sourceIPs.[0]'],
      path_ns_missing: ['ok', null], // the path matches nothing
      path_shouted: ['ok', 'shout'],
      path_unmapped: ['ok', null],
      // a Method gets the plain immutable mapping (case-insensitive, but no deep_get)
      given: ['ok', ['ImmutableCaseInsensitiveDict', false, 'create']],
    })
    expect(out?.ip).toEqual(['Exception', expect.stringContaining('matched multiple fields')])
  })

  it('JSONPath mappings are case-sensitive on the raw log even though event.get is not', async () => {
    const [out] = await contexts([{ p_log_type: 'Amazon.EKS.Audit', User: { username: 'bob' }, sourceIPs: ['1.1.1.1'] }])
    expect(out?.case_sensitive_path).toBe('nope')
    expect(out?.ip).toEqual(['ok', '1.1.1.1'])
  })

  it('the model is chosen by the log\'s own p_log_type: another or no p_log_type means no model (fallbacks only)', async () => {
    const [gcp, none] = await contexts([
      { p_log_type: 'GCP.AuditLog', actor: 'from event', verb: 'get' },
      { actor: 'top-level', verb: 'get' },
    ])
    // Without a data model udm_path raises PantherError, as panther_core's _validate() does.
    expect(gcp).toMatchObject({ actor: 'from event', shouted: null, path_actor: ['PantherError', "a data model hasn't been specified for log type: GCP.AuditLog"] })
    expect(none).toMatchObject({ actor: 'top-level', path_actor: ['PantherError', "a data model hasn't been specified for log type: None"] })
  })

  it('scheduled rules never see data models', async () => {
    const [out] = await contexts([{ ...EKS, actor: 'event key' }], 'scheduled_rule')
    expect(out).toMatchObject({ actor: 'event key', path_actor: ['PantherError', expect.stringContaining('Amazon.EKS.Audit')], shouted: null })
  })

  it('a data model whose Method is missing from its module is a setup error', async () => {
    const l = await loadRepo(
      {
        'rules/rule.yml': ['AnalysisType: rule', 'RuleID: Audit.X', 'Enabled: true', 'Filename: rule.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('t', false, EKS)].join('\n'),
        'rules/rule.py': 'def rule(event):\n    return False\n',
        'data_models/model.yml': MODEL.replace('Method: nothing', 'Method: not_defined'),
        'data_models/model.py': MODEL_PY,
      },
      'rules',
    )
    await runAll(l.rules[0])
    expect(l.findings.map((f) => [f.check, f.message])).toContainEqual(['panther-setup', expect.stringMatching(/Audit.EKS.Model.*not_defined/)])
  })

  it('two enabled data models for one log type conflict; a disabled one does not', async () => {
    const second = MODEL.replace('Audit.EKS.Model', 'Audit.EKS.Model2').replace('Filename: model.py\n', '').replace(/  - Name: shouted[\s\S]*/, '')
    const l = await loadRepo({ 'data_models/a.yml': MODEL, 'data_models/a.py': MODEL_PY, 'data_models/b.yml': second }, 'data_models')
    expect(l.findings.map((f) => f.check)).toContain('panther-datamodel-conflict')
    const ok = await loadRepo({ 'data_models/a.yml': MODEL, 'data_models/a.py': MODEL_PY, 'data_models/b.yml': second.replace('Enabled: true', 'Enabled: false') }, 'data_models')
    expect(ok.findings.map((f) => f.check)).not.toContain('panther-datamodel-conflict')
  })

  it('a Mapping needs exactly one of Path and Method', async () => {
    const both = MODEL.replace('    Path: $.user.username', '    Path: $.user.username\n    Method: shout')
    const neither = MODEL.replace('    Path: $.user.username\n', '')
    for (const text of [both, neither]) {
      const l = await loadRepo({ 'data_models/a.yml': text, 'data_models/a.py': MODEL_PY }, 'data_models')
      expect(l.findings.map((f) => f.check)).toContain('panther-schema')
    }
  })
})

describe.skipIf(!hasPython)('audit §2.2.1 only enabled data models are used', () => {
  it('a disabled data model is ignored by udm()', async () => {
    const l = await loadRepo(
      {
        'rules/rule.yml': ['AnalysisType: rule', 'RuleID: Audit.Dis', 'Enabled: true', 'Filename: rule.py', 'Severity: Low', 'LogTypes: [Amazon.EKS.Audit]', 'Tests:', testYaml('t', true, { ...EKS, actor: 'top' })].join('\n'),
        'rules/rule.py': 'def rule(event):\n    try:\n        event.udm_path("actor")\n    except Exception as e:\n        return event.udm("actor") == "top" and type(e).__name__ == "PantherError"\n    return False\n',
        'data_models/model.yml': MODEL.replace('Enabled: true', 'Enabled: false'),
        'data_models/model.py': MODEL_PY,
      },
      'rules',
    )
    expect(l.findings).toEqual([])
    expect((await runAll(l.rules[0])).map((r) => r.status)).toEqual(['pass'])
  })
})
