"""The JSONPath subset Panther data models use, for machines without jsonpath-ng.

Supported: `$`, `.name`, `['name']` / `["name"]`, `[n]` (negative too), `[*]` / `.*`,
`..name` (recursive descent) and filters `[?(@.key)]`, `[?(@.key == 'v')]`, `!=`, `<`, `<=`,
`>`, `>=` with string, number, true/false/null literals. Matching is case-sensitive on the raw
dict, as jsonpath-ng's is. Each match is (value, path) where path lists the keys and indices.
"""
import re

_NAME = re.compile(r"[A-Za-z_@$][A-Za-z0-9_\-@$]*")
_FILTER = re.compile(
    r"^\?\(\s*@((?:\.[A-Za-z_][A-Za-z0-9_\-]*)+)\s*(?:(==|!=|<=|>=|<|>|=)\s*(.+?))?\s*\)$"
)


class JsonPathError(ValueError):
    pass


def _literal(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    if text == "true":
        return True
    if text == "false":
        return False
    if text == "null":
        return None
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise JsonPathError("unsupported filter value: " + text)


def _parse_bracket(expr, pos):
    end = pos + 1
    quote = None
    depth = 0
    while end < len(expr):
        ch = expr[end]
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "]" and depth == 0:
            break
        end += 1
    if end >= len(expr):
        raise JsonPathError("unclosed [ in " + expr)
    inner = expr[pos + 1 : end].strip()
    if inner == "*":
        step = ("wild",)
    elif len(inner) >= 2 and inner[0] == inner[-1] and inner[0] in "'\"":
        step = ("key", inner[1:-1])
    elif re.fullmatch(r"-?\d+", inner):
        step = ("index", int(inner))
    else:
        m = _FILTER.match(inner)
        if not m:
            raise JsonPathError("unsupported JSONPath bracket [" + inner + "]")
        keys = m.group(1).split(".")[1:]
        op = m.group(2)
        if op == "=":
            op = "=="
        value = _literal(m.group(3)) if op else None
        step = ("filter", keys, op, value)
    return step, end + 1


def compile_path(expr):
    """Parse once; returns a list of steps. Raises JsonPathError on what the subset lacks."""
    expr = expr.strip()
    if not expr.startswith("$"):
        # jsonpath-ng accepts a bare field path; so do we.
        expr = "$." + expr
    steps = []
    pos = 1
    while pos < len(expr):
        ch = expr[pos]
        if expr.startswith("..", pos):
            pos += 2
            if pos < len(expr) and expr[pos] == "*":
                steps.append(("recurse_wild",))
                pos += 1
                continue
            m = _NAME.match(expr, pos)
            if not m:
                raise JsonPathError("expected a name after .. in " + expr)
            steps.append(("recurse", m.group(0)))
            pos = m.end()
        elif ch == ".":
            pos += 1
            if pos < len(expr) and expr[pos] == "*":
                steps.append(("wild",))
                pos += 1
                continue
            m = _NAME.match(expr, pos)
            if not m:
                raise JsonPathError("expected a name at column %d of %s" % (pos + 1, expr))
            steps.append(("key", m.group(0)))
            pos = m.end()
        elif ch == "[":
            step, pos = _parse_bracket(expr, pos)
            steps.append(step)
        elif ch.isspace():
            pos += 1
        else:
            raise JsonPathError("unexpected %r at column %d of %s" % (ch, pos + 1, expr))
    return steps


def _children(value, path):
    if isinstance(value, dict):
        for k, v in value.items():
            yield v, path + (k,)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield v, path + (i,)


def _descendants(value, path):
    yield value, path
    for child, child_path in _children(value, path):
        for item in _descendants(child, child_path):
            yield item


def _filter_ok(value, keys, op, expected):
    cur = value
    for k in keys:
        if not isinstance(cur, dict) or k not in cur:
            return False
        cur = cur[k]
    if op is None:
        return True
    try:
        if op == "==":
            return cur == expected
        if op == "!=":
            return cur != expected
        if op == "<":
            return cur < expected
        if op == "<=":
            return cur <= expected
        if op == ">":
            return cur > expected
        if op == ">=":
            return cur >= expected
    except TypeError:
        return False
    return False


def find(steps, data):
    """All (value, path) matches of compiled `steps` in `data`."""
    current = [(data, ())]
    for step in steps:
        kind = step[0]
        nxt = []
        for value, path in current:
            if kind == "key":
                if isinstance(value, dict) and step[1] in value:
                    nxt.append((value[step[1]], path + (step[1],)))
            elif kind == "index":
                if isinstance(value, list) and -len(value) <= step[1] < len(value):
                    idx = step[1] % len(value)
                    nxt.append((value[idx], path + (idx,)))
            elif kind == "wild":
                nxt.extend(_children(value, path))
            elif kind == "recurse":
                for v, p in _descendants(value, path):
                    if isinstance(v, dict) and step[1] in v:
                        nxt.append((v[step[1]], p + (step[1],)))
            elif kind == "recurse_wild":
                for v, p in _descendants(value, path):
                    nxt.extend(_children(v, p))
            elif kind == "filter":
                candidates = _children(value, path) if isinstance(value, list) else [(value, path)]
                for v, p in candidates:
                    if _filter_ok(v, step[1], step[2], step[3]):
                        nxt.append((v, p))
        current = nxt
    return current
