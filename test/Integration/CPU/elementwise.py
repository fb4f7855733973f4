# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils 2>&1 | FileCheck %s
# REQUIRES: numpy
# CHECK-NOT: MISMATCH
# CHECK: elementwise: {{[0-9]+}} checks passed, 0 failed
"""Runs every elementwise vx.tensor op through --vx-to-cpu and mlir-runner on
fresh random inputs, static and dynamic shapes whose sizes are not multiples
of anything convenient, and compares against the float64 NumPy reference in
utils/reference."""

import argparse
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "utils", "reference"))
import tensor_ref as ref  # noqa: E402

PRINTERS = {"f32": "printMemrefF32", "i32": "printMemrefI32", "i64": "printMemrefI64"}
TOLERANCE = {"f32": 2e-5, "f64": 2e-5, "bf16": 1.6e-2, "f16": 2e-3}


def mlir_literal(values, dtype):
    """A dense literal with the nesting of `values`' shape."""
    scalar = (lambda v: str(int(v))) if dtype.startswith("i") else (lambda v: repr(float(v)))

    def nest(v):
        if isinstance(v, list):
            return "[" + ", ".join(nest(x) for x in v) + "]"
        return scalar(v)

    return "dense<" + nest(values.tolist()) + ">"


class Program:
    """One module: each case computes in its own function, main prints all."""

    def __init__(self):
        self.funcs = []
        self.body = []
        self.expected = []
        self.count = 0

    def constant(self, values, dtype, shape, dynamic):
        """Emits a constant of `dtype` (16-bit floats are cast from f32)."""
        n = self.count
        self.count += 1
        storage = "f32" if dtype in ("bf16", "f16") else dtype
        static = f"tensor<{'x'.join(map(str, shape))}x{storage}>"
        self.body.append(f"    %st{n} = arith.constant {mlir_literal(values, storage)} : {static}")
        name = f"%st{n}"
        if dtype != storage:
            self.body.append(f"    %cv{n} = vx_tensor.cast {name} : {static} to {static.replace(storage, dtype)}")
            name = f"%cv{n}"
        ty = f"tensor<{'x'.join(map(str, shape))}x{dtype}>"
        if dynamic:
            dty = f"tensor<{'x'.join('?' for _ in shape)}x{dtype}>"
            self.body.append(f"    %dy{n} = tensor.cast {name} : {ty} to {dty}")
            return f"%dy{n}", dty
        return name, ty

    def case(self, label, op, operands, dtype, shape, dynamic, reference, attrs=""):
        """Adds `op` on `operands` (NumPy arrays) and the expected result."""
        values = [self.constant(v, dtype, shape, dynamic) for v in operands]
        n = len(self.funcs)
        args = ", ".join(f"%a{i}: {t}" for i, (_, t) in enumerate(values))
        ty = values[0][1]
        operand_list = ", ".join(f"%a{i}" for i in range(len(values)))
        self.funcs.append(
            f"  func.func @case{n}({args}) -> {ty} {{\n"
            f"    %r = vx_tensor.{op} {operand_list}{attrs} : {ty}\n"
            f"    return %r : {ty}\n  }}")
        call_args = ", ".join(v for v, _ in values)
        call_types = ", ".join(t for _, t in values)
        self.body.append(f"    %r{n} = func.call @case{n}({call_args}) : ({call_types}) -> {ty}")
        printed = "f32" if dtype in ("bf16", "f16", "f64") else dtype
        result = f"%r{n}"
        if printed != dtype:
            out_ty = ty.replace(dtype, printed)
            self.body.append(f"    %p{n} = vx_tensor.cast {result} : {ty} to {out_ty}")
            result, ty = f"%p{n}", out_ty
        self.body.append(f"    %u{n} = tensor.cast {result} : {ty} to tensor<*x{printed}>")
        self.body.append(f"    func.call @{PRINTERS[printed]}(%u{n}) : (tensor<*x{printed}>) -> ()")
        self.expected.append((label, dtype, reference))

    def text(self):
        decls = "\n".join(
            f"  func.func private @{fn}(tensor<*x{t}>) attributes {{llvm.emit_c_interface}}"
            for t, fn in PRINTERS.items())
        return ("module {\n" + decls + "\n" + "\n".join(self.funcs) +
                "\n  func.func @main() {\n" + "\n".join(self.body) +
                "\n    return\n  }\n}\n")


