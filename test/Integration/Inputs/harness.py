"""Runs vx IR on the CPU and compares it with NumPy references.

A `Program` collects cases: each case is a function of tensor arguments whose
body a test writes, plus the expected float64 (or integer) result. `run`
lowers the whole module with `vortex-opt --vx-to-cpu`, runs it with
`mlir-runner`, parses what printMemref printed, and compares case by case
with a tolerance that depends on the element type. Inputs are constants of
the module; 16-bit floats are written as f32 and cast. The reference rounds
f16 inputs from float64 in one step, so they are rounded to f16 before they
are written (f64 -> f32 -> f16 can differ from f64 -> f16 when a value lies
within an f32 ulp of an f16 halfway point); bf16 inputs are rounded through
f32 by both the cast and the reference.
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


def exact_input(values, dtype):
    """`values` with f16 ones rounded to f16 (as the reference rounds them),
    so that the f32 constant and its cast are exact; others unchanged."""
    if dtype == "f16":
        return np.asarray(values, dtype=np.float16).astype(np.float64)
    return values


class Program:
    def __init__(self):
        self.funcs = []
        self.body = []
        self.expected = []
        self.inputs = []
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
        args = [(exact_input(v, t), t, d) for v, t, d in args]
        values = [self._constant(v, t, d) for v, t, d in args]
        self.inputs.append([(np.asarray(v), t) for v, t, _ in args])
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

    def kernels_text(self):
        """The case functions alone, for a kernel library."""
        return "\n".join(self.funcs) + "\n"

    def export(self, directory):
        """Writes kernels.mlir, and inputs and expected results to cases.npz
        with their labels and types in cases.json, for check_on_gpu."""
        import json
        import os

        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "kernels.mlir"), "w") as f:
            f.write(self.kernels_text())
        arrays, meta = {}, []
        def narrow(values, element):
            # Single precision holds every input and reference of a
            # 32- or 16-bit float case to its tolerance, in half the bytes.
            if element in ("f32", "bf16", "f16") and values.dtype == np.float64:
                return values.astype(np.float32)
            return values

        for n, ((label, dtype, want), inputs) in enumerate(zip(self.expected, self.inputs)):
            arrays[f"want{n}"] = narrow(want, dtype)
            for i, (values, element) in enumerate(inputs):
                arrays[f"in{n}_{i}"] = narrow(values, element)
            meta.append({"label": label, "dtype": dtype,
                         "inputs": [element for _, element in inputs]})
        np.savez_compressed(os.path.join(directory, "cases.npz"), **arrays)
        with open(os.path.join(directory, "cases.json"), "w") as f:
            json.dump(meta, f)

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
        compare_all(((label, dtype, want, have)
                     for (label, dtype, want), have in zip(self.expected, got)), name)


def compare(label, dtype, want, have):
    """Whether `have` matches the reference `want` within the tolerance of
    `dtype`; prints a MISMATCH line naming the worst element otherwise."""
    want = np.asarray(want, dtype=np.float64).reshape(-1)
    have = np.asarray(have, dtype=np.float64).reshape(-1)
    if have.shape != want.shape:
        print(f"MISMATCH {label}: {have.size} elements computed, {want.size} expected")
        return False
    if dtype.startswith("i"):
        ok = np.array_equal(want, have)
    else:
        tol = TOLERANCE[dtype]
        scale = max(1.0, float(np.max(np.abs(want)))) if want.size else 1.0
        ok = np.allclose(have, want, rtol=tol, atol=tol * scale)
    if not ok:
        worst = int(np.nanargmax(np.abs(have - want))) if not np.isnan(have).any() else \
            int(np.argmax(np.isnan(have)))
        print(f"MISMATCH {label}: element {worst} got {have[worst]} want {want[worst]}")
    return ok


def compare_all(results, name):
    passed = failed = 0
    for label, dtype, want, have in results:
        if compare(label, dtype, want, have):
            passed += 1
        else:
            failed += 1
    print(f"{name}: {passed} checks passed, {failed} failed")
    return failed


def check_on_gpu(directory, name):
    """Runs the cases that `Program.export` wrote to `directory`, compiled
    into libkernels.so there, through vortex.runtime, against their
    references. Returns the number of failures."""
    import json
    import os

    import vortex.runtime as vr

    library = vr.load(os.path.join(directory, "libkernels.so"))
    data = np.load(os.path.join(directory, "cases.npz"))
    with open(os.path.join(directory, "cases.json")) as f:
        meta = json.load(f)
    print(f"device: {vr.device_name()}")

    def results():
        for n, case in enumerate(meta):
            inputs = [vr.from_host(data[f"in{n}_{i}"], element)
                      for i, element in enumerate(case["inputs"])]
            out = getattr(library, f"case{n}")(*inputs)
            yield case["label"], case["dtype"], data[f"want{n}"], out.numpy()

    return compare_all(results(), name)


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
