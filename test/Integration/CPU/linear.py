# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils 2>&1 | FileCheck %s
# REQUIRES: numpy
# CHECK-NOT: MISMATCH
# CHECK: linear: {{[0-9]+}} checks passed, 0 failed
"""vx_tensor.linear (x · wᵀ + bias) through --vx-to-cpu and mlir-runner on
fresh random inputs of sizes that are no multiple of any tile, static and
dynamic, with and without bias, over 1, 2 and 3 dimensions of x, in bf16,
f16 and f32 (16-bit inputs accumulate in f32 and round once), against a
float64 NumPy reference."""

import os
import sys

import numpy as np

here = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(here, "..", "Inputs"))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "utils", "reference"))
import harness  # noqa: E402
import tensor_ref as ref  # noqa: E402

T = harness.tensor_type


def linear_reference(x, w, b):
    """x · wᵀ (+ b) in float64 over the last dimension of x."""
    y = np.tensordot(x, w, axes=([-1], [1]))
    return y if b is None else y + b


def build(rng):
    prog = harness.Program()
    configs = [
        # (label, x shape, N, bias, dynamic)
        ("2-D", (13, 37), 9, True, False),
        ("2-D dynamic", (70, 129), 67, True, True),
        ("2-D no bias", (33, 40), 17, False, False),
        ("3-D", (2, 5, 19), 11, True, False),
        ("3-D dynamic no bias", (3, 7, 24), 5, False, True),
        ("1-D", (29,), 6, True, False),
        ("1-D dynamic", (31,), 3, True, True),
    ]
    for dtype in ("bf16", "f16", "f32"):
        for label, xshape, n, has_bias, dynamic in configs:
            k = xshape[-1]
            x = rng.uniform(-1, 1, size=xshape)
            w = rng.uniform(-1, 1, size=(n, k))
            b = rng.uniform(-1, 1, size=(n,)) if has_bias else None
            rx, rw = ref.round_to(x, dtype), ref.round_to(w, dtype)
            rb = None if b is None else ref.round_to(b, dtype)
            want = linear_reference(rx, rw, rb)
            args = [(x, dtype, dynamic), (w, dtype, dynamic)]
            types = [T(xshape, dtype, dynamic), T((n, k), dtype, dynamic)]
            if has_bias:
                args.append((b, dtype, dynamic))
                types.append(T((n,), dtype, dynamic))
            prog.case(f"linear {label} {dtype}", args,
                      lambda names, types=types: [
                          f"%r = vx_tensor.linear {', '.join(names)} : {', '.join(types)}"],
                      T(want.shape, dtype, dynamic), want, dtype)
    return prog


if __name__ == "__main__":
    harness.main(build, "linear")
