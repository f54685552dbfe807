"""PAT's test semantics: global helpers by GlobalID, data models, one module per rule, mocks,
the detection function and the auxiliary functions with their type rules, and the pass rule."""
import contextlib
import importlib.abc
import importlib.util
import io
import json
import os
import sys
import traceback
from collections.abc import Mapping

import ruleproof_event
import ruleproof_shims

MAX_FIELD = 1000  # title, description, reference, runbook, dedup
MAX_ALERT_CONTEXT = 200 * 1024
MAX_DESTINATIONS = 10
MAX_PRINTED = 64 * 1024  # what a test keeps of the rule's prints; the rest is counted, not kept
TRUNCATED = "... (truncated)"
SEVERITIES = ("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL")
# Order PAT prints function results in.
AUX_ORDER = ("title", "dedup", "alert_context", "description", "reference", "severity", "runbook",
             "destinations", "unique")
# Order panther_core runs them in (dedup after title: it falls back to the title).
RUN_ORDER = ("title", "description", "reference", "severity", "runbook", "destinations", "dedup",
             "alert_context", "unique")


class FunctionReturnTypeError(Exception):
    pass


_UNDEFINED = object()


class _GlobalFinder(importlib.abc.MetaPathFinder):
    """Makes each global helper importable by its GlobalID while keeping its real file name,
    so tracebacks point at the user's file (PAT copies them to a temp dir instead)."""

    def __init__(self):
        self.files = {}

    def find_spec(self, fullname, path=None, target=None):
        file = self.files.get(fullname)
        if file is None:
            return None
        return importlib.util.spec_from_file_location(fullname, file)


_FINDER = _GlobalFinder()
sys.meta_path.append(_FINDER)


def _import_file(name, file):
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise ImportError("cannot import %s" % file)
    module = importlib.util.module_from_spec(spec)
    # Registered like a normal import, so dataclasses, pickle and typing can find the module.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def user_error(exc, user_files=None):
    """Message, type, and the deepest frame in a user file (rule, helper, data model)."""
    frames = traceback.extract_tb(exc.__traceback__)
    here = os.path.dirname(os.path.abspath(__file__))
    user = [f for f in frames if not os.path.abspath(f.filename).startswith(here + os.sep)]
    if user_files:
        preferred = [f for f in user if os.path.abspath(f.filename) in user_files]
        user = preferred or user
    result = {"type": type(exc).__name__, "message": str(exc) or type(exc).__name__}
    if isinstance(exc, SyntaxError) and exc.filename:
        result["file"] = exc.filename
        result["line"] = exc.lineno
    elif user:
        last = user[-1]
        result["file"] = last.filename
        result["line"] = last.lineno
    shown = [f for f in frames if not os.path.abspath(f.filename).startswith(here + os.sep)]
    result["traceback"] = "".join(traceback.format_list(shown)) + "".join(
        traceback.format_exception_only(type(exc), exc)
    )
    return result


class _Printed(io.TextIOBase):
    """sys.stdout/sys.stderr during a test: keeps the first MAX_PRINTED characters, counts the
    rest, so a rule printing without end costs neither memory nor a giant reply."""

    def __init__(self, limit=MAX_PRINTED):
        super().__init__()
        self._parts = []
        self._room = limit
        self._dropped = 0

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if self._room > 0:
            kept = text[: self._room]
            self._parts.append(kept)
            self._room -= len(kept)
            self._dropped += len(text) - len(kept)
        else:
            self._dropped += len(text)
        return len(text)

    def getvalue(self):
        text = "".join(self._parts)
        if self._dropped:
            text += "\n... (%d more characters printed, not kept)" % self._dropped
        return text


class Rule:
    def __init__(self, spec, module):
        self.key = spec["key"]
        self.rule_id = spec["ruleId"]
        self.file = os.path.abspath(spec["file"])
        self.kind = spec.get("kind", "rule")
        self.severity = (spec.get("severity") or "").upper()
        self.create_alert = spec.get("createAlert", True) is not False
        self.module = module
        self.fn_name = "policy" if self.kind == "policy" else "rule"
        self.alert_value = self.kind != "policy"


