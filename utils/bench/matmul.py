#!/usr/bin/env python3
"""Checks and times Vortex's Hopper matmuls (vx-gpu-matmul-tensorcore)
against PyTorch (cuBLAS), and tunes their tile configurations.

    utils/bench/matmul.py build DIR [CACHE]  # here: compile utils/bench/matmul.mlir
                                           # (and the tuning variants) into DIR; with
                                           # a tuning cache, also its tuned kernels
    utils/bench/matmul.py run DIR [OUT]    # on the GPU machine (PyTorch, NumPy)
    utils/bench/matmul.py tune DIR [OUT]   # on the GPU machine: time every tuning
                                           # variant, write OUT/matmul-cache.txt
    utils/bench/matmul.py decode DIR [OUT] # on the GPU machine: decode shapes as
                                           # fractions of copy, interleaved rounds

`run` first checks every function against a float64 reference on fresh
random inputs (relative Frobenius error below 1e-2, the bf16 tolerance):
shapes that are not multiples of the tile, operands whose sizes TMA cannot
describe (the SIMT fallback), both transposes, batched and shared-weight
batched products, f16, and every fused epilogue (bias, bias+gelu,
bias+relu, silu, residual add, cast to f32); and the f32 functions, which
`build` compiles with matmul-tf32, below 2e-3 (tf32 operands). It then times, in the same run,
Vortex (the runtime's CUDA events around its launches) and torch.matmul in
bf16 at 4096^3, 8192^3 and M in {1, 16, 128, 4096} x K = 4096 x N in
{4096, 11008, 14336}; tf32 at 4096^3 (A B and A Bᵀ) against torch.matmul
in f32 with allow_tf32; the fused linear + bias + gelu against torch's unfused
x @ w.T + b, gelu; and torch.compile(mode="max-autotune") at 4096^3 unless
VX_NO_COMPILE is set. It reports TFLOP/s, the ratio to cuBLAS and, for
M <= 16, the fraction of a device-to-device copy of the same bytes; when
DIR holds libmatmul_tuned.so (build with a CACHE), the tuned kernels are
checked and timed beside the cost model's. Full numbers go to
OUT/matmul.json.

`build` also compiles matmul.mlir for chip=sm_80 (PTX, which the H100's
driver compiles at load time) into libmatmul_sm80.so: the kernels of
vx-gpu-matmul-mma-sync. `run` checks them on the same cases and times them
against cuBLAS at 4096^3, 8192^3 and the fused linear + bias + gelu
(results under "sm80" in OUT/matmul.json). VX_NO_TUNE_BUILD=1 makes
`build` skip the tuning variants.

`build` also compiles the whole of matmul.mlir once per configuration in
VARIANT_CONFIGS (`matmul-config=...`, every function forced onto it) into
libmatmul_vCONFIG.so; `compare DIR [OUT]` (on the GPU machine) runs `run`'s
checks on libmatmul.so and on every libmatmul_v*.so in DIR (also ones built
by hand with utils/build_kernel_library.sh, e.g. from another compiler
build), then times them and cuBLAS at
4096^3, 4096 x {11008, 14336} x 4096 and 8192^3 in ROUNDS interleaved rounds
(results in OUT/matmul-compare.json): schedules compared in one run, where
the noise between runs is several percent.

`tune` times each configuration in TUNE_CONFIGS on the row classes that the
compiler distinguishes (M <= 16, M <= 64, M <= 512, more) and writes the fastest per
class as `sm_90a CLASS CONFIG` lines; point VORTEX_MATMUL_CACHE (or
vx-to-gpu's matmul-cache option) at the file on the next compile.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import ROOT, gpu_timed, kernel_timed  # noqa: E402

TUNE_CONFIGS = ["128x256s4", "128x256s3", "128x192s4", "128x128s6", "64x256s5",
                "64x128s8", "64x128s8w0", "64x128s8w8", "64x128s6", "64x64s12",
                "64x64s16a16", "64x128s11a16"]
# Whole-module variants that `compare` checks and times against the default.
VARIANT_CONFIGS = ["128x256s4", "64x256s4p", "128x256s4c2"]
ROUNDS = 3
TUNE_SHAPES = [(4096, 4096), (11008, 4096), (14336, 4096), (8192, 8192)]
# Representative M of each row class (kRowClasses in GpuMatmulTensorCore.cpp)
# and the class's M bucket.
TUNE_ROWS = [(16, "16"), (64, "64"), (128, "512"), (4096, "dyn")]


def tune_module():
    lines = []
    for n, k in TUNE_SHAPES:
        a, b, c = f"tensor<?x{k}xbf16>", f"tensor<{k}x{n}xbf16>", f"tensor<?x{n}xbf16>"
        lines += [f"func.func @mm_k{k}_n{n}(%a: {a}, %b: {b}) -> {c} {{",
                  f"  %r = vx_tensor.matmul %a, %b : {a}, {b}",
                  f"  return %r : {c}", "}"]
    return "\n".join(lines) + "\n"


def build(directory, cache=None):
    script = os.path.join(ROOT, "utils", "build_kernel_library.sh")
    source = os.path.join(ROOT, "utils", "bench", "matmul.mlir")
    # The cost model's kernels; with a tuning cache, also the tuned ones.
    env = {k: v for k, v in os.environ.items() if k != "VORTEX_MATMUL_CACHE"}
    # matmul-tf32 puts the f32 functions on tensor cores; the 16-bit ones
    # do not depend on it.
    subprocess.run([script, source, directory, "matmul", "format=bin matmul-tf32=1"], check=True,
                   env=env)
    # The mma.sync kernels for sm_80-class chips, as PTX.
    subprocess.run([script, source, directory, "matmul_sm80",
                    "chip=sm_80 features=+ptx70 format=isa"], check=True, env=env)
    for config in VARIANT_CONFIGS:
        subprocess.run([script, source, directory, f"matmul_v{config}",
                        f"format=bin matmul-tf32=1 matmul-config={config}"], check=True, env=env)
    if os.environ.get("VX_NO_TUNE_BUILD"):
        return
    if cache:
        subprocess.run([script, source, directory, "matmul_tuned",
                        f"format=bin matmul-tf32=1 matmul-cache={os.path.abspath(cache)}"],
                       check=True, env=env)
    os.makedirs(directory, exist_ok=True)
    source = os.path.join(directory, "matmul_tune.mlir")
    with open(source, "w") as f:
        f.write(tune_module())
    for config in TUNE_CONFIGS:
        subprocess.run([script, source, directory, f"matmul_{config}",
                        f"format=bin matmul-config={config}"], check=True, env=env)


def bucket(v):
    p = 1
    while p < v:
        p *= 2
    return str(p)


def mismatch_summary(got, want):
    """Where a result is wrong: how many elements, which rows and columns."""
    import torch

    got = got.double()
    bad = ~(torch.isclose(got, want, rtol=2e-2, atol=2e-2 * want.abs().mean().item()))
    rows = bad.any(dim=1).nonzero().flatten()
    cols = bad.any(dim=0).nonzero().flatten()
    if rows.numel() == 0:
        return "no element off"
    r0, c0 = rows[0].item(), cols[0].item()
    return (f"{bad.sum().item()} of {bad.numel()} off ({got.isnan().sum().item()} NaN), "
            f"rows {rows.numel()} in [{r0}, {rows[-1].item()}], "
            f"columns {cols.numel()} in [{c0}, {cols[-1].item()}], "
            f"got {got[r0, c0].item():.4g} want {want[r0, c0].item():.4g}")


def relative_error(got, want):
    return ((got.double() - want).norm() / want.norm().clamp_min(1e-30)).item()


def check(lib, torch, vr, np):
    """Every function on shapes that exercise tails, fallbacks and epilogues;
    returns the failures."""
    F = torch.nn.functional
    g = torch.Generator(device="cuda").manual_seed(int.from_bytes(os.urandom(4), "little"))

    def rand(*shape, dtype=torch.bfloat16):
        return (torch.rand(*shape, device="cuda", generator=g, dtype=torch.float32) * 2 - 1).to(dtype)

    def poison(shape, element):
        # Results come from the runtime's block cache: leave NaNs there.
        block = vr.from_host(np.full(shape, np.nan), element)
        del block

    cases = []
    # (name, function, make inputs, float64 reference, output element[,
    # tolerance])
    for (m, n, k) in ((300, 264, 136), (1, 520, 4096), (16, 1000, 2048), (129, 136, 64),
                      (4096, 256, 512), (13, 37, 9)):
        cases.append((f"mm_nn {m}x{n}x{k}", "mm_nn_bf16", (lambda m=m, n=n, k=k: (rand(m, k), rand(k, n))),
                      lambda a, b: a @ b, "bf16"))
    cases.append(("mm_nn f16 300x264x136", "mm_nn_f16",
                  lambda: (rand(300, 136, dtype=torch.float16), rand(136, 264, dtype=torch.float16)),
                  lambda a, b: a @ b, "f16"))
    for (m, n, k) in ((200, 264, 136), (8, 72, 4104), (13, 37, 9)):
        cases.append((f"mm_tn {m}x{n}x{k}", "mm_tn_bf16", (lambda m=m, n=n, k=k: (rand(k, m), rand(k, n))),
                      lambda a, b: a.T @ b, "bf16"))
        cases.append((f"mm_nt {m}x{n}x{k}", "mm_nt_bf16", (lambda m=m, n=n, k=k: (rand(m, k), rand(n, k))),
                      lambda a, b: a @ b.T, "bf16"))
        cases.append((f"mm_tt {m}x{n}x{k}", "mm_tt_bf16", (lambda m=m, n=n, k=k: (rand(k, m), rand(n, k))),
                      lambda a, b: a.T @ b.T, "bf16"))
    # 3 x 200 x 264: tiles inside the result leave through the batched (3-D)
    # TMA store.
    for (bs, m, n, k) in ((3, 100, 72, 80), (3, 200, 264, 80)):
        cases.append((f"bmm {bs}x{m}x{n}x{k}", "bmm_bf16",
                      lambda bs=bs, m=m, n=n, k=k: (rand(bs, m, k), rand(bs, k, n)),
                      lambda a, b: a @ b, "bf16"))
    cases.append(("bmm shared nt 2x70x136x64", "bmm_shared_nt_bf16",
                  lambda: (rand(2, 70, 64), rand(136, 64)), lambda a, b: a @ b.T, "bf16"))
    for (m, n, k) in ((300, 264, 136), (16, 1000, 4096)):
        shape = f" {m}x{n}x{k}"
        x = lambda m=m, k=k: rand(m, k)
        w = lambda n=n, k=k: rand(n, k)
        cases.append(("linear_bias" + shape, "linear_bias", lambda x=x, w=w, n=n: (x(), w(), rand(n)),
                      lambda x, w, b: x @ w.T + b, "bf16"))
        cases.append(("linear_bias_gelu" + shape, "linear_bias_gelu",
                      lambda x=x, w=w, n=n: (x(), w(), rand(n)), lambda x, w, b: F.gelu(x @ w.T + b), "bf16"))
        cases.append(("linear_bias_relu" + shape, "linear_bias_relu",
                      lambda x=x, w=w, n=n: (x(), w(), rand(n)), lambda x, w, b: F.relu(x @ w.T + b), "bf16"))
        cases.append(("linear_silu" + shape, "linear_silu", lambda x=x, w=w: (x(), w()),
                      lambda x, w: F.silu(x @ w.T), "bf16"))
        cases.append(("linear_residual" + shape, "linear_residual",
                      lambda x=x, w=w, m=m, n=n: (x(), w(), rand(m, n)), lambda x, w, r: x @ w.T + r, "bf16"))
        cases.append(("linear_f32" + shape, "linear_f32", lambda x=x, w=w: (x(), w()),
                      lambda x, w: (x @ w.T).to(torch.bfloat16).double(), "f32"))
    # f32 functions run with tf32 operands (10-bit mantissas, truncated):
    # about 7e-4 on these inputs. 13x37x9 cannot use TMA (K % 4): SIMT, f32.
    tf32 = 2e-3
    f32 = torch.float32
    for (m, n, k) in ((300, 264, 136), (1, 520, 4096), (129, 136, 64), (13, 37, 9)):
        cases.append((f"tf32 mm_nn {m}x{n}x{k}", "mm_nn_f32",
                      (lambda m=m, n=n, k=k: (rand(m, k, dtype=f32), rand(k, n, dtype=f32))),
                      lambda a, b: a @ b, "f32", tf32))
    for (m, n, k) in ((300, 264, 136), (16, 1000, 4096)):
        cases.append((f"tf32 mm_nt {m}x{n}x{k}", "mm_nt_f32",
                      (lambda m=m, n=n, k=k: (rand(m, k, dtype=f32), rand(n, k, dtype=f32))),
                      lambda a, b: a @ b.T, "f32", tf32))
        cases.append((f"tf32 linear_bias_gelu {m}x{n}x{k}", "linear_bias_gelu_f32",
                      (lambda m=m, n=n, k=k: (rand(m, k, dtype=f32), rand(n, k, dtype=f32),
                                              rand(n, dtype=f32))),
                      lambda x, w, b: F.gelu(x @ w.T + b), "f32", tf32))
    cases.append(("tf32 mm_tn 200x264x136", "mm_tn_f32",
                  lambda: (rand(136, 200, dtype=f32), rand(136, 264, dtype=f32)),
                  lambda a, b: a.T @ b, "f32", tf32))
    cases.append(("tf32 bmm 3x100x72x80", "bmm_f32",
                  lambda: (rand(3, 100, 80, dtype=f32), rand(3, 80, 72, dtype=f32)),
                  lambda a, b: a @ b, "f32", tf32))
    failed, rows = [], []
    for name, function, make, reference, element, *tolerance in cases:
        limit = tolerance[0] if tolerance else 1e-2
        inputs = make()
        # Vortex launches on its own streams: let torch's writes finish.
        torch.cuda.synchronize()
        want = reference(*[t.double() for t in inputs])
        poison(tuple(want.shape), element)
        got = getattr(lib, function)(*inputs).to_torch()
        err = relative_error(got, want)
        ok = err < limit and not torch.isnan(got.double()).any().item()
        rows.append({"case": name, "relative_error": err, "ok": ok})
        print(f"check {name:36} relative error {err:.2e} {'ok' if ok else 'MISMATCH'}")
        if not ok:
            failed.append(name)
    return failed, rows


def run(directory, out):
    import numpy as np
    import torch

    import vortex.runtime as vr

    lib = vr.load(os.path.join(directory, "libmatmul.so"))
    tuned_path = os.path.join(directory, "libmatmul_tuned.so")
    tuned = vr.load(tuned_path) if os.path.exists(tuned_path) else None
    results = {"device": torch.cuda.get_device_name(), "torch": torch.__version__}
    failed, checks = check(lib, torch, vr, np)
    results["checks"], results["failed"] = checks, failed
    F = torch.nn.functional
    cases = []

    def rand(*shape):
        return torch.randn(*shape, device="cuda", dtype=torch.bfloat16)

    def copy_time(nbytes):
        src = torch.empty(nbytes // 8, device="cuda", dtype=torch.float32)
        dst = torch.empty_like(src)
        return gpu_timed(lambda: dst.copy_(src))

    shapes = [(4096, 4096, 4096), (8192, 8192, 8192)]
    shapes += [(m, n, 4096) for m in (1, 16, 128, 4096) for n in (4096, 11008, 14336)]
    for m, n, k in shapes:
        name = f"mm_k{k}_n{n}"
        a, b = rand(m, k), rand(k, n)
        torch.cuda.synchronize()
        got = getattr(lib, name)(a, b).to_torch()
        err = relative_error(got, a.double() @ b.double())
        if not err < 1e-2:
            print(f"MISMATCH {name} M={m}: relative error {err}")
            failed.append(f"{name} M={m}")
            continue
        t_vx = kernel_timed(lambda: getattr(lib, name)(a, b), repeat=20)
        t_cublas = gpu_timed(lambda: torch.matmul(a, b), repeat=20)
        flops = 2.0 * m * n * k
        case = {"case": f"matmul {m}x{n}x{k}", "relative_error": err,
                "vortex_ms": t_vx * 1e3, "cublas_ms": t_cublas * 1e3,
                "vortex_TFLOPs": flops / t_vx / 1e12, "cublas_TFLOPs": flops / t_cublas / 1e12,
                "ratio_to_cublas": t_cublas / t_vx}
        if tuned is not None:
            fn = getattr(tuned, name)
            if relative_error(fn(a, b).to_torch(), a.double() @ b.double()) < 1e-2:
                t_tuned = kernel_timed(lambda: fn(a, b), repeat=20)
                case["tuned_ms"] = t_tuned * 1e3
                case["tuned_ratio_to_cublas"] = t_cublas / t_tuned
            else:
                failed.append(f"tuned {name} M={m}")
        if m <= 16:
            nbytes = 2 * (m * k + k * n + m * n)
            t_copy = copy_time(nbytes)
            case["copy_ms"] = t_copy * 1e3
            case["fraction_of_copy"] = t_copy / t_vx
            case["cublas_fraction_of_copy"] = t_copy / t_cublas
            if "tuned_ms" in case:
                case["tuned_fraction_of_copy"] = t_copy / (case["tuned_ms"] / 1e3)
        cases.append(case)
        print(describe(case), flush=True)
        del a, b, got
        torch.cuda.empty_cache()

    # tf32 at 4096^3 against cuBLAS in f32 with allow_tf32, A B (with its
    # transposing copy of B, timed with the kernel) and A Bᵀ.
    allow = torch.backends.cuda.matmul.allow_tf32
    torch.backends.cuda.matmul.allow_tf32 = True
    for name, transposed in (("mm_k4096_n4096_f32", False), ("mm_nt_k4096_n4096_f32", True)):
        m = n = k = 4096
        a = torch.randn(m, k, device="cuda", dtype=torch.float32)
        b = torch.randn(n, k, device="cuda", dtype=torch.float32) if transposed else \
            torch.randn(k, n, device="cuda", dtype=torch.float32)
        torch.cuda.synchronize()
        want = a.double() @ (b.double().T if transposed else b.double())
        err = relative_error(getattr(lib, name)(a, b).to_torch(), want)
        if not err < 2e-3:
            print(f"MISMATCH {name}: relative error {err}")
            failed.append(name)
            continue
        t_vx = kernel_timed(lambda: getattr(lib, name)(a, b), repeat=20)
        t_cublas = gpu_timed(lambda: torch.matmul(a, b.T if transposed else b), repeat=20)
        flops = 2.0 * m * n * k
        case = {"case": f"tf32 matmul 4096^3{' (A Bt)' if transposed else ''}", "relative_error": err,
                "vortex_ms": t_vx * 1e3, "cublas_ms": t_cublas * 1e3,
                "vortex_TFLOPs": flops / t_vx / 1e12, "cublas_TFLOPs": flops / t_cublas / 1e12,
                "ratio_to_cublas": t_cublas / t_vx}
        cases.append(case)
        print(describe(case), flush=True)
        del a, b
    torch.backends.cuda.matmul.allow_tf32 = allow

    # Fused linear + bias + gelu against torch's unfused sequence.
    for m in (16, 4096):
        x, w, bias = rand(m, 4096), rand(4096, 4096), rand(4096)
        torch.cuda.synchronize()
        fused = lambda: lib.linear_bias_gelu_k4096_n4096(x, w, bias)
        got = fused().to_torch()
        want = F.gelu(x.double() @ w.double().T + bias.double())
        err = relative_error(got, want)
        if not err < 1e-2:
            failed.append(f"linear_bias_gelu M={m}")
            continue
        t_vx = kernel_timed(fused, repeat=20)
        t_torch = gpu_timed(lambda: F.gelu(x @ w.T + bias), repeat=20)
        flops = 2.0 * m * 4096 * 4096
        cases.append({"case": f"linear+bias+gelu {m}x4096x4096", "relative_error": err,
                      "vortex_ms": t_vx * 1e3, "torch_unfused_ms": t_torch * 1e3,
                      "vortex_TFLOPs": flops / t_vx / 1e12,
                      "ratio_to_torch_unfused": t_torch / t_vx})

    sm80_path = os.path.join(directory, "libmatmul_sm80.so")
    if os.path.exists(sm80_path):
        results["sm80"] = run_sm80(vr.load(sm80_path), torch, vr, np, failed)

    if not os.environ.get("VX_NO_COMPILE"):
        try:
            a, b = rand(4096, 4096), rand(4096, 4096)
            torch.cuda.synchronize()
            compiled = torch.compile(lambda a, b: torch.matmul(a, b), mode="max-autotune")
            compiled(a, b)
            t_compile = gpu_timed(lambda: compiled(a, b), repeat=20)
            t_vx = kernel_timed(lambda: lib.mm_k4096_n4096(a, b), repeat=20)
            flops = 2.0 * 4096 ** 3
            cases.append({"case": "matmul 4096^3 vs torch.compile max-autotune",
                          "vortex_ms": t_vx * 1e3, "compile_ms": t_compile * 1e3,
                          "compile_TFLOPs": flops / t_compile / 1e12,
                          "ratio_to_compile": t_compile / t_vx})
        except Exception as e:  # noqa: BLE001 - report, do not lose the run
            print(f"torch.compile max-autotune did not run: {e}")
            results["compile_error"] = str(e)

    results["cases"] = cases
    print(f"device: {results['device']}, torch {results['torch']}")
    for c in cases:
        print(describe(c))
    for name in failed:
        print(f"{name}: wrong result")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "matmul.json"), "w") as f:
        json.dump(results, f, indent=2)


def run_sm80(lib, torch, vr, np, failed):
    """The mma.sync kernels (chip=sm_80): the checks of the Hopper kernels,
    then bf16 4096^3 and 8192^3 and the fused linear + bias + gelu at
    4096^3 against cuBLAS in the same run."""
    F = torch.nn.functional
    print("sm_80 kernels (vx-gpu-matmul-mma-sync, PTX):")
    sm80_failed, checks = check(lib, torch, vr, np)
    failed += [f"sm_80 {name}" for name in sm80_failed]
    cases = []
    for m, n, k in ((4096, 4096, 4096), (8192, 8192, 8192)):
        name = f"mm_k{k}_n{n}"
        a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
        b = torch.randn(k, n, device="cuda", dtype=torch.bfloat16)
        torch.cuda.synchronize()
        fn = getattr(lib, name)
        err = relative_error(fn(a, b).to_torch(), a.double() @ b.double())
        if not err < 1e-2:
            failed.append(f"sm_80 {name} M={m}")
            continue
        t_vx = kernel_timed(lambda: fn(a, b), repeat=20)
        t_cublas = gpu_timed(lambda: torch.matmul(a, b), repeat=20)
        flops = 2.0 * m * n * k
        cases.append({"case": f"sm_80 matmul {m}x{n}x{k}", "relative_error": err,
                      "vortex_ms": t_vx * 1e3, "cublas_ms": t_cublas * 1e3,
                      "vortex_TFLOPs": flops / t_vx / 1e12,
                      "cublas_TFLOPs": flops / t_cublas / 1e12,
                      "ratio_to_cublas": t_cublas / t_vx})
        print(describe(cases[-1]), flush=True)
        del a, b
        torch.cuda.empty_cache()
    x = torch.randn(4096, 4096, device="cuda", dtype=torch.bfloat16)
    w = torch.randn(4096, 4096, device="cuda", dtype=torch.bfloat16)
    bias = torch.randn(4096, device="cuda", dtype=torch.bfloat16)
    torch.cuda.synchronize()
    fused = lambda: lib.linear_bias_gelu_k4096_n4096(x, w, bias)  # noqa: E731
    err = relative_error(fused().to_torch(), F.gelu(x.double() @ w.double().T + bias.double()))
    if err < 1e-2:
        t_vx = kernel_timed(fused, repeat=20)
        t_torch = gpu_timed(lambda: F.gelu(x @ w.T + bias), repeat=20)
        cases.append({"case": "sm_80 linear+bias+gelu 4096x4096x4096", "relative_error": err,
                      "vortex_ms": t_vx * 1e3, "torch_unfused_ms": t_torch * 1e3,
                      "vortex_TFLOPs": 2.0 * 4096 ** 3 / t_vx / 1e12,
                      "ratio_to_torch_unfused": t_torch / t_vx})
        print(describe(cases[-1]), flush=True)
    else:
        failed.append("sm_80 linear_bias_gelu M=4096")
    return {"checks": checks, "failed": sm80_failed, "cases": cases}


def describe(c):
    extra = "".join(f" {key}={c[key]:.3f}" for key in
                    ("ratio_to_cublas", "fraction_of_copy", "cublas_fraction_of_copy",
                     "tuned_ratio_to_cublas", "tuned_fraction_of_copy",
                     "ratio_to_torch_unfused", "ratio_to_compile", "compile_TFLOPs")
                    if key in c)
    return (f"{c['case']:44} vortex {c['vortex_ms']:8.3f} ms {c.get('vortex_TFLOPs', 0):7.1f} TF/s"
            + (f" cublas {c['cublas_TFLOPs']:7.1f} TF/s" if "cublas_TFLOPs" in c else "") + extra)


def compare(directory, out):
    """Checks libmatmul.so and every libmatmul_vCONFIG.so, then times them
    against cuBLAS in interleaved rounds."""
    import torch

    import vortex.runtime as vr

    libs = {"default": vr.load(os.path.join(directory, "libmatmul.so"))}
    for name in sorted(os.listdir(directory)):
        if name.startswith("libmatmul_v") and name.endswith(".so"):
            libs[name[len("libmatmul_v"):-3]] = vr.load(os.path.join(directory, name))
    results = {"device": torch.cuda.get_device_name(), "torch": torch.__version__,
               "checks": {}, "failed": [], "times": []}
    usable = {}
    for name, lib in libs.items():
        print(f"== checks of {name}", flush=True)
        failed, rows = check(lib, torch, vr, __import__("numpy"))
        results["checks"][name] = rows
        results["failed"] += [f"{name}: {f}" for f in failed]
        if not failed:
            usable[name] = lib
    shapes = [(4096, 4096, 4096), (4096, 11008, 4096), (4096, 14336, 4096), (8192, 8192, 8192)]
    for r in range(ROUNDS):
        for m, n, k in shapes:
            fname = f"mm_k{k}_n{n}"
            a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
            b = torch.randn(k, n, device="cuda", dtype=torch.bfloat16)
            torch.cuda.synchronize()
            want = a.double() @ b.double()
            flops = 2.0 * m * n * k
            t_cublas = gpu_timed(lambda: torch.matmul(a, b), repeat=20)
            row = {"round": r, "shape": f"{m}x{n}x{k}", "cublas_TFLOPs": flops / t_cublas / 1e12}
            for name, lib in usable.items():
                fn = getattr(lib, fname)
                err = relative_error(fn(a, b).to_torch(), want)
                if not err < 1e-2:
                    results["failed"].append(f"{name}: {fname} M={m} error {err}")
                    continue
                t = kernel_timed(lambda: fn(a, b), repeat=20)
                row[name] = flops / t / 1e12
            # cuBLAS again after the variants: its drift within the round.
            t_cublas2 = gpu_timed(lambda: torch.matmul(a, b), repeat=20)
            row["cublas2_TFLOPs"] = flops / t_cublas2 / 1e12
            base = max(row["cublas_TFLOPs"], row["cublas2_TFLOPs"])
            print(f"round {r} {row['shape']:>16} cuBLAS {row['cublas_TFLOPs']:6.1f}/"
                  f"{row['cublas2_TFLOPs']:6.1f} " +
                  " ".join(f"{name} {row[name]:6.1f} ({row[name] / base:.3f}x)"
                           for name in usable if name in row), flush=True)
            results["times"].append(row)
            del a, b, want
            torch.cuda.empty_cache()
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "matmul-compare.json"), "w") as f:
        json.dump(results, f, indent=1)
    print("FAILED: " + ", ".join(results["failed"]) if results["failed"] else "all checks passed")
    if results["failed"]:
        sys.exit(1)


def decode(directory, out):
    """Decode shapes (M = 1 and 16, K = 4096) as fractions of a copy of the
    same bytes, with a cold L2: before every timed call a 512 MiB buffer is
    written, so neither the copy nor a matmul finds its operands in L2 from
    the previous repetition (as in a model, where each layer has its own
    weight; a warm copy of tens of MiB moves by 20% or more between runs).
    Interleaved rounds (the copy, cuBLAS, Vortex, 10 calls each); prints and
    writes the median of the per-round fractions."""
    import statistics

    import torch

    import vortex.runtime as vr

    lib = vr.load(os.path.join(directory, "libmatmul.so"))
    rounds = int(os.environ.get("ROUNDS", "9"))
    results = {"device": torch.cuda.get_device_name(), "torch": torch.__version__,
               "rounds": rounds, "cases": []}
    scrub = torch.empty(512 << 20, device="cuda", dtype=torch.uint8)

    def cold(fn, vortex=False, repeat=10):
        times = []
        for _ in range(repeat + 1):
            scrub.fill_(1)
            torch.cuda.synchronize()
            if vortex:
                with vr.Profile() as profile:
                    fn()
                times.append(profile.milliseconds / 1e3)
            else:
                start = torch.cuda.Event(enable_timing=True)
                end = torch.cuda.Event(enable_timing=True)
                start.record()
                fn()
                end.record()
                torch.cuda.synchronize()
                times.append(start.elapsed_time(end) / 1e3)
        return statistics.median(times[1:])

    def copy_time(nbytes):
        src = torch.empty(nbytes // 8, device="cuda", dtype=torch.float32)
        dst = torch.empty_like(src)
        return cold(lambda: dst.copy_(src))

    for m in (1, 16):
        for n in (4096, 11008, 14336):
            k = 4096
            a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
            b = torch.randn(k, n, device="cuda", dtype=torch.bfloat16)
            torch.cuda.synchronize()
            fn = getattr(lib, f"mm_k{k}_n{n}")
            err = relative_error(fn(a, b).to_torch(), a.double() @ b.double())
            nbytes = 2 * (m * k + k * n + m * n)
            ours, peer = [], []
            for _ in range(rounds):
                c = copy_time(nbytes)
                peer.append(c / cold(lambda: torch.matmul(a, b)))
                ours.append(c / cold(lambda: fn(a, b), vortex=True))
            case = {"shape": f"{m}x{n}x{k}", "relative_error": err,
                    "fraction_of_copy": statistics.median(ours),
                    "fraction_range": [min(ours), max(ours)],
                    "cublas_fraction_of_copy": statistics.median(peer)}
            results["cases"].append(case)
            print(f"decode {case['shape']:>14} of copy {case['fraction_of_copy']:.3f} "
                  f"[{min(ours):.2f}-{max(ours):.2f}] cuBLAS {case['cublas_fraction_of_copy']:.3f} "
                  f"error {err:.1e}", flush=True)
            if not err < 1e-2:
                sys.exit(f"decode {case['shape']}: wrong result ({err})")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "matmul-decode.json"), "w") as f:
        json.dump(results, f, indent=1)


def tune(directory, out):
    import torch

    import vortex.runtime as vr

    timings = {}
    for config in TUNE_CONFIGS:
        lib = vr.load(os.path.join(directory, f"libmatmul_{config}.so"))
        for n, k in TUNE_SHAPES:
            for m, rows in TUNE_ROWS:
                a = torch.randn(m, k, device="cuda", dtype=torch.bfloat16)
                b = torch.randn(k, n, device="cuda", dtype=torch.bfloat16)
                fn = getattr(lib, f"mm_k{k}_n{n}")
                torch.cuda.synchronize()
                got = fn(a, b).to_torch()
                want = a.double() @ b.double()
                if not relative_error(got, want) < 1e-2:
                    print(f"{config} M={m} N={n} K={k}: wrong result, skipped; "
                          + mismatch_summary(got, want))
                    continue
                t = kernel_timed(lambda: fn(a, b), repeat=10)
                key = f"m{rows}-n{bucket(n)}-k{bucket(k)}"
                per_config = timings.setdefault(key, {})
                per_config[config] = per_config.get(config, 0.0) + t
                print(f"{config:10} M={m:5} N={n:5} K={k:5} {t * 1e3:8.3f} ms")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "matmul-cache.txt")
    with open(path, "w") as f:
        f.write(f"# vx-gpu-matmul-tensorcore tuning cache, {torch.cuda.get_device_name()}\n")
        for key, per_config in sorted(timings.items()):
            # Shapes of one class: the least total time.
            best = min(per_config, key=per_config.get)
            f.write(f"sm_90a {key} {best}\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("build", "run", "tune", "compare", "decode"):
        sys.exit(__doc__)
    target = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
    {"build": lambda: build(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None),
     "run": lambda: run(sys.argv[2], target),
     "tune": lambda: tune(sys.argv[2], target),
     "compare": lambda: compare(sys.argv[2], target),
     "decode": lambda: decode(sys.argv[2], target)}[sys.argv[1]]()
