import type { CommandSpec } from '../command.js'
import { VARIANT_IDS } from '../../model/variant.js'
import { REPORTER_NAMES } from '../../report/index.js'
import { MAX_DURATION_OPTION, MAX_FILE_SIZE_OPTION } from '../limits.js'

// Name, summary, usage and options of every subcommand, apart from their implementations so that
// `ruleproof --help` and the registry load no command code (src/cli/commands/index.ts loads one
// implementation, on use).

export const evalSpec: CommandSpec = {
  name: 'eval',
  summary: 'Evaluate a Sigma rule file (detection and correlation rules) on NDJSON events: one verdict per line, or a count',
  usage: 'ruleproof eval --rule FILE --events FILE.ndjson|- [--variant ID] [--timestamp-field FIELD] [--count]',
  options: {
    rule: { type: 'string', value: 'FILE', description: 'Sigma rule file (several rules, a collection, or base rules with their correlation rules)' },
    events: { type: 'string', value: 'FILE', description: 'NDJSON file, one raw event per line (blank lines are skipped); - reads standard input' },
    variant: {
      type: 'string',
      value: 'ID',
      description: `log format of the events, read through that variant's field mapping: ${VARIANT_IDS.join(', ')} (default: read as is)`,
    },
    'timestamp-field': {
      type: 'string',
      multiple: true,
      value: 'FIELD',
      description: 'correlation rules: the field(s) holding the event time, first present wins (default by variant, see docs/sigma.md)',
    },
    count: { type: 'boolean', description: 'print only {"events": N, "matches": M}' },
    'max-duration': MAX_DURATION_OPTION,
    'max-line-size': { type: 'string', value: 'SIZE', description: 'longest event line read, e.g. 64MiB (default: config limits.eventLineSize, else 16MiB); a longer line is that line\'s error' },
  },
}

export const testSpec: CommandSpec = {
  name: 'test',
  summary: 'Run the embedded tests of Sigma and Panther rules (and sidecar and interop tests)',
  paths: true,
  usage: 'ruleproof test [PATHS...] [options]',
  options: {
    format: { type: 'string', value: 'FORMAT', description: `Report format: ${REPORTER_NAMES.join('|')} (default text)` },
    output: { type: 'string', value: 'FILE', description: 'Write the report to FILE (a one-line summary still goes to stdout)' },
    filter: {
      type: 'string',
      multiple: true,
      value: 'KEY=V[,V]',
      description: 'Only rules whose KEY is one of the values (KEY!=V excludes); repeatable, ANDed (PAT semantics)',
    },
    'minimum-tests': { type: 'string', value: 'N', number: { integer: true, min: 0 }, description: 'Fail rules with fewer than N tests (N >= 2: also one positive and one negative)' },
    'failures-only': { type: 'boolean', description: 'Text: leave passing and skipped tests out' },
    slowest: { type: 'string', value: 'N', number: { integer: true, min: 0, max: 1_000_000 }, description: 'Text: list the N slowest tests with their durations (JSON and JUnit always carry durations)' },
    python: { type: 'string', value: 'PATH', description: 'Python interpreter for Panther rules (default: RULEPROOF_PYTHON, config, python3)' },
    isolate: { type: 'boolean', description: 'Panther: a fresh Python worker per rule file, without network where Linux allows (docs/security.md)' },
    'attack-data': { type: 'string', value: 'DIR', description: 'Splunk SPL: a local mirror of splunk/attack_data for security_content tests (docs/spl.md)' },
    config: { type: 'string', value: 'FILE', description: 'ruleproof config file (default: ruleproof.config.{json,yml,yaml} here)' },
    'max-file-size': MAX_FILE_SIZE_OPTION,
    'max-duration': MAX_DURATION_OPTION,
  },
}

