"""What the benchmarks in utils/bench share: compiling their kernels, timing,
the printed table and the JSON file, and the build/run command line."""

import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))


def build_library(name, directory):
    """Compiles utils/bench/NAME.mlir into DIRECTORY/libNAME.so."""
    subprocess.run([os.path.join(ROOT, "utils", "build_kernel_library.sh"),
                    os.path.join(ROOT, "utils", "bench", name + ".mlir"), directory, name],
                   check=True)


def timed(fn, sync, repeat=30, warmup=5):
    """Median wall-clock seconds of `fn`, synchronizing around each run,
    after a warm-up (host overheads included)."""
    for _ in range(warmup):
        fn()
    sync()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def gpu_timed(fn, repeat=30, warmup=5):
    """Median GPU seconds of `fn`, which launches PyTorch work, from a CUDA
    event pair around each of `repeat` back-to-back runs after a warm-up."""
    import torch

    for _ in range(warmup):
        fn()
    pairs = [(torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True))
             for _ in range(repeat)]
    for start, end in pairs:
        start.record()
        fn()
        end.record()
    torch.cuda.synchronize()
    return statistics.median(start.elapsed_time(end) for start, end in pairs) / 1e3


def kernel_timed(fn, repeat=30, warmup=5):
    """Median GPU seconds of the Vortex kernels that `fn` launches (the
    runtime's event pairs around each launch, summed per run) after a
    warm-up: the same measure as gpu_timed, without the host-side set-up
    between the synchronous calls of the Vortex runtime."""
    import vortex.runtime as vr

    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        with vr.Profile() as profile:
            fn()
        times.append(profile.milliseconds / 1e3)
    return statistics.median(times)


def device_timed(fn, repeat=30, warmup=5):
    """Median GPU seconds of the kernels and copies that one call of `fn`
    runs, from their own start and end timestamps (CUPTI, through
    torch.profiler), summed per call, over `repeat` calls after a warm-up.
    The same measure for every contender whatever launches its work: an
    event pair around a call also counts the host's launch latency when the
    stream was idle (every synchronous Vortex call) but not when it was
    busy (back-to-back PyTorch calls)."""
    import tempfile

    import torch
    from torch.profiler import ProfilerActivity, profile

    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        for _ in range(repeat):
            fn()
            torch.cuda.synchronize()
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "trace.json")
        prof.export_chrome_trace(path)
        with open(path) as f:
            trace = json.load(f)
    work = sorted((e["ts"], e["dur"]) for e in trace["traceEvents"]
                  if e.get("ph") == "X" and e.get("cat") in ("kernel", "gpu_memcpy", "gpu_memset"))
    per_call = len(work) // repeat
    if not work or per_call * repeat != len(work):
        raise RuntimeError(f"device_timed: {len(work)} GPU activities over {repeat} calls "
                           "(a call must launch the same work each time)")
    # Calls are synchronized one after the other: in start order, call i's
    # activities are entries i * per_call ... (i + 1) * per_call - 1.
    sums = [sum(d for _, d in work[i * per_call:(i + 1) * per_call]) for i in range(repeat)]
    return statistics.median(sums) / 1e6


def cupy_peer(results):
    """CuPy, the third peer, when this machine has it (else None); records
    its version and reduction back ends in `results`."""
    try:
        import cupy
    except ImportError:
        results["cupy"] = None
        return None
    from cupy._core import _accelerator

    names = {_accelerator.ACCELERATOR_CUB: "cub", _accelerator.ACCELERATOR_CUTENSOR: "cutensor"}
    results["cupy"] = {
        "version": cupy.__version__,
        "reduction_accelerators": [names.get(a, a) for a in
                                   _accelerator.get_reduction_accelerators()]}
    return cupy


def time_cupy(case, call, ref, tolerance, t_vx):
    """Checks CuPy's result of `call` against the float64 torch tensor `ref`
    (the same work as Vortex's), then times it like the other peers and
    adds cupy_ms and speedup_vs_cupy to `case`."""
    import torch

    got = torch.from_dlpack(call()).double()
    err = ((got - ref).norm() / ref.norm()).item()
    case["cupy_relative_error"] = err
    if not err < tolerance:
        print(f"CuPy's {case['case']} is off by {err}: not timed")
        return
    t_cupy = device_timed(call)
    case["cupy_ms"] = t_cupy * 1e3
    case["speedup_vs_cupy"] = t_cupy / t_vx


def report(results, out, name):
    """Prints the table of `results` and writes OUT/NAME.json."""
    print(f"device: {results['device']}, torch {results['torch']}")
    width = max(len(c["case"]) for c in results["cases"])
    cupy = results.get("cupy")
    print(f"CuPy {cupy['version']} (reductions: {', '.join(cupy['reduction_accelerators']) or 'cupy'})"
          if cupy else "CuPy: not installed")
    print(f"{'case':{width}} {'vortex ms':>9} {'GB/s':>7} {'of copy':>7} {'eager ms':>9} "
          f"{'compile ms':>10} {'cupy ms':>8} {'vs eager':>8} {'vs compile':>10} {'vs cupy':>8}")
    for c in results["cases"]:
        cupy_ms = f"{c['cupy_ms']:8.3f}" if "cupy_ms" in c else f"{'-':>8}"
        vs_cupy = f"{c['speedup_vs_cupy']:7.2f}x" if "cupy_ms" in c else f"{'-':>8}"
        print(f"{c['case']:{width}} {c['vortex_ms']:9.3f} {c['vortex_GBps']:7.0f} "
              f"{c['fraction_of_copy']:7.1%} {c['eager_ms']:9.3f} {c['compile_ms']:10.3f} "
              f"{cupy_ms} {c['speedup_vs_eager']:7.2f}x {c['speedup_vs_compile']:9.2f}x {vs_cupy}")
    for failed in results.get("failed", []):
        print(f"{failed}: wrong result, not timed")
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(results, f, indent=2)


def main(doc, name, run):
    """`build DIR` compiles NAME's kernels; `run DIR [OUT]` calls run(DIR, OUT)."""
    if len(sys.argv) < 3 or sys.argv[1] not in ("build", "run"):
        sys.exit(doc)
    if sys.argv[1] == "build":
        build_library(name, sys.argv[2])
    else:
        run(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else sys.argv[2])
