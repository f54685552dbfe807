"""PantherEvent and its immutable, case-insensitive containers, as panther_core gives them to rules.

Every read through these objects is recorded (as a key path from the event root) in a shared
`reads` set, so ruleproof can tell which event fields a rule looked at.
"""
import datetime
import json
import os
from collections.abc import Mapping, Sequence

import ruleproof_jsonpath


def _wrap(value, path, reads):
    if isinstance(value, Mapping) and not isinstance(value, ImmutableCaseInsensitiveDict):
        return ImmutableCaseInsensitiveDict(value, path, reads)
    if isinstance(value, (list, tuple)):
        return ImmutableList(value, path, reads)
    return value


def _unwrap(value):
    if isinstance(value, ImmutableCaseInsensitiveDict):
        return value.to_dict()
    if isinstance(value, ImmutableList):
        return value.as_list()
    return value


class ImmutableList(Sequence):
    """A tuple-backed list that compares equal to lists and tuples and wraps what it holds."""

    __slots__ = ("_container", "_path", "_reads")

    def __init__(self, container, path=(), reads=None):
        self._container = tuple(container)
        self._path = path
        self._reads = reads

    def __getitem__(self, index):
        if isinstance(index, slice):
            return ImmutableList(self._container[index], self._path, self._reads)
        return _wrap(self._container[index], self._path + ("[]",), self._reads)

    def __len__(self):
        return len(self._container)

    def __eq__(self, other):
        if isinstance(other, ImmutableList):
            return self._container == other._container
        if isinstance(other, (list, tuple)):
            return list(self._container) == list(other)
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self):
        return hash(self._container)

    def __repr__(self):
        return repr(list(self._container))

    def as_list(self):
        return [_unwrap(_wrap(v, (), None)) for v in self._container]

    copy = as_list


class ImmutableCaseInsensitiveDict(Mapping):
    """Read-only mapping: exact key first, then a lazily built lower-case index (first key wins)."""

    __slots__ = ("_container", "_lower", "_path", "_reads")

    def __init__(self, container, path=(), reads=None):
        self._container = container
        self._lower = None
        self._path = path
        self._reads = reads

    def _resolve(self, key):
        if key in self._container:
            return key
        if isinstance(key, str):
            if self._lower is None:
                lower = {}
                for k in self._container:
                    if isinstance(k, str):
                        lower.setdefault(k.lower(), k)
                self._lower = lower
            return self._lower.get(key.lower(), _MISSING)
        return _MISSING

    def __getitem__(self, key):
        actual = self._resolve(key)
        path = self._path + (key if actual is _MISSING else actual,)
        if self._reads is not None:
            self._reads.add(path)
        if actual is _MISSING:
            raise KeyError(key)
        return _wrap(self._container[actual], path, self._reads)

    def __iter__(self):
        return iter(self._container)

    def __len__(self):
        return len(self._container)

    def __repr__(self):
        return repr(self._container)

    def __hash__(self):
        return hash(json.dumps(self._container, sort_keys=True, default=str))

    def to_dict(self):
        return {k: _unwrap(_wrap(v, (), None)) for k, v in self._container.items()}

    copy = to_dict


_MISSING = object()


def deep_get(obj, *keys, default=None):
    """Walk nested mappings with .get; a non-mapping step or a final None gives `default`."""
    out = obj
    for key in keys:
        if isinstance(out, Mapping):
            out = out.get(key, default)
        else:
            out = default
    return default if out is None else out


def _is_seq(value):
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def _all_empty(value):
    return _is_seq(value) and all(_all_empty(v) for v in value)


def deep_walk(obj, *keys, default=None, return_val="all"):
    """panther_base_helpers.deep_walk: like deep_get, but a list met on the way is searched
    element by element and the distinct values found are collected in order (one value alone,
    else a list; `return_val` first/last picks one). A value reached through mappings only is
    returned as it is, even a list; a missing key or an empty list gives `default`."""
    if not keys:
        return default if _all_empty(obj) else obj
    if isinstance(obj, Mapping):
        nxt = obj.get(keys[0])
        return default if nxt is None else deep_walk(nxt, *keys[1:], default=default, return_val=return_val)
    found = []
    if _is_seq(obj):
        for item in obj:
            value = deep_walk(item, *keys, default=default, return_val=return_val)
            if value is None:
                continue
            for v in (value if _is_seq(value) else (value,)):
                if v not in found:
                    found.append(v)
    if not found:
        return default
    if return_val == "first":
        return found[0]
    if return_val == "last":
        return found[-1]
    return found[0] if len(found) == 1 else found


class DataModel:
    """Name → JSONPath (compiled once) or method of the data model's module."""

    def __init__(self, model_id, mappings, module=None):
        self.id = model_id
        self.paths = {}
        self.methods = {}
        for mapping in mappings:
            name = mapping["name"]
            if mapping.get("path") is not None:
                self.paths[name] = (mapping["path"], _compile(mapping["path"]))
            else:
                method_name = mapping.get("method")
                fn = getattr(module, method_name, None) if module is not None else None
                if not callable(fn):
                    raise ValueError(
                        "data model %s: method %r of mapping %r is not defined" % (model_id, method_name, name)
                    )
                self.methods[name] = (method_name, fn)


_NG = []