export const lintSpec: CommandSpec = {
  name: 'lint',
  summary: 'Lint Sigma and Panther rules: YAML, schema, load and compile errors, and domain-aware checks',
  paths: true,
  usage: 'ruleproof lint [PATHS...] [--format text|json|sarif|github] [--fail-level error|warning] [--fix] [--config FILE]',
  options: {
    format: { type: 'string', value: 'FORMAT', description: 'text (default), json, sarif or github' },
    'fail-level': { type: 'string', value: 'LEVEL', description: 'lowest severity that fails the run: error (default) or warning' },
    fix: { type: 'boolean', description: 'apply the safe fixes in place and report what is left' },
    config: { type: 'string', value: 'FILE', description: 'config file (default: ruleproof.config.{json,yml,yaml} in the current folder)' },
    python: { type: 'string', value: 'PATH', description: 'Python interpreter used to parse Panther modules (default python3)' },
    'max-file-size': MAX_FILE_SIZE_OPTION,
    'max-duration': MAX_DURATION_OPTION,
  },
}

export const checkSpec: CommandSpec = {
  name: 'check',
  summary: 'Lint rules and run every check: embedded tests, replay on every variant, properties, scenarios, consistency',
  paths: true,
  usage: 'ruleproof check [PATHS...] [options]',
  options: {
    'changed-since': { type: 'string', value: 'GIT_REF', description: 'Only rules changed since this git ref (the PR gate)' },
    variants: { type: 'string', multiple: true, value: 'IDS', description: 'Only these variants (comma-separated): k8s, eks, aks, gke, azure-activity' },
    kinds: { type: 'string', multiple: true, value: 'KINDS', description: 'Only these check kinds: embedded, replay, property, scenario, consistency' },
    runs: { type: 'string', value: 'N', number: { integer: true, min: 1, max: 1_000_000 }, description: 'Generated events per property, family and variant (default 20)' },
    seed: { type: 'string', value: 'S', number: { integer: true, min: 0, max: 0xffffffff }, description: 'fast-check seed; the same seed gives the same results (default 42)' },
    format: { type: 'string', value: 'FORMAT', description: `Report format: ${REPORTER_NAMES.join('|')}|html (default text; html needs --output)` },
    output: { type: 'string', value: 'FILE', description: 'Write the report to FILE (a one-line summary still goes to stdout)' },
    'failures-only': { type: 'boolean', description: 'Text: leave passing and skipped checks out' },
    slowest: { type: 'string', value: 'N', number: { integer: true, min: 0, max: 1_000_000 }, description: 'Text: list the N slowest checks with their durations (JSON and JUnit always carry durations)' },
    config: { type: 'string', value: 'FILE', description: 'ruleproof config file (default: ruleproof.config.{json,yml,yaml} here)' },
    python: { type: 'string', value: 'PATH', description: 'Python interpreter for Panther rules (default: RULEPROOF_PYTHON, python3)' },
    isolate: { type: 'boolean', description: 'Panther: a fresh Python worker per rule file, without network where Linux allows (docs/security.md)' },
    'attack-data': { type: 'string', value: 'DIR', description: 'Splunk SPL: a local mirror of splunk/attack_data for security_content tests (docs/spl.md)' },
    'assume-data-actions': { type: 'boolean', description: 'azure-activity: generate the hypothetical ARM records Sigma Azure rules assume' },
    shard: { type: 'string', value: 'i/N', description: 'run only the i-th of N slices of the sorted rule files (merge the JSON reports with `ruleproof merge`)' },
    'max-file-size': MAX_FILE_SIZE_OPTION,
    'max-duration': MAX_DURATION_OPTION,
    mutate: { type: 'boolean', description: 'Also mutation-test the rules checked (with --changed-since: the changed ones); see docs/mutate.md' },
    'min-score': { type: 'string', value: 'N', number: { integer: false, min: 0, max: 100 }, description: 'With --mutate: fail when the mutation score of the rules checked is below N percent' },
  },
}

