"""Stand-ins for the Panther packages rules import but the machine may not have.

`panther_core` is always ours, so that `isinstance(event, PantherEvent)` holds for the events
ruleproof builds (a real panther_core would define another class).

`panther_detection_helpers` is registered only when no such package is installed: an installed
one is never shadowed. Ours offers the real package's whole public API (caching, mocking,
monitoring; written from reading panther_detection_helpers 1.0.2) with what PAT's offline test
runs see: the pure functions behave as the real ones, and every call that would reach Panther's
key-value store (DynamoDB through boto3) raises, as it does when PAT runs tests without AWS
access. Tests are expected to mock those calls (`Mocks:`), as panther-analysis does.
"""
import functools
import importlib.util
import json
import os
import sys
import types
from datetime import datetime

import ruleproof_event

_COUNT_COL = "intCount"
_STRING_SET_COL = "stringSet"
_DICT_COL = "dictionary"
_TTL_COL = "expiresAt"
_EPOCH_SECONDS_DELTA_DEFAULT = 90 * (60 * 60 * 24)  # 90 days
FIPS_ENABLED = os.getenv("ENABLE_FIPS", "").lower() == "true"
FIPS_SUFFIX = "-fips." + os.getenv("AWS_REGION", "") + ".amazonaws.com"


_ERROR_CLASS = []


def _error_class():
    """The error of a key-value store call offline: a botocore NoRegionError when botocore is
    there (what boto3 raises without AWS configuration, so a rule's `except BotoCoreError`
    behaves as under PAT), else a RuntimeError. Built on first use: importing botocore costs
    time every worker start otherwise."""
    if not _ERROR_CLASS:
        try:
            from botocore.exceptions import NoRegionError as base  # pylint: disable=import-outside-toplevel
        except Exception:  # noqa: BLE001 - any import problem means no botocore
            base = RuntimeError

        class KVStoreUnavailable(base):  # pylint: disable=missing-class-docstring
            def __init__(self, name):  # pylint: disable=super-init-not-called
                Exception.__init__(
                    self,
                    "panther_detection_helpers.caching.%s needs Panther's key-value store (DynamoDB), "
                    "which offline test runs (PAT's and ruleproof's) cannot reach; mock it in the test "
                    "(Mocks: - objectName: %s)" % (name, name),
                )

            def __str__(self):
                return str(self.args[0])

        _ERROR_CLASS.append(KVStoreUnavailable)
    return _ERROR_CLASS[0]


def _store(name):
    raise _error_class()(name)


def kv_table():
    _store("kv_table")


def ttl_expired(response):
    expiration = response.get("Item", {}).get(_TTL_COL, 0)
    return expiration and float(expiration) <= (datetime.now()).timestamp()


def get_counter(key, force_ttl_check=False):
    _store("get_counter")


def increment_counter(key, val=1, epoch_seconds=_EPOCH_SECONDS_DELTA_DEFAULT):
    _store("increment_counter")


def reset_counter(key):
    _store("reset_counter")


def set_key_expiration(key, epoch_seconds):
    _store("set_key_expiration")


def _finalize_epoch_seconds(epoch_seconds):
    if isinstance(epoch_seconds, str):
        epoch_seconds = float(epoch_seconds)
    if isinstance(epoch_seconds, float):
        epoch_seconds = int(epoch_seconds)
    if not isinstance(epoch_seconds, int):
        epoch_seconds = int(datetime.now().timestamp()) + _EPOCH_SECONDS_DELTA_DEFAULT
    if epoch_seconds < 1000000000:  # a duration, not a date
        epoch_seconds = int(datetime.now().timestamp()) + epoch_seconds
    return epoch_seconds


def put_dictionary(key, val, epoch_seconds=None):
    from collections.abc import Mapping  # pylint: disable=import-outside-toplevel

    if not isinstance(val, (dict, Mapping)):
        raise TypeError("panther_oss_helpers.put_dictionary: value is not a dictionary")
    try:
        json.dumps(val)
    except TypeError as exc:
        raise ValueError(
            "panther_oss_helpers.put_dictionary: value is a dictionary, but it is not JSON serializable"
        ) from exc
    _store("put_dictionary")


def get_dictionary(key, force_ttl_check=False):
    _store("get_dictionary")


def get_string_set(key, force_ttl_check=False):
    _store("get_string_set")


def put_string_set(key, val, epoch_seconds=None):
    if not val:
        reset_string_set(key)
    else:
        _store("put_string_set")


