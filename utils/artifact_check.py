#!/usr/bin/env python3
"""Kernel artifacts on a GPU: every op kind and the examples, checked against
float64 NumPy references, and the launch path timed against kernel libraries.

    utils/artifact_check.py build DIR [SETS]  # here (needs the build): artifacts,
                                             # libraries, cases, runtime, python/
    utils/artifact_check.py run DIR          # on the GPU machine: needs only Python,
                                             # NumPy, PyTorch and DIR

`build` compiles with `vortex-translate --vx-kernel-artifact`:
- DIR/kernels.vxk.gz: the cases of the CPU integration tests (every elementwise
  op, layout ops, reductions, softmax, norms, matmul, static and dynamic
  shapes, all element types) and the long rows of
  test/Integration/Inputs/row_cases.py, drawn from a fresh seed, as
  utils/gpu_check.py draws them (SETS: a comma-separated subset of
  elementwise, structured, rows);
- DIR/elementwise.vxk, DIR/rows.vxk and DIR/matmul.vxk.gz:
  examples/elementwise.mlir, utils/bench/rows.mlir and
  utils/bench/matmul.mlir (tensor-core matmuls: TMA descriptors, wgmma), and
  the same as kernel libraries (utils/build_kernel_library.sh) for the
  timing;
examples/artifact.c and the C test of artifacts (test/Runtime/artifact-api.c)
linked against the runtime, and copies libvortex_runtime.so and
python/vortex (with the references) so that DIR is all the GPU machine
needs.

`run` runs the two C programs (the C API on the GPU: loads, calls on a
stream, events, launches by hand, bad images, unknown kernels, launch
failures), then checks every case and example function from Python
(vortex.runtime.load_artifact) against its reference, then times softmax,
RMSNorm and SwiGLU on 4096 x 4096 through the artifact and through the
kernel library: the kernels' GPU time (CUDA events around each launch) and
the wall-clock time of a call (host overhead included; a small softmax shows
the overhead alone). It prints a table,
writes DIR/artifact_check.json, and exits 1 on any mismatch.
"""

import gzip
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.environ.get("BUILD_DIR", os.path.join(ROOT, "build"))
EXAMPLES = {"elementwise": os.path.join(ROOT, "examples", "elementwise.mlir"),
            "rows": os.path.join(ROOT, "utils", "bench", "rows.mlir"),
            "matmul": os.path.join(ROOT, "utils", "bench", "matmul.mlir")}
# Programs of the C API, run with DIR/elementwise.vxk.
C_PROGRAMS = {"artifact-example": "examples/artifact.c",
              "artifact-api-test": "test/Runtime/artifact-api.c"}


def translate(module, out):
    subprocess.run([os.path.join(BUILD, "bin", "vortex-translate"), "--vx-kernel-artifact",
                    module, "-o", out], check=True)


# Large artifacts are mostly PTX text: compressed, they travel in a tenth of
# the room (the folder must stay under 60 MiB).
COMPRESSED = ("kernels", "matmul")


def compress(path):
    with open(path, "rb") as f, gzip.open(path + ".gz", "wb") as out:
        shutil.copyfileobj(f, out)
    os.remove(path)


def load(vr, directory, name):
    path = os.path.join(directory, name + ".vxk")
    if name not in COMPRESSED:
        return vr.load_artifact(path)
    with gzip.open(path + ".gz", "rb") as f:
        return vr.load_artifact(data=f.read())


def build(directory, sets):
    import numpy as np

    for path in ("python", "test/Integration/Inputs", "test/Integration/CPU",
                 "utils/reference"):
        sys.path.insert(0, os.path.join(ROOT, path))
    import elementwise
    import harness
    import row_cases
    import structured

    os.makedirs(directory, exist_ok=True)
    seed = int.from_bytes(os.urandom(4), "little")
    rng = np.random.default_rng(seed)
    program = harness.Program()
    builders = {"elementwise": elementwise.build, "structured": structured.build,
                "rows": row_cases.build}
    for make in (builders[name] for name in sets):
        part = make(rng)
        program.funcs += [f.replace(f"@case{i}(", f"@case{i + len(program.expected)}(", 1)
                          for i, f in enumerate(part.funcs)]
        program.expected += part.expected
        program.inputs += part.inputs
    program.export(directory)
    translate(os.path.join(directory, "kernels.mlir"), os.path.join(directory, "kernels.vxk"))
    compress(os.path.join(directory, "kernels.vxk"))
    os.remove(os.path.join(directory, "kernels.mlir"))
    for name, module in EXAMPLES.items():
        translate(module, os.path.join(directory, name + ".vxk"))
        if name in COMPRESSED:
            compress(os.path.join(directory, name + ".vxk"))
        subprocess.run([os.path.join(ROOT, "utils", "build_kernel_library.sh"), module,
                        directory, name], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(BUILD, "lib", "libvortex_runtime.so"), directory)
    for binary, source in C_PROGRAMS.items():
        subprocess.run(["cc", "-std=c11", "-O2", "-I" + os.path.join(ROOT, "include"),
                        os.path.join(ROOT, source), "-L" + directory, "-lvortex_runtime",
                        "-Wl,-rpath,$ORIGIN", "-lm", "-o", os.path.join(directory, binary)],
                       check=True)
    for package, source in (("vortex", os.path.join(ROOT, "python", "vortex")),
                            ("reference", os.path.join(ROOT, "utils", "reference")),
                            ("harness", os.path.join(ROOT, "test", "Integration", "Inputs")),
                            ("bench", os.path.join(ROOT, "utils", "bench"))):
        target = os.path.join(directory, "python", package)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(__file__, directory)
    print(f"seed {seed}: {len(program.expected)} cases and the examples in {directory}")


