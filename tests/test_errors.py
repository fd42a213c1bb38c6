"""Unexpected errors are one line; near an address-space limit they are read as memory running out."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import resource
from linter.errors import address_space_spent, internal_error_line
peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmPeak:')) * 1024
resource.setrlimit(resource.RLIMIT_AS, (int(peak * {share}), resource.RLIM_INFINITY))
print(address_space_spent(), internal_error_line('t.txt', SystemError('error return without exception set')))
"""


def run_child(share: float) -> str:
    code = CHILD.format(share=share)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_an_error_near_the_address_space_limit_is_out_of_memory() -> None:
    out = run_child(1.05)
    assert out.startswith("True") and "内存不足" in out and "t.txt" in out


def test_an_error_far_from_the_limit_is_an_internal_error() -> None:
    out = run_child(4.0)
    assert out.startswith("False") and "内部错误" in out and "SystemError" in out
