#!/usr/bin/env python3
"""Times Vortex's fused elementwise kernels against PyTorch on the GPU.

    utils/bench/elementwise.py build DIR     # here: compile utils/bench/elementwise.mlir into DIR
    utils/bench/elementwise.py run DIR [OUT] # on the GPU machine (PyTorch, NumPy, CuPy)

Case: silu(x) * y + z on 2^28 elements (16384 x 16384), f32 and bf16. Each
kernel is first checked against a float64 reference on fresh random inputs;
then Vortex, torch eager, torch.compile, CuPy (f32: the chain fused by
cupy.fuse; CuPy has no bfloat16) and a device-to-device copy of the same
bytes are timed in the same run: the GPU time of the kernels and
copies each call runs (CUPTI timestamps, common.device_timed), median of 30
calls after a warm-up; Vortex also with the runtime's event pairs, which
count the host's launch latency. Reported: time, GB/s moved (3 reads and 1
write), fraction of the copy's GB/s, and Vortex's speedup over each peer.
A table is printed and the full numbers go to OUT/elementwise.json.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import cupy_peer, device_timed, kernel_timed, main, report, time_cupy  # noqa: E402


def run(directory, out):
    import torch

    import vortex.runtime as vr

    lib = vr.load(os.path.join(directory, "libelementwise.so"))
    rows, cols = 16384, 16384
    results = {"device": torch.cuda.get_device_name(), "torch": torch.__version__, "cases": []}

    def swiglu(x, y, z):
        return torch.nn.functional.silu(x) * y + z

    compiled = torch.compile(swiglu, dynamic=False)
    # CuPy has no SiLU and no bfloat16: the f32 chain written with its ops
    # and fused into one kernel by cupy.fuse, its own fusion.
    cupy = cupy_peer(results)
    if cupy is not None:
        @cupy.fuse()
        def swiglu_cupy(x, y, z):
            return x / (1 + cupy.exp(-x)) * y + z
    for dtype, kernel in ((torch.float32, lib.swiglu_f32), (torch.bfloat16, lib.swiglu_bf16)):
        gen = torch.Generator(device="cuda").manual_seed(int.from_bytes(os.urandom(4), "little"))
        x, y, z = (torch.randn(rows, cols, device="cuda", dtype=dtype, generator=gen)
                   for _ in range(3))
        # Correctness against float64 first.
        got = kernel(x, y, z).to_torch()
        reference = swiglu(x.double(), y.double(), z.double())
        err = ((got.double() - reference).norm() / reference.norm()).item()
        tolerance = 1e-6 if dtype == torch.float32 else 1e-2
        assert err < tolerance, f"{dtype}: relative error {err}"
        del got
        # Buffers off 8-byte boundaries (one element in) take the scalar kernel.
        shifted = [torch.randn(1001 * 37 + 1, device="cuda", dtype=dtype)[1:].view(1001, 37)
                   for _ in range(3)]
        got = kernel(*shifted).to_torch()
        ref = swiglu(*(t.double() for t in shifted))
        err_unaligned = ((got.double() - ref).norm() / ref.norm()).item()
        assert err_unaligned < tolerance, f"{dtype} unaligned: relative error {err_unaligned}"
        del got, ref, shifted

        nbytes = 4 * rows * cols * x.element_size()
        src = torch.empty(2 * rows * cols * x.element_size() // 4, device="cuda",
                          dtype=torch.float32)
        dst = torch.empty_like(src)
        t_copy = device_timed(lambda: dst.copy_(src))
        copy_bw = 2 * src.numel() * 4 / t_copy
        del src, dst
        t_vx = device_timed(lambda: kernel(x, y, z))
        t_vx_events = kernel_timed(lambda: kernel(x, y, z))
        t_eager = device_timed(lambda: swiglu(x, y, z))
        compiled(x, y, z)
        t_compile = device_timed(lambda: compiled(x, y, z))
        case = {"case": f"silu(x)*y+z {rows}x{cols} {str(dtype).replace('torch.', '')}",
                "relative_error": err, "relative_error_unaligned": err_unaligned,
                "bytes": nbytes,
                "vortex_ms": t_vx * 1e3, "vortex_event_ms": t_vx_events * 1e3,
                "eager_ms": t_eager * 1e3,
                "compile_ms": t_compile * 1e3, "copy_ms": t_copy * 1e3,
                "vortex_GBps": nbytes / t_vx / 1e9, "copy_GBps": copy_bw / 1e9,
                "fraction_of_copy": nbytes / t_vx / copy_bw,
                "speedup_vs_eager": t_eager / t_vx, "speedup_vs_compile": t_compile / t_vx}
        if cupy is not None and dtype == torch.float32:
            xc, yc, zc = (cupy.from_dlpack(t) for t in (x, y, z))
            time_cupy(case, lambda: swiglu_cupy(xc, yc, zc), reference, tolerance, t_vx)
            del xc, yc, zc
            cupy.get_default_memory_pool().free_all_blocks()
        results["cases"].append(case)
        del x, y, z, reference
        torch.cuda.empty_cache()

    report(results, out, "elementwise")


if __name__ == "__main__":
    main(__doc__, "elementwise", run)