def add_to_string_set(key, val, epoch_seconds=_EPOCH_SECONDS_DELTA_DEFAULT):
    if not isinstance(val, str) and not set(val):
        return get_string_set(key, force_ttl_check=True)
    _store("add_to_string_set")


def remove_from_string_set(key, val, epoch_seconds=_EPOCH_SECONDS_DELTA_DEFAULT):
    if not isinstance(val, str) and not set(val):
        return get_string_set(key, force_ttl_check=True)
    _store("remove_from_string_set")


def reset_string_set(key):
    _store("reset_string_set")


def evaluate_threshold(key, threshold=10, expiry_seconds=3600):
    hourly_error_count = increment_counter(key, epoch_seconds=expiry_seconds)
    if hourly_error_count >= threshold:
        reset_counter(key)
        return True
    return False


def check_account_age(key):
    if isinstance(key, str) and key != "":
        return bool(get_string_set(key, force_ttl_check=True))
    return False


CACHING_API = (
    "kv_table", "ttl_expired", "get_counter", "increment_counter", "reset_counter",
    "set_key_expiration", "_finalize_epoch_seconds", "put_dictionary", "get_dictionary",
    "get_string_set", "put_string_set", "add_to_string_set", "remove_from_string_set",
    "reset_string_set", "evaluate_threshold", "check_account_age",
    "_COUNT_COL", "_STRING_SET_COL", "_DICT_COL", "_TTL_COL", "_EPOCH_SECONDS_DELTA_DEFAULT",
    "FIPS_ENABLED", "FIPS_SUFFIX",
)


def is_mock(func):
    """panther_detection_helpers.mocking.is_mock: True for the MagicMocks test Mocks install."""
    from unittest.mock import MagicMock  # pylint: disable=import-outside-toplevel

    return isinstance(func, MagicMock)


def wrap(name, tags=None):
    """panther_detection_helpers.monitoring.wrap without Datadog: calls the function as is."""

    def decorator(func):
        @functools.wraps(func)
        def func_wrapper(*args, **kwargs):
            return func(*args, **kwargs)

        return func_wrapper

    return decorator


def _module(name, attrs, package=False):
    module = types.ModuleType(name)
    module.__ruleproof__ = True
    if package:
        module.__path__ = []  # a package, so submodule imports resolve
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


def _installed(name):
    """True when `name` is importable from sys.path (not one of our stand-ins)."""
    current = sys.modules.get(name)
    if current is not None:
        return not getattr(current, "__ruleproof__", False)
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def install():
    """Registers the stand-in modules in sys.modules (idempotent)."""
    if not getattr(sys.modules.get("panther_core"), "__ruleproof__", False):
        event = ruleproof_event
        exceptions = _module("panther_core.exceptions", {"PantherError": event.PantherError})
        enriched = _module("panther_core.enriched_event", {"PantherEvent": event.PantherEvent})
        immutable = _module(
            "panther_core.immutable",
            {
                "ImmutableCaseInsensitiveDict": event.ImmutableCaseInsensitiveDict,
                "ImmutableList": event.ImmutableList,
                "json_encoder": event.json_encoder,
            },
        )
        data_model = _module(
            "panther_core.data_model",
            {"DataModel": event.DataModel, "E_NO_DATA_MODEL_FOUND": event.E_NO_DATA_MODEL_FOUND},
        )
        core = _module(
            "panther_core",
            {
                "PantherEvent": event.PantherEvent,
                "enriched_event": enriched,
                "immutable": immutable,
                "data_model": data_model,
                "exceptions": exceptions,
            },
            package=True,
        )
        for module in (core, enriched, immutable, data_model, exceptions):
            sys.modules[module.__name__] = module

    if getattr(sys.modules.get("panther_detection_helpers"), "__ruleproof__", False):
        return
    if _installed("panther_detection_helpers"):
        return  # the real package (or the repository's own) is used, never shadowed
    this = sys.modules[__name__]
    caching = _module("panther_detection_helpers.caching", {n: getattr(this, n) for n in CACHING_API})
    mocking = _module("panther_detection_helpers.mocking", {"is_mock": is_mock})
    monitoring = _module(
        "panther_detection_helpers.monitoring", {"wrap": wrap, "USE_MONITORING": False, "DD_ENV": ""}
    )
    helpers = _module(
        "panther_detection_helpers",
        {"caching": caching, "mocking": mocking, "monitoring": monitoring},
        package=True,
    )
    for module in (helpers, caching, mocking, monitoring):
        sys.modules[module.__name__] = module