def check_examples(vr, modules, np, ref):
    """The examples' functions on awkward and dynamic sizes, against float64
    references. Returns the number of failures."""
    rng = np.random.default_rng()
    failures = 0

    def report(label, got, want, tolerance):
        nonlocal failures
        error = float(np.max(np.abs(got - want) / (1 + np.abs(want)))) if want.size else 0.0
        ok = error <= tolerance
        failures += not ok
        print(f"{'ok' if ok else 'MISMATCH'}: {label}: max relative error {error:.2e}")

    ew = modules["elementwise"]
    for shape in ((1, 1), (3, 5), (37, 1003), (256, 4096)):
        x, y, z = (rng.uniform(-4, 4, shape) for _ in range(3))
        got = ew.swiglu_residual(x, y, z).numpy()
        f32 = [ref.round_to(v, "f32") for v in (x, y, z)]
        report(f"swiglu_residual {shape}", got, ref.silu(f32[0]) * f32[1] + f32[2], 1e-5)
    g = rng.uniform(-4, 4, (4, 1000))
    report("gelu_bf16", ew.gelu_bf16(g).numpy(), ref.gelu(ref.round_to_bf16(g), tanh=True), 1e-2)
    x = rng.integers(-100, 100, 1001)
    got = ew.clamp_i32(x, np.full(1001, -10), np.full(1001, 20)).numpy()
    report("clamp_i32", got.astype(np.float64), np.clip(x, -10, 20).astype(np.float64), 0)

    rows = modules["rows"]
    for n in (1, 100, 1000, 1024, 4097, 16384, 65536, 70001):
        x = rng.standard_normal((3, n))
        w, b = rng.standard_normal(n), rng.standard_normal(n)
        for element, tolerance in (("f32", 1e-4), ("bf16", 2e-2)):
            xr, wr, br = (ref.round_to(v, element) for v in (x, w, b))
            arrays = [vr.from_host(v, element) for v in (x, w, b)]
            report(f"softmax_{element} 3x{n}", getattr(rows, f"softmax_{element}")(arrays[0])
                   .numpy(), ref.softmax(xr, 1), tolerance)
            report(f"rms_norm_{element} 3x{n}", getattr(rows, f"rms_norm_{element}")(
                *arrays[:2]).numpy(), ref.rms_norm(xr, wr, 1e-5), tolerance)
            report(f"layer_norm_{element} 3x{n}", getattr(rows, f"layer_norm_{element}")(
                *arrays).numpy(), ref.layer_norm(xr, wr, br, 1e-5), tolerance)
            report(f"row_max_{element} 3x{n}", getattr(rows, f"row_max_{element}")(arrays[0])
                   .numpy(), xr.max(1), tolerance)
    mm = modules["matmul"]
    for m, n, k in ((1, 8, 8), (100, 72, 136), (257, 513, 320), (1024, 1024, 1024)):
        a, b = rng.uniform(-1, 1, (m, k)), rng.uniform(-1, 1, (k, n))
        ar, br = ref.round_to_bf16(a), ref.round_to_bf16(b)
        report(f"mm_nn_bf16 {m}x{n}x{k}", mm.mm_nn_bf16(a, b).numpy(), ar @ br, 2e-2)
        report(f"mm_nt_bf16 {m}x{n}x{k}", mm.mm_nt_bf16(a, b.T.copy()).numpy(), ar @ br, 2e-2)
        bias = rng.uniform(-1, 1, n)
        want = ref.gelu(ar @ br + ref.round_to_bf16(bias))
        report(f"linear_bias_gelu {m}x{n}x{k}", mm.linear_bias_gelu(a, b.T.copy(), bias).numpy(),
               want, 3e-2)
    return failures


