"""Stand-ins for the Panther packages rules import but the machine may not have.

`panther_core` is always ours (so `isinstance(event, PantherEvent)` holds for the events we
build); `panther_detection_helpers.caching` is an in-memory key-value store, since the real one
talks to Panther's DynamoDB. Tests normally mock these calls anyway.
"""
import sys
import time
import types

import ruleproof_event

_STORE = {}
_EXPIRY = {}


def _expired(key):
    expiry = _EXPIRY.get(key)
    if expiry is not None and expiry <= time.time():
        _STORE.pop(key, None)
        _EXPIRY.pop(key, None)
        return True
    return False


def get_string_set(key, force_ttl_check=False):
    _expired(key)
    return set(_STORE.get(key, set()))


def put_string_set(key, val, epoch_seconds=None):
    _STORE[key] = set(val)
    if epoch_seconds is not None:
        _EXPIRY[key] = epoch_seconds


def add_to_string_set(key, val, epoch_seconds=None):
    _expired(key)
    current = _STORE.setdefault(key, set())
    if isinstance(val, str):
        current.add(val)
    else:
        current.update(val)
    if epoch_seconds is not None:
        _EXPIRY[key] = epoch_seconds
    return set(current)


def remove_from_string_set(key, val, epoch_seconds=None):
    current = _STORE.setdefault(key, set())
    if isinstance(val, str):
        current.discard(val)
    else:
        current.difference_update(val)
    return set(current)


def reset_string_set(key):
    _STORE.pop(key, None)


def get_counter(key, force_ttl_check=False):
    _expired(key)
    return int(_STORE.get(key, 0))


def increment_counter(key, val=1, epoch_seconds=None):
    _expired(key)
    _STORE[key] = int(_STORE.get(key, 0)) + val
    if epoch_seconds is not None:
        _EXPIRY[key] = epoch_seconds
    return _STORE[key]


def reset_counter(key):
    _STORE.pop(key, None)


def set_key_expiration(key, epoch_seconds):
    _EXPIRY[key] = epoch_seconds


def put_dictionary(key, val, epoch_seconds=None):
    _STORE[key] = dict(val)
    if epoch_seconds is not None:
        _EXPIRY[key] = epoch_seconds


def get_dictionary(key, force_ttl_check=False):
    _expired(key)
    return dict(_STORE.get(key, {}))


def put_string(key, val, epoch_seconds=None):
    _STORE[key] = str(val)
    if epoch_seconds is not None:
        _EXPIRY[key] = epoch_seconds


def get_string(key, force_ttl_check=False):
    _expired(key)
    return _STORE.get(key)


def evaluate_threshold(key, threshold=10, expiry_seconds=3600):
    hourly = increment_counter(key, epoch_seconds=time.time() + expiry_seconds)
    if hourly >= threshold:
        reset_counter(key)
        return True
    return False


def ttl_expired(response):
    return False


def install():
    """Registers the stand-in modules in sys.modules (idempotent)."""
    if "panther_core" in sys.modules and getattr(sys.modules["panther_core"], "__ruleproof__", False):
        return
    core = types.ModuleType("panther_core")
    core.__ruleproof__ = True
    core.__path__ = []  # a package, so submodule imports resolve
    core.PantherEvent = ruleproof_event.PantherEvent
    enriched = types.ModuleType("panther_core.enriched_event")
    enriched.PantherEvent = ruleproof_event.PantherEvent
    immutable = types.ModuleType("panther_core.immutable")
    immutable.ImmutableCaseInsensitiveDict = ruleproof_event.ImmutableCaseInsensitiveDict
    immutable.ImmutableList = ruleproof_event.ImmutableList
    data_model = types.ModuleType("panther_core.data_model")
    data_model.DataModel = ruleproof_event.DataModel
    core.enriched_event = enriched
    core.immutable = immutable
    core.data_model = data_model
    sys.modules["panther_core"] = core
    sys.modules["panther_core.enriched_event"] = enriched
    sys.modules["panther_core.immutable"] = immutable
    sys.modules["panther_core.data_model"] = data_model

    helpers = types.ModuleType("panther_detection_helpers")
    helpers.__path__ = []
    caching = types.ModuleType("panther_detection_helpers.caching")
    for name in (
        "get_string_set", "put_string_set", "add_to_string_set", "remove_from_string_set",
        "reset_string_set", "get_counter", "increment_counter", "reset_counter",
        "set_key_expiration", "put_dictionary", "get_dictionary", "put_string", "get_string",
        "evaluate_threshold", "ttl_expired",
    ):
        setattr(caching, name, globals()[name])
    helpers.caching = caching
    sys.modules["panther_detection_helpers"] = helpers
    sys.modules["panther_detection_helpers.caching"] = caching
