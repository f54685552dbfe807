"""Loads YAML texts the way panther_analysis_tool 1.7 does and prints the values as JSON.

PAT reads with a subclass of PyYAML's CSafeLoader (libyaml) that keeps YAML 1.2 results:
timestamps stay strings, only true/false are booleans (yes/no/on/off stay strings), integers
with a leading zero are decimal, `1:30:00` stays a string. This re-creates those rules (our
own code, from reading PAT's `analysis_utils.py`) so ruleproof's loader can be held to it.

stdin: a JSON list of texts. stdout: a JSON list of {"ok": value} or {"err": message}.
"""
import json
import math
import sys

import yaml

BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PatLoader(BASE):  # pylint: disable=too-many-ancestors
    pass


def _timestamp(loader, node):
    return loader.construct_scalar(node)


def _bool(loader, node):
    text = loader.construct_scalar(node)
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    return text


def _int(loader, node):
    text = loader.construct_scalar(node)
    if ":" in text:
        return text
    text = text.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    if text[:1] in "+-":
        text = text[1:]
    if text[:2] in ("0x", "0X"):
        return sign * int(text[2:], 16)
    if text[:2] in ("0b", "0B"):
        return sign * int(text[2:], 2)
    return sign * int(text, 10)


PatLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
PatLoader.add_constructor("tag:yaml.org,2002:bool", _bool)
PatLoader.add_constructor("tag:yaml.org,2002:int", _int)


def _plain(value):
    """JSON has no NaN/Infinity and only string keys: tag them so both sides compare."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53 - 1:
        # ruleproof keeps integers past 2^53 as their text rather than rounding them.
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": len(value)}
    return value


def main():
    texts = json.load(sys.stdin)
    out = []
    for text in texts:
        try:
            out.append({"ok": _plain(yaml.load(text, Loader=PatLoader))})  # nosec - a safe loader
        except yaml.YAMLError as e:
            out.append({"err": type(e).__name__ + ": " + str(e).splitlines()[0]})
        except Exception as e:  # pylint: disable=broad-except
            out.append({"err": type(e).__name__ + ": " + str(e)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