export const explainSpec: CommandSpec = {
  name: 'explain',
  summary: 'Show why a rule did or did not match an event',
  usage: 'ruleproof explain --rule FILE --event FILE [--variant ID] [--format text|json]',
  options: {
    rule: { type: 'string', value: 'FILE', description: 'The rule file (every rule in it is explained)' },
    event: { type: 'string', value: 'FILE', description: 'A JSON event, a JSON array of events, or NDJSON' },
    variant: { type: 'string', value: 'ID', description: 'The variant the event is written in (default: detected from the record)' },
    format: { type: 'string', value: 'FORMAT', description: 'text|json (default text)' },
    config: { type: 'string', value: 'FILE', description: 'ruleproof config file' },
    python: { type: 'string', value: 'PATH', description: 'Python interpreter for Panther rules' },
  },
}

export const replaySpec: CommandSpec = {
  name: 'replay',
  summary: 'Score rules per variant against a labelled dataset made by `ruleproof generate`',
  usage: 'ruleproof replay --dataset DIR [--rules PATHS] [--format text|json|markdown|html] [--output FILE]',
  options: {
    dataset: { type: 'string', value: 'DIR', description: 'Dataset folder: <variant>.ndjson, <variant>.labels.ndjson, manifest.json' },
    rules: { type: 'string', multiple: true, value: 'PATHS', description: 'Rule files or folders (comma-separated or repeated; default: the config rules)' },
    variants: { type: 'string', multiple: true, value: 'IDS', description: 'Only these variants of the dataset' },
    shard: { type: 'string', value: 'i/N', description: 'run only the i-th of N slices of the sorted rule files (merge the JSON reports with `ruleproof merge`)' },
    format: { type: 'string', value: 'FORMAT', description: 'text|json|markdown|html (default text; html needs --output)' },
    output: { type: 'string', value: 'FILE', description: 'Write the report to FILE (a one-line summary still goes to stdout)' },
    config: { type: 'string', value: 'FILE', description: 'ruleproof config file' },
    python: { type: 'string', value: 'PATH', description: 'Python interpreter for Panther rules' },
    'max-duration': MAX_DURATION_OPTION,
  },
}

export const generateSpec: CommandSpec = {
  name: 'generate',
  summary: 'Write a labelled synthetic dataset of Kubernetes activity and attacks, per log variant',
  usage:
    'ruleproof generate --out DIR [--variants k8s,eks,aks,gke,azure-activity] [--count N] [--seed S] [--attack-ratio R] [--families GLOB] [--gzip] [--format native|splunk-hec|sentinel|cloudwatch] [--transport kinesis] [--assume-data-actions]',
  options: {
    out: { type: 'string', value: 'DIR', description: 'output folder (created if missing)' },
    variants: { type: 'string', multiple: true, value: 'IDS', description: 'comma-separated variants (default: all the format supports)' },
    count: { type: 'string', value: 'N', number: { integer: true, min: 0, max: 1_000_000_000 }, description: 'number of actions (API requests) to generate (default 1000)' },
    seed: { type: 'string', value: 'S', number: { integer: true, min: 0, max: 0xffffffff }, description: 'seed; same seed and options give byte-identical files (default 1)' },
    'attack-ratio': { type: 'string', value: 'R', number: { integer: false, min: 0, max: 1 }, description: 'share of scenarios drawn from atomic.* families, 0..1 (default 0.05)' },
    families: { type: 'string', value: 'GLOB', description: "comma-separated family globs, '!' excludes (default '*')" },
    gzip: { type: 'boolean', description: 'gzip every output file (.ndjson.gz)' },
    format: { type: 'string', value: 'FORMAT', description: 'native (default), splunk-hec, sentinel (aks, azure-activity) or cloudwatch (eks)' },
    transport: { type: 'string', value: 'TRANSPORT', description: 'cloudwatch: kinesis writes the Kinesis records a subscription filter delivers (base64(gzip(payload)), several events each)' },
    'assume-data-actions': { type: 'boolean', description: 'azure-activity: write the hypothetical ARM records Sigma azure/activitylogs rules assume (labelled assumed)' },
    'aks-category': { type: 'string', value: 'CATEGORY', description: 'aks: kube-audit (default, every verb) or kube-audit-admin (no get/list/watch)' },
    'gke-data-access': { type: 'string', value: 'on|off', description: 'gke: Data Access logs enabled (default on); off drops reads and status writes' },
    start: { type: 'string', value: 'TIME', description: 'time of the first action, ISO 8601 (default 2026-03-14T00:00:00Z)' },
    jobs: { type: 'string', value: 'N', number: { integer: true, min: 1, max: 256 }, description: 'worker threads (default: number of cores); output does not depend on it' },
    shard: { type: 'string', value: 'i/N', description: 'write only the i-th of N slices of the dataset: the N shards\' files, concatenated in order, are the unsharded files' },
  },
}

