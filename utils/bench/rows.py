#!/usr/bin/env python3
"""Times Vortex's row kernels (softmax, RMSNorm, LayerNorm, row sum and max,
in bf16 and f32) against PyTorch.

    utils/bench/rows.py build DIR       # here: compile utils/bench/rows.mlir into DIR
    utils/bench/rows.py run DIR [OUT]   # on the GPU machine (PyTorch, NumPy, CuPy)

2^26 elements as rows of 1024, 4096, 16384, 32768 and 65536. Each kernel is checked
against float64 first; Vortex, torch eager, torch.compile and a
device-to-device copy of the same bytes are timed in the same run, and
CuPy where it has the op (f32 softmax, row sums and maxima): the GPU
time of the kernels each call runs (CUPTI timestamps, common.device_timed),
median of 30 calls; torch.compile specialized to each shape (dynamic=False,
compiled afresh per case); Vortex also with the runtime's event pairs, as before.
GB/s counts one read of the input and one write of the output. Full numbers
go to OUT/rows.json. ROWS_LENGTHS=32768,65536 times only those row lengths.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import cupy_peer, device_timed, kernel_timed, main, report, time_cupy  # noqa: E402


def run(directory, out):
    import numpy as np
    import torch

    import vortex.runtime as vr

    lib = vr.load(os.path.join(directory, "librows.so"))
    results = {"device": torch.cuda.get_device_name(), "torch": torch.__version__, "cases": []}
    F = torch.nn.functional
    ops = {}
    for tname, dtype, tolerance in (("bf16", torch.bfloat16, 1e-2), ("f32", torch.float32, 1e-5)):
        ops[f"softmax {tname}"] = (dtype, lambda x, w, b: torch.softmax(x, dim=-1),
                                   lambda x, w, b, t=tname: getattr(lib, f"softmax_{t}")(x), tolerance)
        ops[f"rms_norm {tname}"] = (dtype, lambda x, w, b: F.rms_norm(x, (x.shape[-1],), w, 1e-5),
                                    lambda x, w, b, t=tname: getattr(lib, f"rms_norm_{t}")(x, w), tolerance)
        ops[f"layer_norm {tname}"] = (dtype, lambda x, w, b: F.layer_norm(x, (x.shape[-1],), w, b, 1e-5),
                                      lambda x, w, b, t=tname: getattr(lib, f"layer_norm_{t}")(x, w, b),
                                      tolerance)
        ops[f"row sum {tname}"] = (dtype, lambda x, w, b: x.sum(dim=-1),
                                   lambda x, w, b, t=tname: getattr(lib, f"row_sum_{t}")(x), tolerance)
        ops[f"row max {tname}"] = (dtype, lambda x, w, b: x.amax(dim=-1),
                                   lambda x, w, b, t=tname: getattr(lib, f"row_max_{t}")(x), tolerance)
    # CuPy has softmax (cupyx.scipy.special), row sums and maxima, but no
    # RMSNorm or LayerNorm, and no bfloat16.
    cupy = cupy_peer(results)
    cupy_ops = {}
    if cupy is not None:
        import cupyx.scipy.special

        cupy_ops = {"softmax f32": lambda x: cupyx.scipy.special.softmax(x, axis=-1),
                    "row sum f32": lambda x: cupy.sum(x, axis=-1),
                    "row max f32": lambda x: cupy.max(x, axis=-1)}
    lengths = (1024, 4096, 16384, 32768, 65536)
    if os.environ.get("ROWS_LENGTHS"):
        lengths = tuple(int(n) for n in os.environ["ROWS_LENGTHS"].split(","))
    for length in lengths:
        rows = (1 << 26) // length
        for name, (dtype, peer, ours, tolerance) in ops.items():
            x = torch.randn(rows, length, device="cuda", dtype=dtype)
            w = torch.rand(length, device="cuda", dtype=dtype) + 0.5
            b = torch.rand(length, device="cuda", dtype=dtype) - 0.5
            # The output block comes from the runtime's cache: poison it.
            out_shape = (rows,) if "row" in name else (rows, length)
            poison = vr.from_host(np.full(out_shape, np.nan), name.split()[-1])
            del poison
            got = ours(x, w, b).to_torch().double()
            ref = peer(x.double(), w.double(), b.double())
            err = ((got - ref).norm() / ref.norm()).item()
            if not err < tolerance:
                print(f"MISMATCH {name} {rows}x{length}: relative error {err}")
                results["failed"] = results.get("failed", []) + [f"{name} {rows}x{length}"]
                continue
            # A fresh torch.compile specialized to this shape: the lambdas
            # are shared by every row length, and a recompilation for a
            # second shape would otherwise make dynamo compile a kernel
            # generic in the sizes (slower: f32 RMSNorm of 4096 took 193 us
            # against 178 us specialized).
            torch._dynamo.reset()
            compiled = torch.compile(peer, dynamic=False)
            compiled(x, w, b)
            nbytes = x.numel() * x.element_size() + ref.numel() * x.element_size()
            src = torch.empty(nbytes // 8, device="cuda", dtype=torch.float32)
            dst = torch.empty_like(src)
            t_copy = device_timed(lambda: dst.copy_(src))
            t_vx = device_timed(lambda: ours(x, w, b))
            t_eager = device_timed(lambda: peer(x, w, b))
            t_compile = device_timed(lambda: compiled(x, w, b))
            # The runtime's event pair around each launch, for comparison
            # with earlier tables (it includes the host's launch latency).
            t_vx_events = kernel_timed(lambda: ours(x, w, b))
            case = {
                "case": f"{name} {rows}x{length}", "relative_error": err,
                "vortex_ms": t_vx * 1e3, "vortex_event_ms": t_vx_events * 1e3, "eager_ms": t_eager * 1e3,
                "compile_ms": t_compile * 1e3, "copy_ms": t_copy * 1e3,
                "vortex_GBps": nbytes / t_vx / 1e9,
                "fraction_of_copy": t_copy / t_vx,
                "speedup_vs_eager": t_eager / t_vx, "speedup_vs_compile": t_compile / t_vx}
            if name in cupy_ops:
                xc = cupy.from_dlpack(x)
                time_cupy(case, lambda: cupy_ops[name](xc), ref, tolerance, t_vx)
                del xc
            results["cases"].append(case)
            del x, w, b, got, ref, src, dst
            torch.cuda.empty_cache()
            if cupy is not None:
                cupy.get_default_memory_pool().free_all_blocks()
    report(results, out, "rows")


if __name__ == "__main__":
    main(__doc__, "rows", run)
