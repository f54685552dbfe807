"""PantherEvent and its immutable, case-insensitive containers, as panther_core 0.16 gives them
to rules (enriched_event.py / immutable.py, re-written for ruleproof from reading them; the table
in docs/panther.md lists each method with its semantics and test).

Every read through these objects is recorded (as a key path from the event root) in a shared
`reads` set, so ruleproof can tell which event fields a rule looked at.
"""
import datetime
import os
from collections import OrderedDict
from collections.abc import Mapping, Sequence

import ruleproof_jsonpath


E_NO_DATA_MODEL_FOUND = "a data model hasn't been specified for log type"


class PantherError(Exception):
    """panther_core.exceptions.PantherError: `str()` joins the message and its arguments."""

    def __str__(self):
        if len(self.args) > 1:
            return "%s: %s" % (self.args[0], ", ".join(map(str, self.args[1:])))
        return str(self.args[0]) if self.args else ""


def _wrap(value, path, reads):
    # panther_core converts exactly dict and list (its _CONVERSIONS table), nothing else.
    kind = type(value)
    if kind is dict:
        return ImmutableCaseInsensitiveDict(value, path, reads)
    if kind is list:
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
            # panther_core wraps only dicts and lists: a slice is a plain tuple of raw values.
            return self._container[index]
        return _wrap(self._container[index], self._path + ("[]",), self._reads)

    def __len__(self):
        return len(self._container)

    def __eq__(self, other):
        if isinstance(other, ImmutableList):
            return self._container == other._container
        if isinstance(other, (list, tuple)):
            return len(self._container) == len(other) and self._container == tuple(other)
        return False

    def __ne__(self, other):
        return not self.__eq__(other)

    # Defining __eq__ leaves panther_core's list unhashable (a set of them raises TypeError).
    __hash__ = None

    def __repr__(self):
        return "ImmutableList(%r)" % (self._container,)

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
        container = self._container
        if key in container or not container:
            return key if key in container else _MISSING
        # As panther_core: the key is lower-cased (a non-string key raises AttributeError, which
        # .get() does not catch); on collisions the first key wins.
        lowered = key.lower()
        if self._lower is None:
            lower = {}
            for k in container:
                lower.setdefault(k.lower() if isinstance(k, str) else k, k)
            self._lower = lower
        return self._lower.get(lowered, _MISSING)

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
        return "%s(%r)" % (type(self).__name__, self._container)

    # A Mapping is unhashable, as panther_core's is.
    __hash__ = None

    def to_dict(self):
        return {k: _unwrap(_wrap(v, (), None)) for k, v in self._container.items()}

    copy = to_dict


_MISSING = object()


def json_encoder(value):
    """panther_core.immutable.json_encoder: the immutable containers' data, nothing else (a set
    or a datetime in alert_context is a TypeError, as under PAT)."""
    if isinstance(value, (ImmutableCaseInsensitiveDict, ImmutableList)):
        return value._container  # pylint: disable=protected-access
    raise TypeError("object of type %s is not JSON serializable" % type(value))


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
    return isinstance(value, Sequence) and not isinstance(value, str)


def _empty_list(value):
    return all(_empty_list(v) for v in value) if _is_seq(value) else False


def _rewrap(value):
    """What wrapping a value in a new PantherEvent keeps of it: a shallow copy of anything with a
    copy() method (dict, list), the value itself otherwise."""
    return value.copy() if hasattr(type(value), "copy") else value


def deep_walk(obj, keys, default, return_val, path=(), reads=None):
    """panther_core's PantherEvent.deep_walk over raw data: keys are case-sensitive, a list met
    on the way is searched element by element (with the same keys), the values found are
    collected as OrderedDict keys (an unhashable value, such as a dict, raises TypeError), and a
    value reached at the last key comes back as plain data (a list or dict, not immutable)."""
    if not keys:
        return default if _empty_list(obj) or obj is None else obj
    found = OrderedDict()
    if isinstance(obj, Mapping):
        key = keys[0]
        if reads is not None:
            reads.add(path + (key,))
        return deep_walk(_rewrap(obj.get(key, default)), keys[1:], default, return_val, path + (key,), reads)
    if _is_seq(obj):
        for item in obj:
            value = deep_walk(_rewrap(item), keys, default, return_val, path + ("[]",), reads)
            if value is not None:
                if _is_seq(value):
                    for sub in value:
                        found[sub] = None
                else:
                    found[value] = None
    values = list(found.keys())
    if not values:
        return default
    return {
        "first": values[0],
        "last": values[-1],
        "all": values[0] if len(values) == 1 else values,
    }.get(return_val, "all")


