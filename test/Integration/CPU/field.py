# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bn254_fr --limb-width 64 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bn254_fr --limb-width 32 --batch-inv-chunk 5 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bn254_fq --limb-width 64 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bn254_fq --limb-width 32 --batch-inv-chunk 5 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bls12_381_fr --limb-width 64 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bls12_381_fr --limb-width 32 --batch-inv-chunk 5 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bls12_381_fq --limb-width 64 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field bls12_381_fq --limb-width 32 --batch-inv-chunk 5 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field goldilocks --limb-width 64 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field goldilocks --limb-width 32 --batch-inv-chunk 5 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field babybear --limb-width 64 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field babybear --limb-width 32 --batch-inv-chunk 5 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field mersenne31 --limb-width 64 2>&1 | FileCheck %s
# RUN: %python %s --opt vortex-opt --runner mlir-runner --libs %mlir_runner_utils,%mlir_c_runner_utils --field mersenne31 --limb-width 32 --batch-inv-chunk 5 2>&1 | FileCheck %s
# CHECK-NOT: MISMATCH
# CHECK: field: {{[0-9]+}} checks passed, 0 failed
"""Every vx.field operation on one named prime field (or extension field,
with test/Integration/CPU/field-ext.test), in canonical and Montgomery form, through --vx-to-cpu and mlir-runner on edge values (0, 1, p-1, p-2,
(p-1)/2, limb boundaries) and fresh random ones, against Python big integers
(utils/reference/field_ref.py). Results are printed as 32-bit limbs."""

import argparse
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Inputs"))
import field_cases  # noqa: E402
import field_ref as ref  # noqa: E402


def literal(values):
    return "dense<[" + ", ".join(str(int(v)) for v in values) + "]>"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opt", required=True)
    parser.add_argument("--runner", required=True)
    parser.add_argument("--libs", required=True)
    parser.add_argument("--field", required=True,
                        choices=sorted(ref.FIELDS) + sorted(ref.EXTENSIONS))
    parser.add_argument("--limb-width", type=int, default=64)
    # batch_inv in independent strided chunks (as on the GPU); 0: one chunk.
    parser.add_argument("--batch-inv-chunk", type=int, default=0)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    print(f"seed {seed}")
    rng = random.Random(seed)
    if args.field in ref.FIELDS:
        cases = (field_cases.build_cases(args.field, rng, False) +
                 field_cases.build_cases(args.field, rng, True))
    else:
        if args.field.endswith("12"):
            # Fq12 kernels take minutes to JIT: its main ops, Montgomery form.
            cases = field_cases.build_ext_cases(args.field, rng, True, 6, full=False)
        elif args.field.endswith("6"):
            # Every op, in Montgomery form only (canonical Fq doubles the
            # JIT time; the Fq2 levels below are tested in both forms).
            cases = field_cases.build_ext_cases(args.field, rng, True, 10)
        else:
            cases = (field_cases.build_ext_cases(args.field, rng, False, 10) +
                     field_cases.build_ext_cases(args.field, rng, True, 10))
    funcs, body = [], []
    for n, case in enumerate(cases):
        funcs.append(field_cases.kernel_text(case, n))
        names = []
        for i, ((_, ty), values) in enumerate(zip(case.params, case.inputs)):
            body.append(f"    %in{n}_{i} = arith.constant {literal(values)} : {ty}")
            names.append(f"%in{n}_{i}")
        rt = case.params[0][1]
        s = int(rt.rsplit("xi", 1)[1].rstrip(">"))
        limbs = s // 32
        count = len(case.expected)
        types = ", ".join(t for _, t in case.params)
        body.append(f"    %r{n} = func.call @case{n}({', '.join(names)}) : ({types}) -> {rt}")
        # The limbs of each result as i64s: limb j of element i at [i, j].
        lt = f"tensor<{count}x{limbs}xi64>"
        trunc = (f"      %t = arith.trunci %v : i{s} to i32\n" if s > 32 else
                 "      %t = arith.addi %v, %v0 : i32\n")
        body.append(
            f"    %e{n} = tensor.empty() : {lt}\n"
            f"    %l{n} = linalg.generic {{indexing_maps = [affine_map<(d0, d1) -> (d0)>, "
            f"affine_map<(d0, d1) -> (d0, d1)>], iterator_types = [\"parallel\", \"parallel\"]}} "
            f"ins(%r{n} : {rt}) outs(%e{n} : {lt}) {{\n"
            f"    ^bb0(%x: i{s}, %out: i64):\n"
            f"      %j = linalg.index 1 : index\n"
            f"      %ji = arith.index_cast %j : index to i{s}\n"
            f"      %c32 = arith.constant 32 : i{s}\n"
            f"      %v0 = arith.constant 0 : i{s}\n"
            f"      %sh = arith.muli %ji, %c32 : i{s}\n"
            f"      %v = arith.shrui %x, %sh : i{s}\n" + trunc +
            f"      %w = arith.extui %t : i32 to i64\n"
            f"      linalg.yield %w : i64\n"
            f"    }} -> {lt}\n"
            f"    %u{n} = tensor.cast %l{n} : {lt} to tensor<*xi64>\n"
            f"    func.call @printMemrefI64(%u{n}) : (tensor<*xi64>) -> ()")
    text = ("module {\n  func.func private @printMemrefI64(tensor<*xi64>) "
            "attributes {llvm.emit_c_interface}\n" + "\n".join(funcs) +
            "\n  func.func @main() {\n" + "\n".join(body) + "\n    return\n  }\n}\n")
    lowered = subprocess.run([args.opt, f"--vx-to-cpu=field-limb-width={args.limb_width} "
                              f"field-batch-inv-chunk={args.batch_inv_chunk}"],
                             input=text, text=True, capture_output=True)
    if lowered.returncode != 0:
        print(lowered.stderr[:4000])
        raise SystemExit("MISMATCH: vortex-opt failed")
    ran = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          f"-shared-libs={args.libs}"], input=lowered.stdout, text=True,
                         capture_output=True)
    if ran.returncode != 0:
        print(ran.stderr[:4000])
        raise SystemExit("MISMATCH: mlir-runner failed")
    blocks = ran.stdout.split("Unranked Memref")[1:]
    if len(blocks) != len(cases):
        raise SystemExit(f"MISMATCH: {len(blocks)} arrays printed, {len(cases)} expected")
    passed = failed = 0
    for case, block in zip(cases, blocks):
        limbs = int(case.params[0][1].rsplit("xi", 1)[1].rstrip(">")) // 32
        numbers = [int(x) & 0xFFFFFFFF for x in re.findall(r"-?\d+", block.split("data =", 1)[1])]
        got = [sum(numbers[i * limbs + j] << (32 * j) for j in range(limbs))
               for i in range(len(numbers) // limbs)]
        bad = case.mismatch(got)
        if bad is None:
            passed += 1
            continue
        failed += 1
        print(f"MISMATCH {case.label}: element {bad} (inputs "
              f"{[values[bad] for values in case.inputs]}) got "
              f"{got[bad] if bad < len(got) else None} want "
              f"{case.expected[bad] if bad < len(case.expected) else None}")
    print(f"field: {passed} checks passed, {failed} failed")


if __name__ == "__main__":
    main()
