"""The heap set for an analysis run: the collector's frozen setup, the allocator's fixed mmap threshold."""

from __future__ import annotations

import gc
import platform
import subprocess
import sys
import textwrap

import pytest

from foedus.jobs.heap import settled_heap

# Run in a fresh process: the threshold is the process's own, and glibc's moves with what was freed before.
_PROBE = textwrap.dedent("""
    import ctypes, sys
    from foedus.jobs.heap import settled_heap

    class Info(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in
                    "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = Info

    def mapped_blocks(fixed):
        with settled_heap(mmap_threshold=(1 << 20) if fixed else 0):
            first = bytearray(6 << 20)   # above glibc's first threshold: a mapping of its own
            del first                    # freed: a moving threshold rises to 6 MB
            before = libc.mallinfo2().hblks
            second = bytearray(4 << 20)  # a batch's array of the same order
            n = libc.mallinfo2().hblks - before  # mappings it took: 1 of its own, or 0 if cut from the heap
            del second
        return n

    print(mapped_blocks(sys.argv[1] == "fixed"))
""")


def _mapped_blocks(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="the mmap threshold is glibc's")
def test_a_fixed_threshold_keeps_large_arrays_in_mappings_of_their_own() -> None:
    """Left to glibc, a large block freed raises the threshold, and the next large
    array is cut from the heap (no mapping held); fixed, it gets its own mapping,
    which goes back to the system whole when it is freed. (The moving case is not
    asserted: whether glibc still moves its threshold in a child depends on what
    the child's start-up freed.)"""
    assert _mapped_blocks("fixed") == 1


def test_the_collector_is_as_before_after_the_block() -> None:
    thresholds = gc.get_threshold()
    with settled_heap(young=12_345, mmap_threshold=0):
        assert gc.get_threshold()[0] == max(12_345, thresholds[0])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0
