#!/usr/bin/env python3
"""Writes src-tauri/code-order.txt: the release binary's functions that start-up, an idle
counter and a day's first sales run, in the order the binary has them now. The release
link lays them out together at the start of the code (src-tauri/build.rs).

Why: the kernel maps the pages around every page of code a fault touches (fault-around and
readahead, 64 KB and more), so code spread over the whole binary keeps nearly all of it
resident. Together, only the code that runs stays resident (BENCHMARKS.md, the app's memory).

How (Linux, as root, nothing else running): a probe build of the release app, the same code
with every function starting on a page of its own (LLVM's `-align-all-functions=12`, in a
target folder of its own), is started by the app benchmark (start-up, idle, 100 sales through
a store in another process) with readahead off and the page cache dropped, so a page of the
binary is resident only when code on it ran. Its resident pages are read from
/proc/<pid>/pagemap every second, and every function with a page among them is listed: on a
page of its own, a function is listed only if it ran (the C code compiled in, SQLite and
jemalloc, is not aligned: its functions are listed by page). First those that ran by the time
the counter was idle, then those the sales added. Readahead is put back afterwards.

Run it after changes that move much code (new crates, a new Rust): a stale list only lays
out less well; names it no longer finds are skipped by the linker. The probe build takes as
long as a release build from nothing.
    CARGO_TARGET_DIR=... scripts/code-order.py
`COUNTERPAY_CODE_ORDER_PROBE=<path>/counterpay` takes a probe built before instead (with the
bare window beside it).
"""

import bisect
import os
import struct
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
OUT = os.path.join(ROOT, "src-tauri", "code-order.txt")


def sh(*args, **kw):
    return subprocess.run(args, check=True, text=True, **kw)


def device_readahead(path):
    """The sysfs readahead file of the block device holding `path`."""
    dev = os.stat(path).st_dev
    major, minor = os.major(dev), os.minor(dev)
    block = os.path.realpath(f"/sys/dev/block/{major}:{minor}")
    for d in (block, os.path.dirname(block)):
        f = os.path.join(d, "queue", "read_ahead_kb")
        if os.path.exists(f):
            return f
    sys.exit(f"no readahead setting for the device of {path}")


def resident_pages(pid, pages):
    exe = os.readlink(f"/proc/{pid}/exe")
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for line in maps:
            m = line.split()
            if len(m) < 6 or m[5] != exe:
                continue
            start, end = (int(v, 16) for v in m[0].split("-"))
            offset = int(m[2], 16)
            for va in range(start, end, 4096):
                pagemap.seek(va // 4096 * 8)
                if struct.unpack("Q", pagemap.read(8))[0] >> 63:
                    pages.add(offset + va - start)


LOCK = threading.Lock()


def watch(name, pages, stop):
    while not stop.is_set():
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    if os.path.basename(os.readlink(f"/proc/{d}/exe")) == name:
                        found = set()
                        resident_pages(int(d), found)
                        with LOCK:
                            pages |= found
                except OSError:
                    pass
        time.sleep(1)


def text_segment(binary):
    """(file offset, address, size) of the executable LOAD segment."""
    out = sh("readelf", "-lW", binary, capture_output=True).stdout
    for line in out.splitlines():
        w = line.split()
        if w and w[0] == "LOAD" and "E" in w[6:-1]:
            return int(w[1], 16), int(w[2], 16), int(w[4], 16)
    sys.exit(f"{binary}: no code segment")


def main():
    if os.geteuid() != 0:
        sys.exit("run as root: it turns readahead off and drops the page cache for the run")
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET)
    # The benchmark that drives the app, built as usual.
    sh("cargo", "bench", "--no-run", "-p", "counterpay-e2e", "--bench", "app", cwd=ROOT, env=env)
    # The probe: every function on a page of its own, and no list of the old one.
    probe_target = os.path.join(TARGET, "code-order-probe")
    flags = (os.environ.get("RUSTFLAGS", "") + " -C llvm-args=-align-all-functions=12").strip()
    probe_env = dict(env, CARGO_TARGET_DIR=probe_target, RUSTFLAGS=flags, COUNTERPAY_NO_CODE_ORDER="1")
    binary = os.environ.get("COUNTERPAY_CODE_ORDER_PROBE")  # a probe built before, as below
    if not binary:
        sh("cargo", "build", "--release", "-p", "counterpay", "-p", "counterpay-bare-window", cwd=ROOT, env=probe_env)
        binary = os.path.join(probe_target, "release", "counterpay")
    readahead = device_readahead(binary)
    before = open(readahead).read().strip()
    pages, idle, stop = set(), set(), threading.Event()
    watcher = threading.Thread(target=watch, args=("counterpay", pages, stop))
    try:
        with open(readahead, "w") as f:
            f.write("0")
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("1")
        watcher.start()
        bench_env = dict(env, COUNTERPAY_BENCH_ONLY_SALES="1", COUNTERPAY_BENCH_SALES="100", COUNTERPAY_APP_BINARY=binary)
        bench = subprocess.Popen(
            ["cargo", "bench", "-p", "counterpay-e2e", "--bench", "app"], cwd=ROOT, env=bench_env, stdout=subprocess.PIPE, text=True
        )
        for line in bench.stdout:
            print(line, end="")
            if line.startswith("before the sales"):
                # Started, the catalog shown, idle: what a shop's counter runs all day.
                time.sleep(1.5)
                with LOCK:
                    idle = set(pages)
        if bench.wait() != 0:
            sys.exit("the app benchmark failed")
    finally:
        stop.set()
        if watcher.is_alive():
            watcher.join()
        with open(readahead, "w") as f:
            f.write(before)

    offset, address, size = text_segment(binary)
    symbols = []
    nm = sh("nm", "-S", "--defined-only", binary, capture_output=True).stdout
    for line in nm.splitlines():
        w = line.split()
        if len(w) == 4 and w[2] in "tTwW":
            symbols.append((int(w[0], 16), int(w[1], 16), w[3]))
    symbols.sort()
    names, seen, total = [], set(), 0
    # Idle first (start-up and the counter waiting), then what the sales added.
    for ran in (idle, pages):
        hot = sorted(
            (max(p, offset) - offset + address, p + 4096 - offset + address) for p in ran if offset - 4096 < p < offset + size
        )
        for start, length, name in symbols:
            i = bisect.bisect_right(hot, (start + length,)) - 1
            while i >= 0 and hot[i][1] > start:
                if hot[i][0] < start + length:
                    if name not in seen:
                        seen.add(name)
                        names.append(name)
                        total += length
                    break
                i -= 1
    with open(OUT, "w") as f:
        f.write("\n".join(names) + "\n")
    print(f"{len(pages)} pages of the probe ran; {len(names)} functions, {total / 1e6:.1f} MB, in {OUT}")


if __name__ == "__main__":
    main()
