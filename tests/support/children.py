"""Child processes that cannot outlive the test process that started them.

A test that stops early (a failure under `-x`, a timeout, an interrupted xdist worker) may
never reach its clean-up. Its `glute-coach` children would keep polling a fake server that
is gone, holding a database and a share of the CPU that later timing tests need.
"""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Looked up here, in the parent: between fork and exec the child should only make the call
# (loading a library there could wait forever on a lock another thread held at the fork).
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform == "linux" else None


def die_with_parent() -> None:
    """For Popen's preexec_fn: ask Linux to SIGKILL the child when its parent exits.

    Other systems have no such request; there the test's own clean-up is all there is.
    """
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
