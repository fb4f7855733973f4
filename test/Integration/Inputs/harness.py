"""Runs vx IR on the CPU and compares it with NumPy references.

A `Program` collects cases: each case is a function of tensor arguments whose
body a test writes, plus the expected float64 (or integer) result. `run`
lowers the whole module with `vortex-opt --vx-to-cpu`, runs it with
`mlir-runner`, parses what printMemref printed, and compares case by case
with a tolerance that depends on the element type. Inputs are constants of
the module; 16-bit floats are written as f32 and cast, so that they are
rounded to nearest even exactly as the reference rounds them.
"""

import re
import subprocess

import numpy as np

PRINTERS = {"f32": "printMemrefF32", "i32": "printMemrefI32", "i64": "printMemrefI64"}
# Relative tolerances per element type (printMemref prints 6 digits).
TOLERANCE = {"f32": 2e-5, "f64": 2e-5, "bf16": 1.6e-2, "f16": 2e-3}


def tensor_type(shape, dtype, dynamic=False):
    dims = ["?" if dynamic else str(d) for d in shape]
    return "tensor<" + "".join(d + "x" for d in dims) + dtype + ">"


def mlir_literal(values, dtype):
    """A dense literal with the nesting of `values`' shape."""
    if dtype.startswith("i"):
        scalar = lambda v: str(int(v))  # noqa: E731
    else:
        scalar = lambda v: repr(float(v))  # noqa: E731

    def nest(v):
        if isinstance(v, list):
            return "[" + ", ".join(nest(x) for x in v) + "]"
        return scalar(v)

    return "dense<" + nest(np.asarray(values).tolist()) + ">"


def parse_printed(output):
    """The arrays printed by printMemref*, in order, flattened."""
    arrays = []
    for block in output.split("Unranked Memref")[1:]:
        data = block.split("data =", 1)[1]
        numbers = re.findall(r"-?(?:nan|inf|\d+\.?\d*(?:e[-+]?\d+)?)", data)
        arrays.append(np.array([float(x) for x in numbers]))
    return arrays


class Program:
    def __init__(self):
        self.funcs = []
        self.body = []
        self.expected = []
        self.count = 0

    def _constant(self, values, dtype, dynamic):
        n = self.count
        self.count += 1
        values = np.asarray(values)
        storage = "f32" if dtype in ("bf16", "f16") else dtype
        static = tensor_type(values.shape, storage)
        self.body.append(f"    %st{n} = arith.constant {mlir_literal(values, storage)} : {static}")
        name, ty = f"%st{n}", static
        if dtype != storage:
            ty = tensor_type(values.shape, dtype)
            self.body.append(f"    %cv{n} = vx_tensor.cast {name} : {static} to {ty}")
            name = f"%cv{n}"
        if dynamic:
            dty = tensor_type(values.shape, dtype, dynamic=True)
            self.body.append(f"    %dy{n} = tensor.cast {name} : {ty} to {dty}")
            return f"%dy{n}", dty
        return name, ty

    def case(self, label, args, body, result_type, expected, dtype):
        """Adds a function of `args` ((values, dtype, dynamic) triples).

        `body(names)` returns the lines of the function body computing `%r`
        of `result_type` from the argument names. `expected` is the
        reference result and `dtype` the element type that sets the
        tolerance.
        """
        values = [self._constant(v, t, d) for v, t, d in args]
        n = len(self.funcs)
        names = [f"%a{i}" for i in range(len(values))]
        params = ", ".join(f"{nm}: {t}" for nm, (_, t) in zip(names, values))
        lines = "\n".join("    " + line for line in body(names))
        self.funcs.append(f"  func.func @case{n}({params}) -> {result_type} {{\n{lines}\n"
                          f"    return %r : {result_type}\n  }}")
        call_args = ", ".join(v for v, _ in values)
        call_types = ", ".join(t for _, t in values)
        self.body.append(f"    %r{n} = func.call @case{n}({call_args}) : ({call_types}) -> {result_type}")
        elem = result_type.rsplit("x", 1)[-1].rstrip(">") if "x" in result_type else result_type[7:-1]
        printed = "f32" if elem in ("bf16", "f16", "f64") else elem
        result, ty = f"%r{n}", result_type
        if printed != elem:
            out_ty = result_type[: -len(elem) - 1] + printed + ">"
            self.body.append(f"    %p{n} = vx_tensor.cast {result} : {ty} to {out_ty}")
            result, ty = f"%p{n}", out_ty
        self.body.append(f"    %u{n} = tensor.cast {result} : {ty} to tensor<*x{printed}>")
        self.body.append(f"    func.call @{PRINTERS[printed]}(%u{n}) : (tensor<*x{printed}>) -> ()")
        self.expected.append((label, dtype, np.asarray(expected)))

    def text(self):
        decls = "\n".join(
            f"  func.func private @{fn}(tensor<*x{t}>) attributes {{llvm.emit_c_interface}}"
            for t, fn in PRINTERS.items())
        return ("module {\n" + decls + "\n" + "\n".join(self.funcs) +
                "\n  func.func @main() {\n" + "\n".join(self.body) +
                "\n    return\n  }\n}\n")

    def run(self, opt, runner, libs, name):
        """Runs every case; prints one line per mismatch and a summary."""
        lowered = subprocess.run([opt, "--vx-to-cpu"], input=self.text(), text=True,
                                 capture_output=True)
        if lowered.returncode != 0:
            print(lowered.stderr)
            raise SystemExit("MISMATCH: vortex-opt failed")
        ran = subprocess.run([runner, "-e", "main", "-entry-point-result=void",
                              f"-shared-libs={libs}"], input=lowered.stdout, text=True,
                             capture_output=True)
        if ran.returncode != 0:
            print(ran.stderr)
            raise SystemExit("MISMATCH: mlir-runner failed")
        got = parse_printed(ran.stdout)
        if len(got) != len(self.expected):
            raise SystemExit(f"MISMATCH: {len(got)} arrays printed, {len(self.expected)} expected")
        passed = failed = 0
        for (label, dtype, want), have in zip(self.expected, got):
            want = want.astype(np.float64).reshape(-1)
            if have.shape != want.shape:
                ok = False
            elif dtype.startswith("i"):
                ok = np.array_equal(want, have)
            else:
                tol = TOLERANCE[dtype]
                scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
                ok = np.allclose(have, want, rtol=tol, atol=tol * scale)
            if ok:
                passed += 1
                continue
            failed += 1
            if have.shape != want.shape:
                print(f"MISMATCH {label}: {have.size} elements printed, {want.size} expected")
            else:
                worst = int(np.argmax(np.abs(have - want)))
                print(f"MISMATCH {label}: element {worst} got {have[worst]} want {want[worst]}")
        print(f"{name}: {passed} checks passed, {failed} failed")


def main(build, name):
    """Parses the tool paths, builds a Program with `build(rng)` from a fresh
    (or given) seed, and runs it."""
    import argparse
    import os

    parser = argparse.ArgumentParser()
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--libs", required=True)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    print(f"seed {seed}")
    build(np.random.default_rng(seed)).run(args.opt, args.runner, args.libs, name)