def _jsonpath_ng():
    """jsonpath-ng's ext parser (what PAT uses), imported on first need; None when absent."""
    if not _NG:
        parse = None
        if os.environ.get("RULEPROOF_JSONPATH") != "subset":  # forces the built-in evaluator
            try:
                # One parser for every path: jsonpath_ng.ext.parse() builds a new PLY parser, and
                # with it the LALR tables, at each call (~20-80 ms a path; 91 paths made every
                # run that loads panther-analysis's data models 2-7 s slower). The parse trees
                # are the same; jsonpath-ng < 1.6 rebuilds the tables in parse() anyway.
                from jsonpath_ng.ext import parser as ext_parser

                cls = getattr(ext_parser, "ExtendedJsonPathParser", None) or ext_parser.ExtentedJsonPathParser
                parse = cls().parse
            except Exception:  # pragma: no cover - depends on the machine
                parse = None
        _NG.append(parse)
    return _NG[0]


_COMPILED = {}


def _compile(path):
    """Compiled once per distinct path text."""
    compiled = _COMPILED.get(path)
    if compiled is None:
        parse = _jsonpath_ng()
        compiled = ("ng", parse(path)) if parse is not None else ("subset", ruleproof_jsonpath.compile_path(path))
        _COMPILED[path] = compiled
    return compiled


def _find(compiled, data):
    kind, expr = compiled
    if kind == "ng":
        return [(m.value, _ng_path(m.full_path)) for m in expr.find(data)]
    return ruleproof_jsonpath.find(expr, data)


def _ng_path(full_path):
    """Key path of a jsonpath-ng match, read from its path objects (their text form wraps each
    step in parentheses: `((a.[0]).b)`)."""
    left, right = getattr(full_path, "left", None), getattr(full_path, "right", None)
    if left is not None and right is not None:
        return _ng_path(left) + _ng_path(right)
    fields = getattr(full_path, "fields", None)
    if fields is not None:
        return tuple(f for f in fields if f != "*")
    indices = getattr(full_path, "indices", None)
    if indices is None and isinstance(getattr(full_path, "index", None), int):
        indices = (full_path.index,)
    if indices is not None:
        return tuple(i for i in indices if isinstance(i, int))
    return ()  # Root, This and anything else add no key


class PantherEvent(ImmutableCaseInsensitiveDict):
    """The event a rule sees: immutable, case-insensitive, with Panther's helper methods."""

    __slots__ = ("data_model",)

    def __init__(self, event, data_model=None, reads=None):
        super().__init__(event, (), reads)
        self.data_model = data_model

    def deep_get(self, *keys, default=None):
        return deep_get(self, *keys, default=default)

    def deep_walk(self, *keys, default=None, return_val="all"):
        return deep_walk(self, *keys, default=default, return_val=return_val)

    def udm(self, *keys, default=None):
        model = self.data_model
        if model is not None and len(keys) == 1:
            key = keys[0]
            if key in model.paths:
                path_text, compiled = model.paths[key]
                matches = _find(compiled, self._container)
                if not matches:
                    return default
                if len(matches) > 1:
                    raise Exception(
                        "JSONPath [%s] in DataModel [%s], matched multiple fields." % (path_text, model.id)
                    )
                value, path = matches[0]
                if self._reads is not None:
                    self._reads.add(tuple(path))
                if value is None:
                    return default
                return _wrap(value, tuple(path), self._reads)
            if key in model.methods:
                value = model.methods[key][1](self)
                return default if value is None else _wrap(value, (), self._reads)
        value = self.deep_get("p_udm", *keys)
        if value is not None:
            return value
        value = self.deep_get(*keys)
        return default if value is None else value

    def udm_path(self, key):
        model = self.data_model
        if model is None:
            return None
        if key in model.paths:
            return model.paths[key][0]
        if key in model.methods:
            return model.methods[key][0]
        return None

    def lookup(self, lookup_table_name, lookup_key):
        # In tests Panther reads lookup results from the mocked enrichment block of the log.
        return self.deep_get("_mocked_lookup_data_", lookup_table_name, lookup_key)

    def event_time_epoch(self):
        text = self.get("p_event_time")
        if not isinstance(text, str):
            return 0
        parsed = parse_panther_time(text)
        return 0 if parsed is None else int(parsed.timestamp())

    @staticmethod
    def json_encoder(value):
        if isinstance(value, (ImmutableCaseInsensitiveDict, ImmutableList)):
            return _unwrap(value)
        if isinstance(value, (datetime.datetime, datetime.date)):
            return value.isoformat()
        if isinstance(value, (set, frozenset)):
            return list(value)
        raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


def parse_panther_time(text):
    """Panther timestamps: `2022-11-29 00:09:04.38`, RFC 3339 with `T`/`Z`/offsets; UTC if naive."""
    value = text.strip().replace("T", " ")
    if value.endswith("Z") or value.endswith("z"):
        value = value[:-1] + "+00:00"
    # fromisoformat (3.9/3.10) takes only 3 or 6 fraction digits: normalise to 6.
    head, sep, rest = value.partition(".")
    if sep:
        digits = ""
        i = 0
        while i < len(rest) and rest[i].isdigit():
            digits += rest[i]
            i += 1
        value = head + "." + (digits + "000000")[:6] + rest[i:]
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed
