#!/usr/bin/env python3
"""Checks every vx.tensor op on a GPU against the float64 NumPy reference.

    utils/gpu_check.py export DIR [SETS]  # here: cases, kernels, libkernels.so (needs the build)
    utils/gpu_check.py run DIR         # on the GPU machine: needs only Python, NumPy,
                                       # python/ and DIR (libkernels.so, libvortex_runtime.so)

The cases are those of the CPU integration tests (test/Integration/CPU:
every elementwise op, layout ops, reductions, softmax, norms, matmul, on
static and dynamic shapes and all element types) and the long rows of
test/Integration/Inputs/row_cases.py, drawn from a fresh seed. SETS picks
some of them: a comma-separated list of elementwise, structured, rows.
"""

import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
sys.path.insert(0, os.path.join(ROOT, "test", "Integration", "Inputs"))
sys.path.insert(0, os.path.join(ROOT, "test", "Integration", "CPU"))
sys.path.insert(0, os.path.join(ROOT, "utils", "reference"))


def export(directory, seed, sets):
    import numpy as np

    import elementwise
    import harness
    import row_cases
    import structured

    rng = np.random.default_rng(seed)
    program = harness.Program()
    builders = {"elementwise": elementwise.build, "structured": structured.build,
                "rows": row_cases.build}
    for build in (builders[name] for name in sets):
        part = build(rng)
        program.funcs += [f.replace(f"@case{i}(", f"@case{i + len(program.expected)}(", 1)
                          for i, f in enumerate(part.funcs)]
        program.expected += part.expected
        program.inputs += part.inputs
    program.export(directory)
    subprocess.run([os.path.join(ROOT, "utils", "build_kernel_library.sh"),
                    os.path.join(directory, "kernels.mlir"), directory, "kernels"],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"seed {seed}: {len(program.expected)} cases in {directory}")


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in ("export", "run"):
        sys.exit(__doc__)
    mode, directory = sys.argv[1:3]
    if mode == "export":
        sets = sys.argv[3].split(",") if len(sys.argv) == 4 else ["elementwise", "structured", "rows"]
        export(directory, int.from_bytes(os.urandom(4), "little"), sets)
    else:
        import harness
        sys.exit(1 if harness.check_on_gpu(directory, "gpu") else 0)


if __name__ == "__main__":
    main()
