"""The demo's background worker starts with the web server and stops with it."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from minsheng.demo.worker import WORKER_COMMAND, worker_alongside

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def test_the_worker_command_is_the_platforms_worker():
    answer = subprocess.run([*WORKER_COMMAND, "--help"], capture_output=True, text=True)
    assert answer.returncode == 0, answer.stderr
    assert "--batch" in answer.stdout and "background tasks" in answer.stdout


def test_the_worker_runs_while_the_demo_serves_and_stops_with_it():
    with worker_alongside(SLEEPER) as worker:
        assert worker.poll() is None
    assert worker.returncode == -signal.SIGTERM


def test_a_demo_stopped_by_sigterm_stops_its_worker():
    handler = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit), worker_alongside(SLEEPER) as worker:
        os.kill(os.getpid(), signal.SIGTERM)
        worker.wait(timeout=30)  # interrupted by the signal's SystemExit
    assert worker.returncode == -signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is handler


def test_a_second_sigterm_while_the_worker_finishes_stops_it_at_once():
    # A worker busy with a task does not stop on the first SIGTERM; here it never would.
    stubborn = [
        sys.executable,
        "-c",
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(120)",
    ]
    second = threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGTERM))
    with pytest.raises(SystemExit), worker_alongside(stubborn) as worker:
        time.sleep(0.5)  # the child has set its handler
        second.start()
        os.kill(os.getpid(), signal.SIGTERM)
        worker.wait(timeout=30)
    second.join()
    assert worker.returncode == -signal.SIGKILL
