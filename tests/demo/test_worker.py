"""The demo's background worker starts with the web server and stops with it."""

import os
import signal
import subprocess
import sys

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
