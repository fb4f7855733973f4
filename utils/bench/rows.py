#!/usr/bin/env python3
"""Times Vortex's row kernels (softmax, RMSNorm, row sum) against PyTorch.

    utils/bench/rows.py build DIR       # here: compile utils/bench/rows.mlir into DIR
    utils/bench/rows.py run DIR [OUT]   # on the GPU machine (PyTorch, NumPy)

2^26 elements as rows of 1024, 4096, 16384 and 65536. Each kernel is checked
against float64 first; Vortex, torch eager, torch.compile and a
device-to-device copy of the same bytes are timed in the same run as in
utils/bench/elementwise.py. GB/s counts one read of the input and one write
of the output. Full numbers go to OUT/rows.json.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import main, report, timed  # noqa: E402


def run(directory, out):
    import torch

    import vortex.runtime as vr

    lib = vr.load(os.path.join(directory, "librows.so"))
    sync = torch.cuda.synchronize
    results = {"device": torch.cuda.get_device_name(), "torch": torch.__version__, "cases": []}
    ops = {
        "softmax bf16": (torch.bfloat16, lambda x, w: torch.softmax(x, dim=-1),
                         lambda x, w: lib.softmax_bf16(x), 1e-2),
        "rms_norm bf16": (torch.bfloat16,
                          lambda x, w: torch.nn.functional.rms_norm(x, (x.shape[-1],), w, 1e-5),
                          lambda x, w: lib.rms_norm_bf16(x, w), 1e-2),
        "row sum f32": (torch.float32, lambda x, w: x.sum(dim=-1),
                        lambda x, w: lib.row_sum_f32(x), 1e-5),
    }
    for length in (1024, 4096, 16384, 65536):
        rows = (1 << 26) // length
        for name, (dtype, peer, ours, tolerance) in ops.items():
            x = torch.randn(rows, length, device="cuda", dtype=dtype)
            w = torch.rand(length, device="cuda", dtype=dtype) + 0.5
            got = ours(x, w).to_torch().double()
            ref = peer(x.double(), w.double())
            err = ((got - ref).norm() / ref.norm()).item()
            assert err < tolerance, f"{name} {rows}x{length}: relative error {err}"
            compiled = torch.compile(peer)
            compiled(x, w)
            nbytes = x.numel() * x.element_size() + ref.numel() * x.element_size()
            src = torch.empty(nbytes // 8, device="cuda", dtype=torch.float32)
            dst = torch.empty_like(src)
            t_copy = timed(lambda: dst.copy_(src), sync)
            t_vx = timed(lambda: ours(x, w), sync)
            t_eager = timed(lambda: peer(x, w), sync)
            t_compile = timed(lambda: compiled(x, w), sync)
            results["cases"].append({
                "case": f"{name} {rows}x{length}", "relative_error": err,
                "vortex_ms": t_vx * 1e3, "eager_ms": t_eager * 1e3,
                "compile_ms": t_compile * 1e3, "copy_ms": t_copy * 1e3,
                "vortex_GBps": nbytes / t_vx / 1e9,
                "fraction_of_copy": t_copy / t_vx,
                "speedup_vs_eager": t_eager / t_vx, "speedup_vs_compile": t_compile / t_vx})
            del x, w, got, ref, src, dst
            torch.cuda.empty_cache()
    report(results, out, "rows")


if __name__ == "__main__":
    main(__doc__, "rows", run)