def timings(vr, modules, libraries):
    """GPU and wall-clock time of a call through the artifact and through the
    kernel library, on the same PyTorch inputs."""
    import torch

    from common import kernel_timed, timed

    def wall(fn):
        return timed(fn, torch.cuda.synchronize, repeat=50)

    n = 4096
    x = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
    w = torch.randn(n, device="cuda", dtype=torch.bfloat16)
    a, b, c = (torch.randn(n, n, device="cuda") for _ in range(3))
    small = torch.randn(8, 1024, device="cuda", dtype=torch.bfloat16)
    p, q = (torch.randn(4096, 4096, device="cuda", dtype=torch.bfloat16) for _ in range(2))
    cases = [("softmax_bf16 8x1024 (overhead)", "rows", "softmax_bf16", (small,)),
             ("mm_nn_bf16 4096^3", "matmul", "mm_nn_bf16", (p, q)),
             ("softmax_bf16 4096x4096", "rows", "softmax_bf16", (x,)),
             ("rms_norm_bf16 4096x4096", "rows", "rms_norm_bf16", (x, w)),
             ("swiglu_residual f32 4096x4096", "elementwise", "swiglu_residual", (a, b, c))]
    rows = []
    for label, module, function, args in cases:
        artifact = getattr(modules[module], function)
        library = getattr(libraries[module], function)
        same = torch.equal(artifact(*args).to_torch(), library(*args).to_torch())
        row = {"case": label, "same_result": same,
               "artifact_gpu_us": kernel_timed(lambda: artifact(*args)) * 1e6,
               "library_gpu_us": kernel_timed(lambda: library(*args)) * 1e6,
               "artifact_call_us": wall(lambda: artifact(*args)) * 1e6,
               "library_call_us": wall(lambda: library(*args)) * 1e6}
        rows.append(row)
    print(f"{'case':32} {'artifact GPU us':>15} {'library GPU us':>14} {'artifact call us':>16} "
          f"{'library call us':>15} {'same':>5}")
    for r in rows:
        print(f"{r['case']:32} {r['artifact_gpu_us']:15.1f} {r['library_gpu_us']:14.1f} "
              f"{r['artifact_call_us']:16.1f} {r['library_call_us']:15.1f} "
              f"{str(r['same_result']):>5}")
    return rows


def run(directory):
    sys.path[:0] = [os.path.join(directory, "python", p)
                    for p in ("", "reference", "harness", "bench")]
    os.environ.setdefault("VORTEX_RUNTIME_LIB",
                          os.path.join(os.path.abspath(directory), "libvortex_runtime.so"))
    import numpy as np

    import harness
    import tensor_ref
    import vortex.runtime as vr

    print(f"device: {vr.device_name()}")
    failures = 0
    for program in C_PROGRAMS:
        ran = subprocess.run([os.path.join(directory, program),
                              os.path.join(directory, "elementwise.vxk")],
                             capture_output=True, text=True)
        print(ran.stdout.strip().splitlines()[-1] if ran.stdout.strip() else "", end=" ")
        print(f"({program}, exit {ran.returncode})")
        if ran.returncode:
            print(ran.stdout + ran.stderr)
            failures += 1
    kernels = load(vr, directory, "kernels")
    data = np.load(os.path.join(directory, "cases.npz"))
    with open(os.path.join(directory, "cases.json")) as f:
        meta = json.load(f)

    def results():
        for n, case in enumerate(meta):
            inputs = [vr.from_host(data[f"in{n}_{i}"], element)
                      for i, element in enumerate(case["inputs"])]
            out = getattr(kernels, f"case{n}")(*inputs)
            yield case["label"], case["dtype"], data[f"want{n}"], out.numpy()

    failures += harness.compare_all(results(), "artifact")
    modules = {name: load(vr, directory, name) for name in EXAMPLES}
    failures += check_examples(vr, modules, np, tensor_ref)
    libraries = {name: vr.load(os.path.join(directory, f"lib{name}.so")) for name in EXAMPLES}
    rows = timings(vr, modules, libraries)
    failures += sum(not r["same_result"] for r in rows)
    with open(os.path.join(directory, "artifact_check.json"), "w") as f:
        json.dump({"device": vr.device_name(), "failures": failures, "timings": rows}, f,
                  indent=2)
    print(f"{failures} failure(s)")
    return failures


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("build", "run"):
        sys.exit(__doc__)
    mode, directory = sys.argv[1:3]
    if mode == "build":
        sets = sys.argv[3].split(",") if len(sys.argv) == 4 else ["elementwise", "structured",
                                                                   "rows"]
        build(directory, sets)
    else:
        sys.exit(1 if run(directory) else 0)


if __name__ == "__main__":
    main()
