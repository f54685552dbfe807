/**
 * YAML documents where js-yaml and PyYAML (libyaml, which panther_analysis_tool reads with) can
 * disagree, with the value PAT's loader gives each (`value`; generated with PyYAML 6.0.3 + libyaml
 * through test/conformance/pyyaml/pat_load.py) or `error` when PyYAML refuses the document.
 * Unit tests hold ruleproof's Panther loader to these values; the conformance suite re-derives
 * them from python3 where it is installed.
 */
export interface PyYamlCase {
  name: string
  text: string
  value?: unknown
  error?: true
}

export const PYYAML_CASES: PyYamlCase[] = [
  { name: "closing brace at the parent key's column (panther-analysis)", text: "Tests:\n  - Name: t\n    ExpectedResult: false\n    Log:\n      {\n        \"a\": 2\n    }\n  - Name: u\n    ExpectedResult: true\n", value: {"Tests": [{"Name": "t", "ExpectedResult": false, "Log": {"a": 2}}, {"Name": "u", "ExpectedResult": true}]} },
  { name: "flow sequence closing at column 0", text: "a: [\n1,\n2\n]\n", value: {"a": [1, 2]} },
  { name: "flow mapping lines left of the key, a comment inside", text: "a:\n  b: {\n  c: 1,\n# note\nd: 2\n}\n  e: 3\n", value: {"a": {"b": {"c": 1, "d": 2}, "e": 3}} },
  { name: "flow collections as sequence items, contents at column 0", text: "- {\n\"a\": 1\n}\n- [\n2]\n", value: [{"a": 1}, [2]] },
  { name: "nested flow collections spread over under-indented lines", text: "k:\n  - x\n  - {\"a\": [1,\n2,\n3],\n\"b\": 2\n    }\n", value: {"k": ["x", {"a": [1, 2, 3], "b": 2}]} },
  { name: "double-quoted scalar continuing at column 0", text: "a: \"foo\nbar\"\nb: 1\n", value: {"a": "foo bar", "b": 1} },
  { name: "single-quoted scalar continuing at column 0", text: "a: 'it''s\nok'\n", value: {"a": "it's ok"} },
  { name: "quoted scalar with an empty line", text: "a: \"x\n\n  y\"\n", value: {"a": "x\ny"} },
  { name: "plain scalars folded inside flow collections at column 0", text: "a: [foo\nbar]\nb: {c: foo\nbar}\n", value: {"a": ["foo bar"], "b": {"c": "foo bar"}} },
  { name: "plain multi-line scalar in block context", text: "a: foo\n  bar\n", value: {"a": "foo bar"} },
  { name: "plain multi-line scalar in a sequence item", text: "- a: foo\n   bar\n", value: [{"a": "foo bar"}] },
  { name: "tabs separating flow content", text: "a: {\tb: 1}\nc: [1,\t2]\nd: [\n\t3]\n", value: {"a": {"b": 1}, "c": [1, 2], "d": [3]} },
  { name: "%YAML 1.1 directive", text: "%YAML 1.1\n---\na: yes\n", value: {"a": "yes"} },
  { name: "%YAML 1.2 directive", text: "%YAML 1.2\n---\na: 1\n", value: {"a": 1} },
  { name: "PAT scalars: booleans", text: "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: true\ng: False\n", value: {"a": "yes", "b": "No", "c": "on", "d": "OFF", "e": "y", "f": true, "g": false} },
  { name: "PAT scalars: integers", text: "a: 0644\nb: -0644\nc: 0x1F\nd: 0b11\ne: +12\nf: 1_000\ng: 0o17\nh: 1:30:00\ni: 1:30:00.5\n", value: {"a": 644, "b": -644, "c": 31, "d": 3, "e": 12, "f": 1000, "g": "0o17", "h": "1:30:00", "i": 5400.5} },
  { name: "PAT scalars: floats", text: "a: 1e3\nb: 1.0e+3\nc: .5\nf: 1.\ng: 6.8523015e+5\n", value: {"a": "1e3", "b": 1000.0, "c": 0.5, "f": 1.0, "g": 685230.15} },
  { name: "PAT scalars: timestamps and nulls", text: "a: 2024-01-02\nb: 2001-12-14t21:59:43.10-05:00\nc: ~\nd: null\ne:\n", value: {"a": "2024-01-02", "b": "2001-12-14t21:59:43.10-05:00", "c": null, "d": null, "e": null} },
  { name: "explicit tags through PAT's constructors", text: "a: !!int 0644\nb: !!bool yes\nc: !!bool true\nd: !!timestamp 2024-01-01\ne: !!str 0644\nf: !!int 1:30\n", value: {"a": 644, "b": "yes", "c": true, "d": "2024-01-01", "e": "0644", "f": "1:30"} },
  { name: "merge keys: merged keys first, explicit keys win", text: "base: &b {x: 1, y: 0}\nc:\n  y: 2\n  <<: *b\n", value: {"base": {"x": 1, "y": 0}, "c": {"x": 1, "y": 2}} },
  { name: "merge key list: earlier sources win", text: "p: &p {a: 1}\nq: &q {a: 2, b: 2}\nr:\n  <<: [*p, *q]\n  c: 3\n", value: {"p": {"a": 1}, "q": {"a": 2, "b": 2}, "r": {"a": 1, "b": 2, "c": 3}} },
  { name: "block scalars", text: "a: |\n  line1\n  line2\nb: >\n  folded\n  text\nc: |-\n  keep\n", value: {"a": "line1\nline2\n", "b": "folded text\n", "c": "keep"} },
  { name: "escapes in double quotes", text: "a: \"\\u00e9\\t\\x41\"\n", value: {"a": "\u00e9\tA"} },
  { name: "document end marker", text: "a: {b: 1}\n...\n", value: {"a": {"b": 1}} },
  { name: "explicit key", text: "? a\n: 1\n", value: {"a": 1} },
  { name: "sequence at the key's indentation", text: "a:\n- 1\n- 2\n", value: {"a": [1, 2]} },
  { name: "plain continuation indented past the key", text: "a:\n  b: foo\n   bar\n", value: {"a": {"b": "foo bar"}} },
  { name: "implicit null and single-pair mappings in flow", text: "a: {b, c: 1}\nd: [e: 1, f]\n", value: {"a": {"b": null, "c": 1}, "d": [{"e": 1}, "f"]} },
  { name: "comments inside a flow sequence", text: "a: [\n  # comment\n  1, # trailing\n  2\n]\n", value: {"a": [1, 2]} },
  { name: "escaped line break in double quotes", text: "a: \"x\\\n  y\"\n", value: {"a": "xy"} },
  { name: "block scalar indentation indicator and keep chomping", text: "a: |2\n   x\n  y\nb: |+\n  x\n\nc: 1\n", value: {"a": " x\ny\n", "b": "x\n\n", "c": 1} },
  { name: "folded strip with an empty line", text: "a: >-\n  x\n\n  y\n", value: {"a": "x\ny"} },
  { name: "BOM and CRLF line ends", text: "\ufeffa: 1\r\nb: 2\r\n", value: {"a": 1, "b": 2} },
  { name: "PAT floats: sexagesimal and underscores", text: "a: 0.\nb: -.5\nc: 1_0.5\nd: 190:20:30.15\ne: 0b1_0\n", value: {"a": 0.0, "b": "-.5", "c": 10.5, "d": 685230.15, "e": 2} },
  { name: "quoted scalar over blank lines", text: "a: 'multi\n\n\n  line'\n", value: {"a": "multi\n\nline"} },
  { name: "flow collection as the value on the next line", text: "a:\n  {b: 1}\n", value: {"a": {"b": 1}} },
  { name: "= as a key, x= as a value", text: "=: 1\na: x=\n", value: {"=": 1, "a": "x="} },
  { name: "a plain = value (PyYAML's value tag)", text: "a: =\n", error: true },
  { name: "a plain << value (PyYAML's merge tag)", text: "a: [<<]\n", error: true },
  { name: "single-pair mappings in a flow sequence left of its key", text: "a:\n  b: [\nx: 1, y,\n'q': ,\n]\n", value: {"a": {"b": [{"x": 1}, "y", {"q": null}]}} },
  { name: "empty values and keys without values in a flow mapping left of its key", text: "a:\n  b: {\n\"k\": # note\n, j,\n}\n", value: {"a": {"b": {"k": null, "j": null}}} },
  { name: "document marker inside a flow collection", text: "a:\n  b: [1,\n---\n]\n", error: true },
  { name: "a flow value at the key's column", text: "Log:\n{\"a\": 2}\n", error: true },
  { name: "plain continuation at the key's column", text: "a: foo\nbar\n", error: true },
  { name: "%YAML 1.3", text: "%YAML 1.3\n---\na: 1\n", error: true },
  { name: "unterminated flow sequence", text: "a: [1, 2\nb: 3\n", error: true },
  { name: "tab indentation in block context", text: "key: value\n\tother: 1\n", error: true },
  { name: "two documents", text: "a: 'x'\n---\nb: 2\n", error: true },
  { name: "mapping value after a flow key on one line", text: "a: b: c\n", error: true },
]