def parse_printed(output):
    """The arrays printed by printMemref*, in order, flattened."""
    arrays = []
    for block in output.split("Unranked Memref")[1:]:
        data = block.split("data =", 1)[1]
        numbers = re.findall(r"-?(?:nan|inf|\d+\.?\d*(?:e[-+]?\d+)?)", data)
        arrays.append(np.array([float(x) for x in numbers]))
    return arrays


def build(rng):
    prog = Program()
    shapes = [((3, 37), True), ((257,), False), ((5, 1, 13), True)]
    for dtype in ("f32", "bf16", "f16", "f64"):
        for shape, dynamic in shapes:
            a = rng.uniform(-3.0, 3.0, size=shape)
            b = rng.uniform(0.5, 3.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
            pos = rng.uniform(0.05, 4.0, size=shape)
            ra, rb, rp = (ref.round_to(v, dtype) for v in (a, b, pos))
            for name, fn in ref.FLOAT_BINARY.items():
                prog.case(f"{name} {dtype} {shape}", name, [a, b], dtype, shape, dynamic, fn(ra, rb))
            for name, fn in ref.FLOAT_UNARY.items():
                src = rp if name in ("log", "sqrt", "rsqrt") else ra
                op, attrs = ("gelu", " tanh") if name == "gelu_tanh" else (name, "")
                prog.case(f"{name} {dtype} {shape}", op, [pos if src is rp else a], dtype, shape,
                          dynamic, fn(src), attrs)
    for dtype in ("i32", "i64"):
        for shape, dynamic in shapes:
            a = rng.integers(-1000, 1000, size=shape)
            b = rng.integers(1, 50, size=shape) * rng.choice([-1, 1], size=shape)
            for name, fn in ref.INT_BINARY.items():
                prog.case(f"{name} {dtype} {shape}", name, [a, b], dtype, shape, dynamic, fn(a, b))
            for name, fn in ref.INT_UNARY.items():
                prog.case(f"{name} {dtype} {shape}", name, [a], dtype, shape, dynamic, fn(a))
    return prog


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--libs", required=True)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    print(f"seed {seed}")
    prog = build(np.random.default_rng(seed))
    lowered = subprocess.run([args.opt, "--vx-to-cpu"], input=prog.text(), text=True,
                             capture_output=True)
    if lowered.returncode != 0:
        print(lowered.stderr)
        sys.exit("MISMATCH: vortex-opt failed")
    ran = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          f"-shared-libs={args.libs}"], input=lowered.stdout, text=True,
                         capture_output=True)
    if ran.returncode != 0:
        print(ran.stderr)
        sys.exit("MISMATCH: mlir-runner failed")
    got = parse_printed(ran.stdout)
    if len(got) != len(prog.expected):
        sys.exit(f"MISMATCH: {len(got)} arrays printed, {len(prog.expected)} expected")
    passed = failed = 0
    for (label, dtype, want), have in zip(prog.expected, got):
        want = np.asarray(want, dtype=np.float64).reshape(-1)
        if dtype.startswith("i"):
            ok = np.array_equal(want, have)
        else:
            # printMemref prints 6 significant digits.
            tol = max(TOLERANCE[dtype], 1e-5)
            ok = np.allclose(have, want, rtol=tol, atol=tol)
        if ok:
            passed += 1
        else:
            failed += 1
            worst = int(np.argmax(np.abs(have - want)))
            print(f"MISMATCH {label}: element {worst} got {have[worst]} want {want[worst]}")
    print(f"elementwise: {passed} checks passed, {failed} failed")


if __name__ == "__main__":
    main()
