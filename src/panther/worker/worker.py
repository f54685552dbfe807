"""ruleproof's long-lived Panther worker: JSON lines in on stdin, JSON lines out on fd 3.

The protocol has its own pipe so that whatever a rule prints (or writes straight to fd 1/2)
can never corrupt it. Before any rule code runs, both protocol pipes move to random
close-on-exec fds (fd 0 becomes /dev/null, fd 3 is closed), and ruleproof_sandbox forks a
supervisor and applies the resource limits. The first line on stdin is the hello
  {"token", "limits": {memoryMb?, fileSizeMb?, openFiles?, processes?}}
and every reply echoes the token as "t": a reply without it is not accepted by the client.
Requests are handled strictly in order; each gets exactly one reply:
  {"id", "op": "setup", "globals": [{id, file}], "dataModels": [{id, logTypes, file?, mappings}]}
  {"id", "op": "load", "key", "ruleId", "file", "kind", "severity", "createAlert"}
  {"id", "op": "run", "key", "log", "mocks", "test"}   test: bool (run every auxiliary function)
  {"id", "op": "ping"}
Replies: {"id", "t", "ok": true, ...} or {"id", "t", "ok": false, "error": {type, message, file?, line?, traceback}}.
The worker reports what the rule returned; whether a test passed is decided by the client.
`python3 worker.py --bench FILE` runs the tests listed in FILE in one in-process loop (no IPC),
the baseline the benchmark compares the worker against.
Standard library only; Python >= 3.9.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ruleproof_runner  # noqa: E402
import ruleproof_sandbox  # noqa: E402


def _open_channels():
    """The protocol pipes, moved off the fds rule code would try (0 and 3)."""
    try:
        reply_fd = ruleproof_sandbox.hide_fd(3)
    except OSError:
        # Started by hand without fd 3: reply on the real stdout instead.
        reply_fd = os.dup(1)
    request_fd = ruleproof_sandbox.hide_fd(0)
    if request_fd != 0:
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
    return request_fd, os.fdopen(reply_fd, "wb", buffering=1 << 16)


def handle(runner, request):
    op = request.get("op")
    if op == "run":
        return {"ok": True, "result": runner.run(request["key"], request.get("log"), request.get("mocks"),
                                                 bool(request.get("test")))}
    if op == "load":
        try:
            runner.load(request)
            return {"ok": True}
        except BaseException as exc:  # noqa: BLE001 - SystemExit at import time is a setup error too
            if isinstance(exc, KeyboardInterrupt):
                raise
            return {"ok": False, "error": ruleproof_runner.user_error(exc, {os.path.abspath(request["file"])})}
    if op == "setup":
        return {"ok": True, "errors": runner.setup(request.get("globals", []), request.get("dataModels", []))}
    if op == "ping":
        return {"ok": True, "python": sys.version.split()[0], "pid": os.getpid(), "executable": sys.executable}
    return {"ok": False, "error": {"type": "ProtocolError", "message": "unknown op %r" % op}}


def serve():
    ruleproof_sandbox.supervise()
    request_fd, out = _open_channels()
    # Rules must not read the protocol stream.
    sys.stdin = open(os.devnull)
    runner = None
    token = None
    notes = []
    buf = b""
    pos = 0
    while True:
        nl = buf.find(b"\n", pos)
        if nl < 0:
            chunk = os.read(request_fd, 1 << 16)
            if not chunk:
                break
            buf = buf[pos:] + chunk
            pos = 0
            continue
        line = buf[pos:nl]
        pos = nl + 1
        if not line.strip():
            continue
        request = json.loads(line)
        if token is None:
            token = request.get("token")
            notes = ruleproof_sandbox.apply_limits(request.get("limits") or {})
            runner = ruleproof_runner.Runner()
            continue
        try:
            reply = handle(runner, request)
            if request.get("op") == "ping":
                reply["notes"] = notes
        except Exception as exc:  # noqa: BLE001 - a worker bug must not take the run down
            reply = {"ok": False, "error": ruleproof_runner.user_error(exc)}
        reply["id"] = request.get("id")
        reply["t"] = token
        try:
            data = json.dumps(reply, default=_fallback, allow_nan=False)  # NaN is not JSON
        except (TypeError, ValueError) as exc:
            data = json.dumps({"id": request.get("id"), "t": token, "ok": False,
                               "error": {"type": "ProtocolError", "message": "reply not serialisable: %s" % exc}})
        out.write(data.encode("utf-8") + b"\n")
        # Every reply leaves before the next request starts: if that one kills the process,
        # this result is already out.
        out.flush()
    out.flush()


def _fallback(value):
    try:
        return ruleproof_runner.ruleproof_event.PantherEvent.json_encoder(value)
    except TypeError:
        return repr(value)


def bench(path):
    """In-process baseline: setup, load and run every listed test in one loop, no IPC."""
    with open(path) as f:
        plan = json.load(f)
    runner = ruleproof_runner.Runner()
    runner.setup(plan.get("globals", []), plan.get("dataModels", []))
    for spec in plan["rules"]:
        runner.load(spec)
    tests = plan["tests"]
    start = time.perf_counter()
    passed = 0
    for test in tests:
        result = runner.run(test["key"], test["log"], test.get("mocks"), test.get("expected") is not None)
        passed += 1 if result["output"] == test.get("expected") else 0
    elapsed = time.perf_counter() - start
    print(json.dumps({"tests": len(tests), "passed": passed, "seconds": elapsed}))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        bench(sys.argv[2])
    else:
        serve()
