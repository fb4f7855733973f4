# RUN: %python %s --translate vortex-translate --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils 2>&1 | FileCheck %s
# REQUIRES: numpy
# CHECK-NOT: MISMATCH
# CHECK: e2e-cpu: {{[0-9]+}} checks passed, 0 failed
"""Runs the kernels of Inputs/e2e.vx on the CPU: `vortex-translate
--import-vx`, then a driver that calls each kernel on random inputs, through
`vortex-opt --vx-to-cpu` and `mlir-runner`. Results are compared with
float64 NumPy references (floats) and exact Python integers (integers)."""

import argparse
import math
import os
import re
import subprocess
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "Integration", "Inputs"))
import harness  # noqa: E402

PRINTERS = {"f32": "printMemrefF32", "i32": "printMemrefI32", "i64": "printMemrefI64"}


def signatures(module):
    """Parameter and result types of each public function of `module`."""
    sigs = {}
    for m in re.finditer(r"func\.func @(\w+)\((.*?)\)(?: -> (\S+))? \{", module):
        params = [p.split(": ", 1)[1] for p in m.group(2).split(", %")] if m.group(2) else []
        sigs[m.group(1)] = (params, m.group(3))
    return sigs


def element(ty):
    return ty.rsplit("x", 1)[-1].rstrip(">") if ty.startswith("tensor") else ty


def static_type(values, ty):
    return harness.tensor_type(np.asarray(values).shape, element(ty))


class Driver:
    def __init__(self, sigs):
        self.sigs = sigs
        self.lines = []
        self.expected = []
        self.n = 0

    def value(self, v, ty):
        n = self.n
        self.n += 1
        if not ty.startswith("tensor"):
            literal = repr(float(v)) if ty.startswith("f") else str(int(v))
            self.lines.append(f"%v{n} = arith.constant {literal} : {ty}")
            return f"%v{n}"
        static = static_type(v, ty)
        self.lines.append(f"%s{n} = arith.constant {harness.mlir_literal(v, element(ty))} : {static}")
        if static == ty:
            return f"%s{n}"
        self.lines.append(f"%v{n} = tensor.cast %s{n} : {static} to {ty}")
        return f"%v{n}"

    def case(self, kernel, args, expected):
        params, result = self.sigs[kernel]
        names = [self.value(a, t) for a, t in zip(args, params)]
        n = self.n
        self.n += 1
        self.lines.append(f"%r{n} = func.call @{kernel}({', '.join(names)}) : "
                          f"({', '.join(params)}) -> {result}")
        r, ty = f"%r{n}", result
        if not ty.startswith("tensor"):
            self.lines.append(f"%t{n} = tensor.from_elements {r} : tensor<1x{ty}>")
            r, ty = f"%t{n}", f"tensor<1x{ty}>"
        elem = element(ty)
        self.lines.append(f"%u{n} = tensor.cast {r} : {ty} to tensor<*x{elem}>")
        self.lines.append(f"func.call @{PRINTERS[elem]}(%u{n}) : (tensor<*x{elem}>) -> ()")
        self.expected.append((kernel, elem, np.asarray(expected, dtype=np.float64).reshape(-1)))

    def text(self):
        decls = "\n".join(f"func.func private @{fn}(tensor<*x{t}>) attributes {{llvm.emit_c_interface}}"
                          for t, fn in PRINTERS.items())
        body = "\n".join("  " + line for line in self.lines)
        return f"{decls}\nfunc.func @main() {{\n{body}\n  return\n}}\n"


def reference_cases(driver, rng):
    # layer: softmax(rms_norm(relu(x w + b))) over rows.
    for batch in (1, 3):
        x = rng.uniform(-1, 1, (batch, 8))
        w = rng.uniform(-1, 1, (8, 16))
        b = rng.uniform(-1, 1, (batch, 16))
        g = rng.uniform(0.5, 1.5, 16)
        x, w, b, g = (harness_round(v) for v in (x, w, b, g))
        h = np.maximum(x @ w + b, 0)
        h = h / np.sqrt(np.mean(h * h, axis=1, keepdims=True) + 1e-5) * g
        e = np.exp(h - h.max(axis=1, keepdims=True))
        driver.case("layer", [x, w, b, g], e / e.sum(axis=1, keepdims=True))
    x, y = harness_round(rng.uniform(-3, 3, 5)), harness_round(rng.uniform(-3, 3, 5))
    driver.case("axpy_f32", [x, y], x * -1.5 + y)
    xi, yi = rng.integers(-1000, 1000, 7), rng.integers(-1000, 1000, 7)
    driver.case("axpy_i32", [xi, yi], xi * 3 + yi - np.maximum(xi, yi))
    for n in (1, 10, 33):
        x, y = harness_round(rng.uniform(-2, 2, n)), harness_round(rng.uniform(-2, 2, n))
        driver.case("dot", [x, y], [float(np.dot(x, y))])
    big = rng.integers(-2**40, 2**40, 9)
    driver.case("prefix_sum", [big], np.cumsum([int(v) for v in big]))
    a, b = rng.integers(1, 10**12, 8), rng.integers(1, 10**12, 8)
    driver.case("gcds", [a, b], [math.gcd(int(p), int(q)) for p, q in zip(a, b)])
    starts = [1, 2, 3, 7, 27, 97]
    driver.case("collatz_steps", [np.array(starts)], [collatz(s) for s in starts])
    m = harness_round(rng.uniform(-5, 5, (3, 4)))
    driver.case("column_stats", [m], m.mean(0) + m.max(0) - m.min(0))
    v = harness_round(rng.uniform(-5, 5, 4))
    driver.case("reverse", [v], v[::-1] * 2)


def harness_round(v):
    """Values as f32 holds them, so that the reference sees the same inputs."""
    return np.asarray(v, dtype=np.float32).astype(np.float64)


def collatz(n):
    steps = 0
    while n > 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--translate", required=True)
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--libs", required=True)
    args = parser.parse_args()

    kernels = subprocess.run([args.translate, "--import-vx", os.path.join(here, "Inputs", "e2e.vx")],
                             check=True, capture_output=True, text=True).stdout
    seed = int.from_bytes(os.urandom(4), "little")
    print(f"e2e-cpu: seed {seed}")
    rng = np.random.default_rng(seed)
    driver = Driver(signatures(kernels))
    reference_cases(driver, rng)
    module = kernels.rstrip().rstrip("}") + driver.text() + "}\n"
    lowered = subprocess.run([args.opt, "--vx-to-cpu"], input=module, check=True,
                             capture_output=True, text=True).stdout
    run = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          f"-shared-libs={args.libs}"], input=lowered,
                         capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr)
        raise SystemExit("MISMATCH: mlir-runner failed")
    printed = harness.parse_printed(run.stdout)
    passed = failed = 0
    for (kernel, elem, want), got in zip(driver.expected, printed):
        if elem.startswith("i"):
            ok = got.shape == want.shape and np.array_equal(got, want)
        else:
            ok = got.shape == want.shape and np.allclose(got, want, rtol=harness.TOLERANCE[elem], atol=1e-6)
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"MISMATCH: {kernel}: got {got}, want {want}")
    if len(printed) != len(driver.expected):
        failed += 1
        print(f"MISMATCH: {len(printed)} results printed, {len(driver.expected)} expected")
    print(f"e2e-cpu: {passed} checks passed, {failed} failed")


if __name__ == "__main__":
    main()