class DataModel:
    """Name → JSONPath (compiled once) or method of the data model's module."""

    def __init__(self, model_id, mappings, module=None):
        self.id = model_id
        self.paths = {}
        self.methods = {}
        for mapping in mappings:
            name = mapping["name"]
            if mapping.get("path"):
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


def render_path(steps):
    """`str(match.full_path)` as jsonpath-ng 1.5.3 prints it: the root dropped, steps joined by
    dots, indices in brackets (`client.ipAddress`, `records.[0].name`)."""
    return ".".join("[%d]" % s if isinstance(s, int) else str(s) for s in steps) or "$"


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
        return deep_walk(_rewrap(self._container), keys, default, return_val, self._path, self._reads)

    def _json_path_match(self, key):
        """The single match of the key's JSONPath (value, steps), None when it matches nothing;
        several matches raise, as panther_core does."""
        model = self.data_model
        if not model or key not in model.paths:
            return None
        path_text, compiled = model.paths[key]
        matches = _find(compiled, self._container)
        if not matches:
            return None
        if len(matches) > 1:
            raise Exception(  # pylint: disable=broad-exception-raised - panther_core's own type
                "JSONPath [%s] in DataModel [%s], matched multiple fields." % (path_text, model.id)
            )
        value, steps = matches[0]
        if self._reads is not None:
            self._reads.add(tuple(steps))
        return value, tuple(steps)

    def _method(self, key):
        model = self.data_model
        if not model or key not in model.methods:
            return None
        return model.methods[key]

    def udm(self, *keys, default=None):
        """panther_core 0.16: one key mapped by the data model gives the JSONPath's match (even a
        None) or the method's result, and a mapped key that yields nothing gives `default`;
        otherwise the first truthy of p_udm.<keys> and <keys> on the event, else `default`."""
        model = self.data_model
        if len(keys) == 1 and model:
            key = keys[0]
            match = self._json_path_match(key)
            if match is not None:
                return _wrap(match[0], match[1], self._reads)
            method = self._method(key)
            if method is not None:
                # The method gets the plain immutable mapping, not a PantherEvent (no deep_get).
                plain = ImmutableCaseInsensitiveDict(self._container, (), self._reads)
                return _wrap(method[1](plain), (), self._reads)
            if key in model.paths or key in model.methods:
                return default
        if keys:
            result = self.deep_get("p_udm", *keys)
            if not result:
                result = self.deep_get(*keys)
            if result:
                return result
        return default

    def udm_path(self, key):
        """The text of the matched path as jsonpath-ng prints it, or the method's name; None when
        the path matches nothing; PantherError without a data model, as panther_core."""
        if not self.data_model:
            raise PantherError(E_NO_DATA_MODEL_FOUND, self._container.get("p_log_type"))
        match = self._json_path_match(key)
        if match is not None:
            return render_path(match[1])
        method = self._method(key)
        if method is not None:
            return getattr(method[1], "__name__", repr(method[1]))
        return None

    def lookup(self, lookup_table_name, lookup_key):
        # In tests Panther reads lookup results from the mocked enrichment block of the log.
        return self.deep_get("_mocked_lookup_data_", lookup_table_name, lookup_key)

    def event_time_epoch(self, force_utc=True):
        """p_event_time parsed by dateutil (with " UTC" appended unless force_utc=False); 0 when
        dateutil cannot read it. A non-string p_event_time raises TypeError, as in panther_core."""
        event_time = self.get("p_event_time") or ""
        if force_utc:
            event_time += " UTC"
        parser = _dateutil_parser()
        if parser is None:  # pragma: no cover - python-dateutil ships with panther_core's deps
            parsed = parse_panther_time(event_time[:-4] if force_utc else event_time)
            return 0 if parsed is None else int(parsed.timestamp())
        try:
            return int(parser.parse(event_time).timestamp())
        except parser.ParserError:
            return 0

    # A plain function in the class body, as in panther_core: `PantherEvent.json_encoder` is the
    # encoder, while `event.json_encoder` is a bound method that a json.dumps default cannot call.
    json_encoder = json_encoder


_DATEUTIL = []


def _dateutil_parser():
    if not _DATEUTIL:
        try:
            from dateutil import parser  # pylint: disable=import-outside-toplevel
        except ImportError:  # pragma: no cover
            parser = None
        _DATEUTIL.append(parser)
    return _DATEUTIL[0]


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
