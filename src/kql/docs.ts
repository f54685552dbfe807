import { SENTINEL_TABLES, NO_SENTINEL_TABLE } from '../variants/sentinel.js'
import { AGGREGATE_FUNCTIONS, ARG_FUNCTIONS } from './aggregates.js'
import { SCALAR_FUNCTIONS } from './functions.js'
import { SUPPORTED_BINARY, SUPPORTED_LIST, SUPPORTED_OPERATORS } from './parser.js'

const code = (xs: readonly string[]): string => xs.map((x) => `\`${x}\``).join(', ')

/** docs/kql.md: the supported subset, from the engine's own tables (scripts/gen-docs.ts writes it). */
export function renderKqlDoc(): string {
  const scalar = Object.entries(SCALAR_FUNCTIONS).sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, f]) => `| \`${n}()\` | ${f.doc.replace(/\|/g, '\\|')} |`)
  const agg = [...Object.entries(AGGREGATE_FUNCTIONS).map(([n, f]) => [n, f.doc, f.column('X')] as const), ...Object.entries(ARG_FUNCTIONS).map(([n, f]) => [n, f.doc, 'X and the listed columns'] as const)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, doc, col]) => `| \`${n}()\` | ${doc} | \`${col}\` |`)
  const tables = Object.values(SENTINEL_TABLES).map((t) => `| \`${t.name}\` | ${t.variant} | ${t.doc} | ${Object.entries(t.columns).map(([c, ty]) => `${c}:${ty}`).join(', ')} |`)
  return [
    '<!-- generated, do not edit: run `npx tsx scripts/gen-docs.ts` -->',
    '# Sentinel KQL rules',
    '',
    'ruleproof loads Microsoft Sentinel analytics rules (the YAML of Microsoft\'s Azure-Sentinel repository, or a bare `.kql` file with a `<name>.ruleproof.yml` sidecar holding its metadata), runs their tests with its own KQL engine over in-memory tables, and lints them. Everything below is generated from the engine\'s own tables: what is not listed is reported as `unsupported by ruleproof\'s KQL engine: `X`` at its file:line:column, never evaluated by guess.',
    '',
    '## Tests',
    '',
    'Sentinel has no test format: tests live in `<rule file name without extension>.ruleproof.yml` under `tests:`, with the keys of Sigma\'s embedded tests — `name`, `expect` (`match` / `no-match`), `variant` (the format of the event; default `aks`), `event` (one record) or `events` (a list, for aggregating queries), `now` (the time `ago()`/`now()` see; default: the latest `TimeGenerated` plus one minute), `values` (expected columns of the first result row), `rows` (expected number of rows), `overrides` (declared gaps per variant) and `family`. A rule matches when the query returns at least one row; on failure the rows are shown.',
    '',
    'Events may be native records of the variant (an AKS diagnostic record lands in `AzureDiagnostics`, the mode Microsoft\'s own rules read) or Log Analytics rows (`Type: AKSAudit`, `AzureDiagnostics` rows with `log_s`, …), which land in the table they name. A rule\'s claimed variants come from the tables its query reads.',
    '',
    'A test with `events:` is run over all its records, on its own variant and replayed on the others (each record re-encoded there). Property checks (perturbing what the query does not read) run on every table of the variant the query reads — `AKSAudit`/`AKSAuditAdmin`/`AzureActivity` rows are perturbed as rows, the paths read being the columns and member paths the query names — and on the table the test\'s event is written in: where the query does not read that table, the check reports it blind there (with the test\'s declared gap, if any). `replay` of a `generate --format sentinel` dataset scores each KQL rule on the files of the tables its query reads (`aks.AKSAudit.ndjson`, …); `relevantTechniques` say which labelled records are its positives.',
    '',
    'Syntax errors come from Microsoft\'s parser (`@kusto/language-service-next`), loaded only when a KQL rule needs it (its first parse costs seconds; see BENCHMARKS.md). ruleproof\'s own parser reads the subset below with positions; when it cannot read a query that Kusto accepts, the finding says so.',
    '',
    '## Tables (Sentinel views of the variants)',
    '',
    '| table | variant | what | columns |',
    '| --- | --- | --- | --- |',
    ...tables,
    '',
    ...Object.entries(NO_SENTINEL_TABLE).map(([v, why]) => `- \`${v}\`: ${why}.`),
    '',
    '## Tabular operators',
    '',
    `${code(SUPPORTED_OPERATORS)}; \`join\` kinds innerunique (the default), inner, leftouter, leftanti, leftsemi, rightsemi, rightanti, rightouter, fullouter on keys or \`$left.a == $right.b\`; \`lookup\` kinds leftouter and inner; \`let\` statements binding scalars, \`dynamic()\` literals, tabular expressions and functions without parameters; \`datatable\`; \`materialize()\`.`,
    '',
    '## Scalar operators',
    '',
    `${code(SUPPORTED_BINARY)}, ${code(SUPPORTED_LIST)}, \`not()\`. Strings: \`==\` is case-sensitive, \`=~\` is not; \`has\` matches whole terms (maximal runs of letters and digits, case-insensitively), a value with punctuation as a phrase on term boundaries; \`contains\`/\`startswith\`/\`endswith\` are case-insensitive, their \`_cs\` forms are not. Null propagates through arithmetic and ordering (\`where\` keeps only true); \`==\` of a null and a value is false and \`!=\` true, of two nulls null; \`and\`/\`or\` are three-valued; \`tostring(null)\` is \`""\`. Numbers keep their Kusto type: \`7\` is a long, \`7.0\`, \`1e3\`, \`toreal(7)\`, \`avg()\` and real columns are reals even when integral (\`7.0 / 2\` and \`toreal(7) / 2\` are 3.5, \`7 / 2\` is 3, \`tostring(7.0)\` is \`"7"\`); a real operand makes the result real; a long divided (or \`%\`) by zero is null, a real one ±inf or NaN (\`real(nan)\`, \`real(+inf)\`, \`real(-inf)\`, \`real(null)\` are literals); \`%\` is never negative; \`sum()\` keeps its input\'s type; a timespan divided by a timespan is a real. Numbers inside \`dynamic\` values are JSON numbers: integral ones read as longs. Regexes (\`matches regex\`, \`extract\`, \`extract_all\`, \`replace_regex\`, \`trim\`, \`parse\`) are RE2, as in Kusto, run with re2js: RE2 syntax (a lookaround is an error) and linear time.`,
    '',
    '## Scalar functions',
    '',
    '| function | what |',
    '| --- | --- |',
    ...scalar,
    '| `case()` | predicate/value pairs and an else value |',
    '| `column_ifexists()` | a column, or the default when the table has none |',
    '',
    '## Aggregations (summarize)',
    '',
    '| function | what | default column name |',
    '| --- | --- | --- |',
    ...agg,
    '',
  ].join('\n')
}
