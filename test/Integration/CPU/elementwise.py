# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils 2>&1 | FileCheck %s
# REQUIRES: numpy
# CHECK-NOT: MISMATCH
# CHECK: elementwise: {{[0-9]+}} checks passed, 0 failed
"""Every elementwise vx.tensor op through --vx-to-cpu and mlir-runner on
fresh random inputs, static and dynamic shapes whose sizes are not multiples
of anything convenient, against the float64 NumPy reference in
utils/reference."""

import os
import sys

import numpy as np

here = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(here, "..", "Inputs"))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "utils", "reference"))
import harness  # noqa: E402
import tensor_ref as ref  # noqa: E402


def build(rng):
    prog = harness.Program()
    shapes = [((3, 37), True), ((257,), False), ((5, 1, 13), True)]
    for dtype in ("f32", "bf16", "f16", "f64"):
        for shape, dynamic in shapes:
            ty = harness.tensor_type(shape, dtype, dynamic)
            a = rng.uniform(-3.0, 3.0, size=shape)
            b = rng.uniform(0.5, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
            pos = rng.uniform(0.05, 4.0, size=shape)
            ra, rb, rp = (ref.round_to(v, dtype) for v in (a, b, pos))
            for name, fn in ref.FLOAT_BINARY.items():
                prog.case(f"{name} {dtype} {shape}", [(a, dtype, dynamic), (b, dtype, dynamic)],
                          lambda n, name=name, ty=ty: [f"%r = vx_tensor.{name} {n[0]}, {n[1]} : {ty}"],
                          ty, fn(ra, rb), dtype)
            for name, fn in ref.FLOAT_UNARY.items():
                positive = name in ("log", "sqrt", "rsqrt")
                op, attrs = ("gelu", " tanh") if name == "gelu_tanh" else (name, "")
                prog.case(f"{name} {dtype} {shape}", [(pos if positive else a, dtype, dynamic)],
                          lambda n, op=op, attrs=attrs, ty=ty: [f"%r = vx_tensor.{op} {n[0]}{attrs} : {ty}"],
                          ty, fn(rp if positive else ra), dtype)
    for dtype in ("i32", "i64"):
        for shape, dynamic in shapes:
            ty = harness.tensor_type(shape, dtype, dynamic)
            a = rng.integers(-1000, 1000, size=shape)
            b = rng.integers(1, 50, size=shape) * rng.choice([-1, 1], size=shape)
            for name, fn in ref.INT_BINARY.items():
                prog.case(f"{name} {dtype} {shape}", [(a, dtype, dynamic), (b, dtype, dynamic)],
                          lambda n, name=name, ty=ty: [f"%r = vx_tensor.{name} {n[0]}, {n[1]} : {ty}"],
                          ty, fn(a, b), dtype)
            for name, fn in ref.INT_UNARY.items():
                prog.case(f"{name} {dtype} {shape}", [(a, dtype, dynamic)],
                          lambda n, name=name, ty=ty: [f"%r = vx_tensor.{name} {n[0]} : {ty}"],
                          ty, fn(a), dtype)
    return prog


if __name__ == "__main__":
    harness.main(build, "elementwise")
