"""Containment of rule code at the process level (POSIX; best effort elsewhere).

- A supervisor: the process ruleproof starts forks the worker and stays behind. On Linux it is a
  child subreaper, so whatever rule code starts (even a detached, double-forked daemon) stays
  below it; when the worker exits, or ruleproof sends SIGTERM, or ruleproof itself dies, the
  supervisor kills every descendant before it exits. Nothing a rule starts outlives the run.
- Resource limits on the worker: address space, file size, open files, processes.
- The protocol pipes leave the well-known fds 0 and 3 for random close-on-exec fds.
Standard library only.
"""
import os
import random
import signal
import sys
import time

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
LINUX = sys.platform.startswith("linux")


def _prctl(option, value):
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(option, value, 0, 0, 0) == 0
    except Exception:  # noqa: BLE001 - no ctypes or no prctl: the process group is the fallback
        return False


def supervise():
    """Forks. The parent supervises and never returns; the child returns and becomes the worker."""
    if not hasattr(os, "fork"):
        return
    parent = os.getppid()
    if LINUX:
        _prctl(PR_SET_CHILD_SUBREAPER, 1)
        _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # ruleproof died before we could ask to be told
            os._exit(1)
    supervisor = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)  # its own group, so the supervisor can kill it without killing itself
        if LINUX:
            _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != supervisor:
                os._exit(1)
        return
    _supervisor(pid)


def _supervisor(worker):
    # The worker owns the protocol: keep none of its pipes open here.
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    try:
        os.close(3)
    except OSError:
        pass

    def stop(signum, frame):
        _kill_tree(worker)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop)
    status = None
    while True:
        try:
            pid, st = os.wait()
        except ChildProcessError:
            break
        if pid == worker:
            status = st
            _kill_tree(worker)
    if status is not None and os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.WEXITSTATUS(status) if status is not None and os.WIFEXITED(status) else 1)


def _kill_tree(worker):
    """SIGKILLs the worker's group and every descendant, until none is left alive."""
    me = os.getpid()
    for _ in range(200):
        targets = _descendants(me) if LINUX else set()
        try:
            os.killpg(worker, signal.SIGKILL)
        except OSError:
            pass
        if not targets:
            break
        for pid in targets:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        _reap()
        time.sleep(0.001)


def _reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _descendants(root):
    children = {}
    try:
        # In a PID namespace of its own (--isolate) the supervisor is pid 1 and /proc still shows
        # the host's numbers: nothing to walk there, the kernel kills the namespace with pid 1.
        if int(os.readlink("/proc/self")) != os.getpid():
            return set()
        names = os.listdir("/proc")
    except (OSError, ValueError):
        return set()
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as f:
                data = f.read()
        except OSError:
            continue
        fields = data[data.rfind(b")") + 2:].split()
        if len(fields) < 2 or fields[0] == b"Z":
            continue
        children.setdefault(int(fields[1]), []).append(int(name))
    found = set()
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def hide_fd(fd):
    """Moves fd to a random close-on-exec number above 100 and frees the old number."""
    try:
        import fcntl
    except ImportError:  # Windows: no fd passing to hide from
        return fd
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, random.SystemRandom().randint(100, 900))
    os.close(fd)
    return moved


def apply_limits(limits):
    """Lowers soft and hard limits (rule code cannot raise them back). Returns notes on what
    could not be applied."""
    notes = []
    try:
        import resource
    except ImportError:
        return ["resource limits are not available on this platform"]
    # A file over the size limit fails the write (EFBIG) instead of killing the worker.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    wanted = []
    if limits.get("memoryMb"):
        wanted.append(("RLIMIT_AS", limits["memoryMb"] << 20))
    if limits.get("fileSizeMb"):
        wanted.append(("RLIMIT_FSIZE", limits["fileSizeMb"] << 20))
    if limits.get("openFiles"):
        wanted.append(("RLIMIT_NOFILE", limits["openFiles"]))
    if limits.get("processes"):
        # RLIMIT_NPROC counts every task of the user, not just ours: allow this many more.
        running = _tasks_of_user()
        if running is None:
            notes.append("the process limit is not applied (tasks of the user cannot be counted here)")
        else:
            wanted.append(("RLIMIT_NPROC", running + limits["processes"]))
    for name, value in wanted:
        res = getattr(resource, name, None)
        if res is None:
            notes.append("%s is not available on this platform" % name)
            continue
        try:
            _, hard = resource.getrlimit(res)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(res, (value, value))
        except (ValueError, OSError) as exc:
            notes.append("%s not applied: %s" % (name, exc))
    return notes


def _tasks_of_user():
    if not LINUX:
        return None
    uid = os.getuid()
    count = 0
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    for name in names:
        if not name.isdigit():
            continue
        try:
            if os.stat("/proc/" + name).st_uid == uid:
                count += len(os.listdir("/proc/%s/task" % name))
        except OSError:
            continue
    return count
