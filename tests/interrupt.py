"""Ctrl-C stops the test run even while a browser test runs.

Ctrl-C reaches every process of the terminal's group, Playwright's driver (node) included; when
the driver dies first, the test sees "Connection closed while reading from the driver" instead
of ``KeyboardInterrupt``, pytest records an error and goes on to the next test. The browser test
modules use :func:`stop_on_ctrl_c`, which notes the signal (then raises ``KeyboardInterrupt`` as
Python does) and ends the whole run when the module is done.
"""

from __future__ import annotations

import signal

import pytest


@pytest.fixture(scope="module", autouse=True)
def stop_on_ctrl_c():
    seen: list[int] = []
    previous = signal.getsignal(signal.SIGINT)

    def note(signum, frame):
        seen.append(signum)
        if callable(previous):
            previous(signum, frame)
        else:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if seen:
            pytest.exit("interrupted (Ctrl-C)", returncode=130)
