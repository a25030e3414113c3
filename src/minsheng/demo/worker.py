"""The demo's background worker: `minsheng worker` in a child process that starts with the web
server and stops with it, so a list uploaded in the demo is imported.

The child runs in a session of its own, so Ctrl-C reaches only the demo, which then stops the
worker with one SIGTERM: the worker finishes the task in hand (a second Ctrl-C cuts it short;
the task's transaction is rolled back). SIGTERM and SIGHUP to the demo stop it the same way,
and a second one while the worker finishes cuts it short too (`uv run` passes a signal on to the
demo, so one `pkill` can deliver two); the demo never exits leaving its worker behind.
"""

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

WORKER_COMMAND = [
    sys.executable, "-m", "minsheng.cli", "worker", "--no-reload", "--no-startup-delay",
]  # fmt: skip
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 60


def exit_quietly(signum, frame):
    raise SystemExit(0)


def cut_short(signum, frame):
    raise KeyboardInterrupt


@contextmanager
def worker_alongside(command: list[str] = WORKER_COMMAND) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(command, start_new_session=True)
    previous = {number: signal.signal(number, exit_quietly) for number in STOP_SIGNALS}
    try:
        yield process
    finally:
        for number in STOP_SIGNALS:
            signal.signal(number, cut_short)
        try:
            stop(process)
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=GRACE_SECONDS)
    except (subprocess.TimeoutExpired, KeyboardInterrupt):
        process.kill()
        process.wait()