class Runner:
    def __init__(self):
        ruleproof_shims.install()
        self.data_models = {}
        self.rules = {}
        self.user_files = set()

    # -- setup -----------------------------------------------------------------------------
    def setup(self, globals_, data_models):
        errors = []
        for item in globals_:
            name, file = item["id"], os.path.abspath(item["file"])
            _FINDER.files[name] = file
            self.user_files.add(file)
            sys.modules.pop(name, None)  # a reused name is reloaded, as PAT does
        for model in data_models:
            try:
                module = None
                if model.get("file"):
                    self.user_files.add(os.path.abspath(model["file"]))
                    module = _import_file("_ruleproof_datamodel_" + str(len(self.data_models)), model["file"])
                dm = ruleproof_event.DataModel(model["id"], model["mappings"], module)
                for log_type in model["logTypes"]:
                    self.data_models[log_type] = dm
            except Exception as exc:  # noqa: BLE001 - every failure is reported, not raised
                err = user_error(exc, self.user_files)
                err["id"] = model["id"]
                errors.append(err)
        return errors

    def load(self, spec):
        file = os.path.abspath(spec["file"])
        self.user_files.add(file)
        module = _import_file(spec["ruleId"], file)
        fn_name = "policy" if spec.get("kind") == "policy" else "rule"
        if not callable(getattr(module, fn_name, None)):
            raise AttributeError("%s has no %s() function" % (spec["file"], fn_name))
        self.rules[spec["key"]] = Rule(spec, module)

    # -- one test ----------------------------------------------------------------------------
    def run(self, key, log, mocks, test):
        """Runs the rule on one event and reports what it returned and raised. `test`: as PAT's
        test mode, run every auxiliary function whatever rule() returned (the client decides which
        are reported, and whether the test passed)."""
        rule = self.rules[key]
        reads = set()
        out = _Printed()
        result = {"output": None, "functions": {}, "fields": []}
        if not isinstance(log, Mapping):
            result["harnessError"] = "the test's Log is a %s, not a mapping" % type(log).__name__
            result["stdout"] = ""
            return result
        if rule.kind == "policy":
            event = log
        else:
            log_type = log.get("p_log_type") or ""
            model = None if rule.kind == "scheduled_rule" else self.data_models.get(log_type)
            event = ruleproof_event.PantherEvent(log, model, reads)
        patches = {}
        if mocks:
            from unittest import mock  # imported on first use: ~0.1 s off every worker start
        for m in mocks or []:
            if "objectName" in m and "returnValue" in m:
                patches[m["objectName"]] = mock.MagicMock(return_value=m["returnValue"])
        try:
            patcher = mock.patch.multiple(rule.module, **patches) if patches else contextlib.nullcontext()
            with patcher, contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                self._execute(rule, event, result, test)
        except AttributeError as exc:
            result["harnessError"] = "bad mock: %s (Mocks must name a module-level object of the rule)" % exc
        finally:
            result["stdout"] = out.getvalue()
        result["fields"] = sorted({_dotted(p) for p in reads})
        return result

    def _execute(self, rule, event, result, test=False):
        fn = getattr(rule.module, rule.fn_name)
        try:
            value = fn(event)
            if not isinstance(value, bool):
                raise FunctionReturnTypeError(
                    "detection %s function [%s] returned [%s], expected a bool"
                    % (rule.rule_id, rule.fn_name, type(value).__name__)
                )
            result["output"] = value
        except Exception as exc:  # noqa: BLE001
            result["error"] = user_error(exc, self.user_files)
        # In test mode panther_core runs the aux functions whatever the rule returned (their side
        # effects and prints happen); PAT reports and judges them only on tests expecting an alert,
        # which the client decides. Evaluations outside tests run them only on a match, as in batch mode.
        if result["output"] is not rule.alert_value and not test:
            return
        funcs = {}
        names = ("alert_context",) if not rule.create_alert else RUN_ORDER
        title = None
        for name in names:
            # panther_core treats a function as defined when the module has the name (hasattr),
            # so a non-callable `title = "x"` is called and fails like any raising aux function.
            aux = getattr(rule.module, name, _UNDEFINED)
            if name == "dedup" and not rule.create_alert:
                continue
            if aux is _UNDEFINED:
                if name == "dedup":
                    funcs["dedup"] = {"output": _truncate(title) if title else "defaultDedupString:" + rule.rule_id}
                elif name == "severity":
                    funcs["severity"] = {"output": rule.severity, "default": True}
                continue
            try:
                output = _AUX[name](rule, aux, event)
                if name == "title":
                    title = output
                funcs[name] = {"output": output}
            except Exception as exc:  # noqa: BLE001
                funcs[name] = {"error": user_error(exc, self.user_files)}
        result["functions"] = {name: funcs[name] for name in AUX_ORDER if name in funcs}


def _dotted(path):
    text = ""
    for part in path:
        if part == "[]" or isinstance(part, int):
            text += "[]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _truncate(text):
    if len(text) > MAX_FIELD:
        return text[: MAX_FIELD - len(TRUNCATED)] + TRUNCATED
    return text


def _string(rule, fn, event, name):
    value = fn(event)
    if not isinstance(value, str):
        raise FunctionReturnTypeError(
            "detection %s function [%s] returned [%s], expected a str" % (rule.rule_id, name, type(value).__name__)
        )
    return value


def _aux_text(name):
    return lambda rule, fn, event: _truncate(_string(rule, fn, event, name))


def _aux_dedup(rule, fn, event):
    value = _string(rule, fn, event, "dedup")
    return _truncate(value) if value else "defaultDedupString:" + rule.rule_id


def _aux_severity(rule, fn, event):
    value = _string(rule, fn, event, "severity").upper()
    if value == "DEFAULT":
        return rule.severity
    if value not in SEVERITIES:
        raise ValueError("Expected severity to be any of the following: %s, got: %s" % (list(SEVERITIES), value))
    return value


def _aux_alert_context(rule, fn, event):
    value = fn(event)
    if not isinstance(value, Mapping):
        raise FunctionReturnTypeError(
            "detection %s function [alert_context] returned [%s], expected a Mapping"
            % (rule.rule_id, type(value).__name__)
        )
    # allow_nan=False as panther_core: NaN or Infinity is an error of the function (and not JSON).
    text = json.dumps(value, default=ruleproof_event.PantherEvent.json_encoder, allow_nan=False)
    if len(text) > MAX_ALERT_CONTEXT:
        return {"_error": "alert_context size is [%d] characters, bigger than maximum of [%d] characters"
                % (len(text), MAX_ALERT_CONTEXT)}
    return json.loads(text)


def _aux_destinations(rule, fn, event):
    value = fn(event)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FunctionReturnTypeError(
            "detection %s function [destinations] returned [%s], expected a list of str"
            % (rule.rule_id, type(value).__name__)
        )
    if not value:
        return ["SKIP"]
    return value[:MAX_DESTINATIONS]


_AUX = {
    "title": _aux_text("title"),
    "description": _aux_text("description"),
    "reference": _aux_text("reference"),
    "runbook": _aux_text("runbook"),
    "dedup": _aux_dedup,
    "severity": _aux_severity,
    "alert_context": _aux_alert_context,
    "destinations": _aux_destinations,
    "unique": lambda rule, fn, event: _string(rule, fn, event, "unique"),
}
