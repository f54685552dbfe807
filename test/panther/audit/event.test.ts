import { describe, expect, it } from 'vitest'
import { hasPython, probe } from './probe.js'

// panther.md §2.2.3: the PantherEvent API rule code sees.
describe.skipIf(!hasPython)('audit §2.2.3 PantherEvent', () => {
  it('is case-insensitive at every depth: maps inside maps and inside lists', async () => {
    const out = await probe(
      `out["top"] = event["VERB"]
out["nested"] = event["objectRef"]["NAMESPACE"]
out["get_nested"] = event.get("OBJECTREF").get("Name")
out["in_list"] = event["Items"][0]["KIND"]
out["deep_get"] = event.deep_get("OBJECTREF", "namespace")
out["in"] = "OBJECTREF" in event
out["missing_in"] = "nope" in event`,
      { verb: 'create', objectRef: { namespace: 'ns', name: 'n' }, items: [{ kind: 'Pod' }] },
    )
    expect(out).toEqual({ top: 'create', nested: 'ns', get_nested: 'n', in_list: 'Pod', deep_get: 'ns', in: true, missing_in: false })
  })

  it('takes the exact key first, then the first key equal ignoring case', async () => {
    const out = await probe(`out["exact"] = event["key"]\nout["Exact"] = event["Key"]\nout["folded"] = event["KEY"]`, { Key: 1, key: 2 })
    expect(out).toEqual({ exact: 2, Exact: 1, folded: 1 })
  })

  it('is a read-only mapping: KeyError when absent, get default, len, iteration over original keys', async () => {
    const out = await probe(
      `out["keyerror"] = err(lambda: event["absent"])[0]
out["get_default"] = event.get("absent", "dflt")
out["get_none"] = event.get("absent")
out["len"] = len(event)
out["keys"] = list(event)`,
      { Alpha: 1, beta: { Gamma: 2 } },
    )
    expect(out).toEqual({ keyerror: 'KeyError', get_default: 'dflt', get_none: null, len: 2, keys: ['Alpha', 'beta'] })
  })

  it('refuses assignment with TypeError at the top, in nested maps and in lists', async () => {
    const out = await probe(
      `def top():
    event["verb"] = "x"
def nested():
    event["objectRef"]["name"] = "x"
def in_list():
    event["items"][0] = "x"
def delete():
    del event["verb"]
out["top"] = err(top)
out["nested"] = err(nested)[0]
out["list"] = err(in_list)[0]
out["del"] = err(delete)[0]
out["unchanged"] = event["verb"]`,
      { verb: 'create', objectRef: { name: 'n' }, items: ['a'] },
    )
    expect(out.top).toEqual(['TypeError', expect.stringContaining('does not support item assignment')])
    expect(out).toMatchObject({ nested: 'TypeError', list: 'TypeError', del: 'TypeError', unchanged: 'create' })
  })

  it('wraps lists immutably: equal to lists and tuples, copy()/as_list()/to_dict() give mutable deep copies', async () => {
    const out = await probe(
      `ips = event["sourceIPs"]
out["eq_list"] = ips == ["1.1.1.1", "2.2.2.2"]
out["eq_tuple"] = ips == ("1.1.1.1", "2.2.2.2")
c = ips.copy()
c.append("x")
out["copy"] = c
a = event["objs"].as_list()
a[0]["k"] = "changed"
out["as_list"] = a
d = event["objectRef"].to_dict()
d["new"] = 1
out["to_dict"] = d
out["original"] = [event["objs"][0]["k"], "new" in event["objectRef"]]
out["dumps"] = json.loads(json.dumps(event, default=type(event).json_encoder))`,
      { sourceIPs: ['1.1.1.1', '2.2.2.2'], objs: [{ k: 'v' }], objectRef: { name: 'n' } },
    )
    expect(out).toEqual({
      eq_list: true,
      eq_tuple: true,
      copy: ['1.1.1.1', '2.2.2.2', 'x'],
      as_list: [{ k: 'changed' }],
      to_dict: { name: 'n', new: 1 },
      original: ['v', false],
      dumps: { sourceIPs: ['1.1.1.1', '2.2.2.2'], objs: [{ k: 'v' }], objectRef: { name: 'n' } },
    })
  })

  it('deep_get: default when missing, when a step is not a mapping, or when the value is None; falsy values as is', async () => {
    const out = await probe(
      `out["hit"] = event.deep_get("a", "b", "c")
out["missing"] = event.deep_get("a", "x", default="d")
out["through_str"] = event.deep_get("s", "x", default="d")
out["through_list"] = event.deep_get("l", 0, default="d")
out["none"] = event.deep_get("n", default="d")
out["zero"] = event.deep_get("z")
out["empty"] = event.deep_get("e", default="d")
out["false"] = event.deep_get("f", default="d")
out["no_default"] = event.deep_get("a", "zz")
out["folded"] = event.deep_get("A", "B", "C")`,
      { a: { b: { c: 'v' } }, s: 'str', l: [{ x: 1 }], n: null, z: 0, e: '', f: false },
    )
    expect(out).toEqual({ hit: 'v', missing: 'd', through_str: 'd', through_list: 'd', none: 'd', zero: 0, empty: '', false: false, no_default: null, folded: 'v' })
  })

  it('deep_walk: descends into lists, unique values in order, one value alone, return_val first/last/all, default', async () => {
    const out = await probe(
      `out["all"] = event.deep_walk("items", "name")
out["first"] = event.deep_walk("items", "name", return_val="first")
out["last"] = event.deep_walk("items", "name", return_val="last")
out["one"] = event.deep_walk("single", "name")
out["nested_lists"] = event.deep_walk("outer", "inner", "v")
out["missing"] = event.deep_walk("items", "nope", default="d")
out["missing_top"] = event.deep_walk("nope", "x", default="d")
out["empty_list"] = event.deep_walk("empty", default="d")
out["scalar"] = event.deep_walk("obj", "k")
out["falsy"] = event.deep_walk("flags", "on")`,
      {
        items: [{ name: 'a' }, { name: 'b' }, { name: 'a' }, { other: 1 }, { name: 'c' }],
        single: [{ name: 'only' }],
        outer: [{ inner: [{ v: 1 }, { v: 2 }] }, { inner: [{ v: 2 }, { v: 3 }] }],
        empty: [],
        obj: { k: 'v' },
        flags: [{ on: false }, { on: 0 }],
      },
    )
    expect(out).toEqual({
      all: ['a', 'b', 'c'],
      first: 'a',
      last: 'c',
      one: 'only',
      nested_lists: [1, 2, 3],
      missing: 'd',
      missing_top: 'd',
      empty_list: 'd',
      scalar: 'v',
      falsy: false, // False == 0 in Python: one distinct value
    })
  })

  it('deep_walk returns a list reached through mappings only as it is (the global helper\'s semantics)', async () => {
    const out = await probe(
      `out["leaf_list"] = event.deep_walk("sourceIPs")
out["leaf_list_first"] = event.deep_walk("sourceIPs", return_val="first")
out["nested_empty"] = event.deep_walk("ee", default="d")
out["leaf_lists_in_list"] = event.deep_walk("pods", "ips")
out["default_per_element"] = event.deep_walk("pods", "name", default="d")`,
      { sourceIPs: ['1.1.1.1'], ee: [[], []], pods: [{ ips: ['a', 'b'], name: 'p' }, { ips: ['b', 'c'] }] },
    )
    expect(out).toEqual({
      leaf_list: ['1.1.1.1'],
      leaf_list_first: ['1.1.1.1'],
      nested_empty: 'd',
      leaf_lists_in_list: ['a', 'b', 'c'],
      // the helper passes `default` down, so an element without the key contributes it
      default_per_element: ['p', 'd'],
    })
  })

  it('event_time_epoch: dateutil reads p_event_time + " UTC"; 0 when it cannot, TypeError when not a string', async () => {
    const out = await probe(`out["t"] = event.event_time_epoch()`, { p_event_time: '2022-11-29 00:09:04.38' })
    expect(out.t).toBe(1669680544)
    // "…Z UTC" names two zones: dateutil refuses it, so panther_core gives 0 unless force_utc=False.
    const z = await probe(`out["t"] = event.event_time_epoch()\nout["raw"] = event.event_time_epoch(force_utc=False)`, { p_event_time: '2022-11-29T00:09:04Z' })
    expect(z).toEqual({ t: 0, raw: 1669680544 })
    expect((await probe(`out["t"] = event.event_time_epoch()`, { p_event_time: 'yesterday' })).t).toBe(0)
    expect((await probe(`out["t"] = event.event_time_epoch()`, {})).t).toBe(0)
    expect((await probe(`out["t"] = err(event.event_time_epoch)[0]`, { p_event_time: 1669680544 })).t).toBe('TypeError')
  })

  it('deep_walk walks the raw data as panther_core does: case-sensitive keys, plain list/dict results, unhashable values raise', async () => {
    const out = await probe(
      `out["folded_key"] = event.deep_walk("ITEMS", "name", default="d")
out["exact_key"] = event.deep_walk("items", "name")
out["dict_type"] = type(event.deep_walk("obj")).__name__
out["list_type"] = type(event.deep_walk("tags")).__name__
out["dicts_in_list"] = err(lambda: event.deep_walk("items", "meta"))[0]
out["bad_return_val"] = event.deep_walk("items", "name", return_val="middle")
out["default_list"] = event.deep_walk("absent", default=[])`,
      { items: [{ name: 'a', meta: { k: 1 } }, { name: 'b', meta: { k: 2 } }], obj: { k: 'v' }, tags: ['x'] },
    )
    expect(out).toEqual({
      folded_key: 'd',
      exact_key: ['a', 'b'],
      dict_type: 'dict',
      list_type: 'list',
      dicts_in_list: 'TypeError', // OrderedDict keys: a dict is unhashable
      bad_return_val: 'all', // {...}.get(return_val, "all")
      default_list: [],
    })
  })

  it('immutable containers are unhashable, print, slice and encode as panther_core\'s do', async () => {
    const out = await probe(
      `out["hash_list"] = err(lambda: hash(event["l"]))[0]
out["hash_map"] = err(lambda: hash(event["m"]))[0]
out["repr_list"] = repr(event["l"])
out["repr_map"] = repr(event["m"])
out["int_key"] = err(lambda: event.get(1))[0]
out["slice"] = [type(event["l"][0:1]).__name__, event["l"][0:1] == ["a"]]
out["bound_encoder"] = err(lambda: json.dumps(event, default=event.json_encoder))[0]
out["class_encoder"] = json.loads(json.dumps(event, default=type(event).json_encoder))
out["set_encoder"] = err(lambda: json.dumps({"s": {1}}, default=type(event).json_encoder))[0]`,
      { l: ['a'], m: { k: 'v' } },
    )
    expect(out).toEqual({
      hash_list: 'TypeError',
      hash_map: 'TypeError',
      repr_list: "ImmutableList(('a',))",
      repr_map: "ImmutableCaseInsensitiveDict({'k': 'v'})",
      int_key: 'AttributeError', // a non-string key is lower-cased, as in panther_core
      slice: ['tuple', false], // a slice is a plain tuple (unequal to a list)
      bound_encoder: 'TypeError', // event.json_encoder is a bound method in panther_core
      class_encoder: { l: ['a'], m: { k: 'v' } },
      set_encoder: 'TypeError', // only immutable containers are encoded
    })
  })

  it('lookup(table, key) reads _mocked_lookup_data_.<table>.<key> from the test log', async () => {
    const out = await probe(`out["hit"] = event.lookup("tor", "1.2.3.4")\nout["miss"] = event.lookup("tor", "9.9.9.9")`, {
      _mocked_lookup_data_: { tor: { '1.2.3.4': { exit: true } } },
    })
    expect(out).toEqual({ hit: { exit: true }, miss: null })
  })

  it('udm without a data model: a truthy p_udm.<name>, else a truthy event key, else default; udm_path raises', async () => {
    const out = await probe(
      `out["p_udm"] = event.udm("actor")
out["event"] = event.udm("verb")
out["default"] = event.udm("absent", default="d")
out["multi"] = event.udm("objectRef", "name")
out["falsy_p_udm"] = event.udm("zero")
out["falsy_both"] = event.udm("empty", default="d")
out["path"] = err(lambda: event.udm_path("verb"))`,
      { p_udm: { actor: 'alice', zero: 0, empty: '' }, actor: 'ignored', verb: 'get', objectRef: { name: 'n' }, zero: 'from event', empty: 0 },
    )
    expect(out).toEqual({
      p_udm: 'alice',
      event: 'get',
      default: 'd',
      multi: 'n',
      falsy_p_udm: 'from event',
      falsy_both: 'd',
      path: ['PantherError', "a data model hasn't been specified for log type: None"],
    })
  })
})
