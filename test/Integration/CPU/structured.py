# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils 2>&1 | FileCheck %s
# REQUIRES: numpy
# CHECK-NOT: MISMATCH
# CHECK: structured: {{[0-9]+}} checks passed, 0 failed
"""Layout ops, reductions, softmax, RMSNorm, LayerNorm and the SIMT matmul
through --vx-to-cpu and mlir-runner on fresh random inputs, static and
dynamic shapes, f32, 16-bit floats and integers, against the float64 NumPy
reference in utils/reference."""

import os
import sys

import numpy as np

here = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(here, "..", "Inputs"))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "utils", "reference"))
import harness  # noqa: E402
import tensor_ref as ref  # noqa: E402

T = harness.tensor_type


def dims_list(dims):
    return "[" + ", ".join(map(str, dims)) + "]"


def layout_cases(prog, rng):
    for dtype in ("f32", "bf16", "i32"):
        sample = (lambda s: rng.integers(-99, 99, size=s)) if dtype == "i32" else \
            (lambda s: rng.uniform(-2, 2, size=s))
        rnd = (lambda v: v) if dtype == "i32" else (lambda v: ref.round_to(v, dtype))
        # broadcast a vector over rows, static and dynamic.
        x = sample((37,))
        prog.case(f"broadcast {dtype}", [(x, dtype, False)],
                  lambda n, dtype=dtype: [f"%r = vx_tensor.broadcast {n[0]} dims [0] : {T((37,), dtype)} to {T((5, 37), dtype)}"],
                  T((5, 37), dtype), ref.broadcast(rnd(x), [0], (5, 37)), dtype)
        prog.case(f"broadcast dynamic {dtype}", [(x, dtype, True)],
                  lambda n, dtype=dtype: ["%n = arith.constant 3 : index",
                                          f"%r = vx_tensor.broadcast {n[0]} dims [1] [%n] : tensor<?x{dtype}> to tensor<?x?x{dtype}>"],
                  f"tensor<?x?x{dtype}>", ref.broadcast(rnd(x), [1], (37, 3)), dtype)
        # transposes of rank 2 and 3.
        y = sample((3, 5, 7))
        for perm in ([2, 0, 1], [1, 0, 2], [0, 2, 1]):
            shape = tuple(y.shape[p] for p in perm)
            prog.case(f"transpose {perm} {dtype}", [(y, dtype, True)],
                      lambda n, perm=perm, dtype=dtype: [f"%r = vx_tensor.transpose {n[0]} {dims_list(perm)} : tensor<?x?x?x{dtype}>"],
                      f"tensor<?x?x?x{dtype}>", np.transpose(rnd(y), perm), dtype)
        # reshapes, static and with a dynamic size.
        prog.case(f"reshape {dtype}", [(y, dtype, False)],
                  lambda n, dtype=dtype: [f"%r = vx_tensor.reshape {n[0]} : {T((3, 5, 7), dtype)} to {T((15, 7), dtype)}"],
                  T((15, 7), dtype), rnd(y).reshape(15, 7), dtype)
        prog.case(f"reshape dynamic {dtype}", [(y, dtype, True)],
                  lambda n, dtype=dtype: ["%n = arith.constant 35 : index",
                                          f"%r = vx_tensor.reshape {n[0]} [%n] : tensor<?x?x?x{dtype}> to tensor<3x?x{dtype}>"],
                  f"tensor<3x?x{dtype}>", rnd(y).reshape(3, 35), dtype)


def reduction_cases(prog, rng):
    for dtype in ("f32", "bf16", "i32"):
        for name in ("reduce_sum", "reduce_max", "reduce_min", "reduce_mean"):
            if dtype == "i32" and name == "reduce_mean":
                continue
            x = rng.integers(-50, 50, size=(4, 9, 33)) if dtype == "i32" else rng.uniform(-3, 3, size=(4, 9, 33))
            rx = x if dtype == "i32" else ref.round_to(x, dtype)
            for dims, keepdims in (([2], False), ([0, 2], True), ([1], True), ([0, 1, 2], False)):
                want = ref.reduce(name, rx, dims, keepdims)
                if dtype == "bf16":
                    want = ref.round_to(want, "bf16")
                kd = " keepdims" if keepdims else ""
                shape = [s if (d not in dims) else 1 for d, s in enumerate(x.shape) if keepdims or d not in dims]
                rtype = f"tensor<{''.join('?x' if s != 1 else '1x' for s in shape)}{dtype}>"
                prog.case(f"{name} {dims}{kd} {dtype}", [(x, dtype, True)],
                          lambda n, name=name, dims=dims, kd=kd, dtype=dtype:
                          [f"%r = vx_tensor.{name} {n[0]} dims {dims_list(dims)}{kd} : tensor<?x?x?x{dtype}>"],
                          rtype, want, dtype)