export const coverageSpec: CommandSpec = {
  name: 'coverage',
  paths: true,
  summary: 'ATT&CK coverage of the rules: techniques claimed, how they are tested, on which variants they pass, replay scores',
  usage: 'ruleproof coverage [PATHS...] [--dataset DIR] [--format navigator|markdown|json|html] [--output FILE]',
  options: {
    dataset: { type: 'string', value: 'DIR', description: 'Also score the rules on this labelled dataset (recall and precision per technique)' },
    format: { type: 'string', value: 'FORMAT', description: 'markdown (default), json, navigator (ATT&CK Navigator layer 4.5) or html (needs --output)' },
    output: { type: 'string', value: 'FILE', description: 'Write the report to FILE (a one-line summary still goes to stdout)' },
    variants: { type: 'string', multiple: true, value: 'IDS', description: 'Only these variants (comma-separated)' },
    runs: { type: 'string', value: 'N', number: { integer: true, min: 1, max: 1_000_000 }, description: 'Generated events per property, family and variant (default 20)' },
    seed: { type: 'string', value: 'S', number: { integer: true, min: 0, max: 0xffffffff }, description: 'fast-check seed (default 42)' },
    config: { type: 'string', value: 'FILE', description: 'ruleproof config file' },
    python: { type: 'string', value: 'PATH', description: 'Python interpreter for Panther rules' },
    isolate: { type: 'boolean', description: 'Panther: a fresh Python worker per rule file' },
    'max-duration': MAX_DURATION_OPTION,
  },
}

export const mergeSpec: CommandSpec = {
  name: 'merge',
  paths: true,
  summary: 'Merge the JSON reports of `check --shard`, `test` or `replay --shard` runs into one report in any format',
  usage: 'ruleproof merge REPORT.json... [--format FORMAT] [--output FILE]',
  options: {
    format: { type: 'string', value: 'FORMAT', description: `check/test results: ${REPORTER_NAMES.join('|')}|html; replay scores: text|json|markdown|html (default text)` },
    output: { type: 'string', value: 'FILE', description: 'Write the report to FILE (a one-line summary still goes to stdout)' },
  },
}

export const mutateSpec: CommandSpec = {
  name: 'mutate',
  summary: "Mutation testing: change each rule's logic in small ways and report the changes no test catches",
  usage: 'ruleproof mutate [PATHS...] [--format text|json|markdown|html] [--min-score N]',
  paths: true,
  options: {
    format: { type: 'string', value: 'FORMAT', description: 'Report format: text|json|markdown|html (default text)' },
    output: { type: 'string', value: 'FILE', description: 'Write the report to FILE (a one-line summary still goes to stdout)' },
    'min-score': { type: 'string', value: 'N', number: { integer: false, min: 0, max: 100 }, description: 'Fail (exit 1) when the total mutation score is below N percent' },
    variants: { type: 'string', multiple: true, value: 'IDS', description: 'Only these variants (comma-separated): k8s, eks, aks, gke, azure-activity' },
    runs: { type: 'string', value: 'N', number: { integer: true, min: 1, max: 1_000_000 }, description: 'Generated events per family and variant (default 20)' },
    seed: { type: 'string', value: 'S', number: { integer: true, min: 0, max: 0xffffffff }, description: 'fast-check seed; the same seed gives the same mutants and results (default 42)' },
    'no-suggest': { type: 'boolean', description: 'Do not search for a test that kills each surviving mutant' },
    config: { type: 'string', value: 'FILE', description: 'ruleproof config file (default: ruleproof.config.{json,yml,yaml} here)' },
  },
}