def normalization_cases(prog, rng):
    for dtype in ("f32", "bf16", "f16"):
        x = rng.normal(0, 3, size=(6, 129))
        rx = ref.round_to(x, dtype)
        for dim in (1, 0):
            prog.case(f"softmax dim {dim} {dtype}", [(x, dtype, True)],
                      lambda n, dim=dim, dtype=dtype: [f"%r = vx_tensor.softmax {n[0]} dim {dim} : tensor<?x?x{dtype}>"],
                      f"tensor<?x?x{dtype}>", ref.softmax(rx, dim), dtype)
        w = rng.uniform(0.5, 1.5, size=(129,))
        b = rng.uniform(-1, 1, size=(129,))
        rw, rb = ref.round_to(w, dtype), ref.round_to(b, dtype)
        prog.case(f"rms_norm {dtype}", [(x, dtype, True), (w, dtype, False)],
                  lambda n, dtype=dtype: [f"%r = vx_tensor.rms_norm {n[0]}, {n[1]} eps 1.0e-05 : tensor<?x?x{dtype}>, {T((129,), dtype)}"],
                  f"tensor<?x?x{dtype}>", ref.rms_norm(rx, rw, 1e-5), dtype)
        prog.case(f"layer_norm {dtype}", [(x, dtype, False), (w, dtype, False), (b, dtype, False)],
                  lambda n, dtype=dtype: [f"%r = vx_tensor.layer_norm {n[0]}, {n[1]}, {n[2]} eps 1.0e-05 : {T((6, 129), dtype)}, {T((129,), dtype)}, {T((129,), dtype)}"],
                  T((6, 129), dtype), ref.layer_norm(rx, rw, rb, 1e-5), dtype)
        # Rows whose mean is a hundred standard deviations from zero.
        xo = rng.normal(100, 1, size=(6, 129))
        rxo = ref.round_to(xo, dtype)
        prog.case(f"layer_norm offset {dtype}", [(xo, dtype, True), (w, dtype, False), (b, dtype, False)],
                  lambda n, dtype=dtype: [f"%r = vx_tensor.layer_norm {n[0]}, {n[1]}, {n[2]} eps 1.0e-05 : tensor<?x?x{dtype}>, {T((129,), dtype)}, {T((129,), dtype)}"],
                  f"tensor<?x?x{dtype}>", ref.layer_norm(rxo, rw, rb, 1e-5), dtype)


def matmul_cases(prog, rng):
    for dtype in ("f32", "bf16", "i32"):
        def sample(shape):
            if dtype == "i32":
                return rng.integers(-20, 20, size=shape)
            return rng.uniform(-1, 1, size=shape)
        rnd = (lambda v: v) if dtype == "i32" else (lambda v: ref.round_to(v, dtype))
        configs = [
            ("2-D", (13, 37), (37, 9), False, False, False),
            ("transpose_lhs", (37, 13), (37, 9), True, False, True),
            ("transpose_rhs", (13, 37), (9, 37), False, True, True),
            ("batched", (3, 5, 17), (3, 17, 6), False, False, True),
            ("shared weight", (2, 5, 17), (17, 6), False, False, False),
            ("batched both transposed", (2, 17, 5), (2, 6, 17), True, True, False),
        ]
        for label, ashape, bshape, tl, tr, dynamic in configs:
            a, b = sample(ashape), sample(bshape)
            want = ref.matmul(rnd(a), rnd(b), tl, tr)
            attrs = (" transpose_lhs" if tl else "") + (" transpose_rhs" if tr else "")
            ta, tb = T(ashape, dtype, dynamic), T(bshape, dtype, dynamic)
            rtype = T(want.shape, dtype, dynamic)
            prog.case(f"matmul {label} {dtype}", [(a, dtype, dynamic), (b, dtype, dynamic)],
                      lambda n, attrs=attrs, ta=ta, tb=tb: [f"%r = vx_tensor.matmul {n[0]}, {n[1]}{attrs} : {ta}, {tb}"],
                      rtype, want, dtype)


def build(rng):
    prog = harness.Program()
    layout_cases(prog, rng)
    reduction_cases(prog, rng)
    normalization_cases(prog, rng)
    matmul_cases(prog, rng)
    return prog


if __name__ == "__main__":
    harness.main(build, "structured")
