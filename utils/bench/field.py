#!/usr/bin/env python3
"""Checks and times the vx.field lowering on the GPU.

    utils/bench/field.py build DIR       # here: compile the kernels into DIR, count SASS
    utils/bench/field.py build-heavy DIR # here: only the Fq12 mul, square and inv cases
                                         # that `build` leaves out, at opt-level=1
    utils/bench/field.py run DIR [OUT]   # on the GPU machine (PyTorch, NumPy)

`build` writes kernel libraries with utils/build_kernel_library.sh
(`--vx-to-gpu`, 32-bit limbs, `format=bin`: cubins compiled here by ptxas,
so that loading them on the GPU machine costs no JIT):

- fieldcheck0, 1, ...: the cases of test/Integration/Inputs/field_cases.py
  (every op on every named prime field, canonical and Montgomery form, edge
  values and random ones; the extension-field ops on every named extension)
  with the results of the big-integer reference in fieldcheck.json.cases;
  PART prime-field cases or EXT_PART extension-field cases of one field and
  form per library, VORTEX_JOBS (default: every core) built at a time, the
  cheap ones first. Cases left out of the GPU check are listed with their
  reason (LEFT_OUT), at build and at run;
- fieldbench: per field, add, mul, square and inv over arrays in stored form
  (`vx_field.bitcast`, Montgomery form for the BN254 and BLS12-381 fields,
  canonical for Goldilocks, BabyBear and Mersenne31), and a chain of
  CHAIN dependent multiplications per element (compute-bound).

It also compiles the PTX of fieldbench with ptxas for sm_90a and counts the
integer multiply-add instructions of the SASS (cuobjdump -sass) per
Montgomery multiplication, from the chain kernel and the single-mul kernel
(sass.json), and writes the wall time of each library's build
(build_times.json).

BLS12-381 Fq elements (i384) are stored in 64-byte slots in GPU memory
(vx-widen-buffer-elements; the Python runtime pads them alike).

`run` first checks every fieldcheck case against the reference (skip it with
FIELD_CHECK=0; parts not built and cases left out are reported), then times
each kernel (GPU time from CUDA events, median after a warm-up) and a
device-to-device copy of the same
bytes in the same run, and reports elements per second, the fraction of the
copy's bandwidth (add, mul), and for each field the fraction of the GPU's
32-bit IMAD rate (SMs x 64 per clock x max SM clock) that the chain reaches
(derivation in docs/performance.md). GB/s counts the bytes of the stored
elements in GPU memory (64 per BLS12-381 Fq element). Table on stdout, numbers in
OUT/field.json.
"""

import json
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import ROOT, gpu_timed, kernel_timed  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "test", "Integration", "Inputs"))
sys.path.insert(0, os.path.join(ROOT, "utils", "reference"))
import field_cases  # noqa: E402
import field_ref as ref  # noqa: E402

CHAIN = 16


PART = 48
EXT_PART = 5
# Cases compiled for the CPU tests but not for the GPU check, with the reason
# (docs/performance.md has the figures): (field, form, op) -> reason; None
# matches any.
LEFT_OUT = {
    ("bn254_fq12", "mont", "mul"): "ptxas -O3 alone takes over 7 minutes (~27k mul.wide); "
                                    "checked by build-heavy at opt-level=1",
    ("bls12_381_fq12", "mont", "mul"): "larger than BN254 Fq12 mul; checked by build-heavy",
    ("bn254_fq12", "mont", "square"): "as costly to compile as mul; checked by build-heavy",
    ("bls12_381_fq12", "mont", "square"): "as costly to compile as mul; checked by build-heavy",
    ("bn254_fq12", "mont", "inv"): "holds Fq12 multiplications; checked by build-heavy",
    ("bls12_381_fq12", "mont", "inv"): "holds Fq12 multiplications; checked by build-heavy",
    ("bn254_fq6", "canon", None): "canonical Fq6 doubles every Fq multiplication "
                                  "(conversion by R^2): 1-3 minutes of vortex-opt and "
                                  "ptxas per case on the 2-core build machine; Montgomery "
                                  "Fq6 and canonical Fq2 are checked",
    ("bls12_381_fq6", "canon", None): "as BN254 Fq6 canonical, with 12-limb Fq",
}
MONTGOMERY = {"bn254_fr", "bn254_fq", "bls12_381_fr", "bls12_381_fq"}
CUDA = os.environ.get("CUDA_HOME", "/usr/local/cuda")


def build_library(module, directory, name, options=""):
    subprocess.run([os.path.join(ROOT, "utils", "build_kernel_library.sh"), module, directory,
                    name, options], check=True)


def bench_module():
    """The benchmark kernels of every field on dynamic 1-D arrays."""
    funcs = []
    for name, p in ref.FIELDS.items():
        s = ref.storage_bits(p)
        it = f"tensor<?xi{s}>"
        ft = f"tensor<?x{field_cases.field_type(name, name in MONTGOMERY)}>"

        def kernel(op, args, lines, name=name, it=it, ft=ft):
            params = ", ".join(f"%a{i}: {it}" for i in range(args))
            body = [f"%x{i} = vx_field.bitcast %a{i} : {it} to {ft}" for i in range(args)]
            body += lines + [f"%o = vx_field.bitcast %r : {ft} to {it}"]
            text = "\n".join("    " + line for line in body)
            funcs.append(f"  func.func @{name}_{op}({params}) -> {it} {{\n{text}\n"
                         f"    return %o : {it}\n  }}")

        kernel("add", 2, [f"%r = vx_field.add %x0, %x1 : {ft}"])
        kernel("mul", 2, [f"%r = vx_field.mul %x0, %x1 : {ft}"])
        kernel("square", 1, [f"%r = vx_field.square %x0 : {ft}"])
        kernel("inv", 1, [f"%r = vx_field.inv %x0 : {ft}"])
        chain, prev = [], "%x0"
        for k in range(CHAIN):
            chain.append(f"%c{k} = vx_field.mul {prev}, %x1 : {ft}")
            prev = f"%c{k}"
        chain.append(f"%r = vx_field.add {prev}, %x0 : {ft}")
        kernel("mulchain", 2, chain)
    return "\n".join(funcs) + "\n"


IMAD = re.compile(r"\bIMAD(\.[A-Z0-9.]+)?\b")
PTX_MUL = re.compile(r"\b(mul\.wide\.u32|mul\.lo\.[su]\d+|mul\.hi\.[su]\d+|mad\.\S+)")


def disassembler():
    """cuobjdump or nvdisasm from CUDA_HOME or PATH, or None."""
    import shutil

    for tool, args in (("cuobjdump", ["-sass"]), ("nvdisasm", [])):
        path = os.path.join(CUDA, "bin", tool)
        path = path if os.path.exists(path) else shutil.which(tool)
        if path:
            return [path] + args
    return None


def compile_cubins(directory):
    """The PTX of every fieldbench kernel, compiled by ptxas for sm_90a, with
    the count of its PTX multiply instructions."""
    lowered = subprocess.run([os.path.join(ROOT, "build", "bin", "vortex-opt"),
                              os.path.join(directory, "fieldbench.mlir"), "--vx-to-gpu"],
                             check=True, capture_output=True, text=True).stdout
    ptx_dir = os.path.join(directory, "ptx")
    with open(os.path.join(directory, "fieldbench.gpu.mlir"), "w") as f:
        f.write(lowered)
    subprocess.run([sys.executable, os.path.join(ROOT, "utils", "extract_ptx.py"),
                    os.path.join(directory, "fieldbench.gpu.mlir"), ptx_dir], check=True,
                   capture_output=True)
    counts = {}
    for ptx in sorted(os.listdir(ptx_dir)):
        if not ptx.endswith(".ptx"):
            continue
        with open(os.path.join(ptx_dir, ptx)) as f:
            kinds = {}
            for m in PTX_MUL.finditer(f.read()):
                kinds[m.group(1)] = kinds.get(m.group(1), 0) + 1
        subprocess.run([os.path.join(CUDA, "bin", "ptxas"), "-arch=sm_90a", "-O3",
                        os.path.join(ptx_dir, ptx), "-o",
                        os.path.join(ptx_dir, ptx[:-4] + ".cubin")], check=True)
        counts[ptx[:-4]] = {"ptx_multiplies": kinds}
    return counts


def count_sass(directory, counts):
    """Adds the IMAD counts of each kernel's SASS to `counts`; False when no
    disassembler is installed."""
    tool = disassembler()
    if not tool:
        return False
    for kernel, c in counts.items():
        sass = subprocess.run(tool + [os.path.join(directory, "ptx", kernel + ".cubin")],
                              check=True, capture_output=True, text=True).stdout
        kinds = {}
        for line in sass.splitlines():
            m = IMAD.search(line)
            if m:
                kinds[m.group(0)] = kinds.get(m.group(0), 0) + 1
        c["imad_kinds"] = kinds
        c["imad_instructions"] = sum(kinds.values())
        # IMAD.WIDE writes 64 bits: two 32-bit multiply-adds (low and high).
        c["imad_32bit_ops"] = sum(n * (2 if ".WIDE" in k else 1) for k, n in kinds.items())
    return True


def per_mul(counts, field):
    """Counts per multiplication of `field` (fields of more than 64 bits,
    whose kernels are not vectorized): (chain - single) / (CHAIN - 1)."""
    if ref.storage_bits(ref.FIELDS[field]) <= 64:
        return None
    chain = counts.get(f"{field}_mulchain_kernel")
    single = counts.get(f"{field}_mul_kernel")
    if not chain or not single:
        return None
    out = {"ptx_multiplies": sum(chain["ptx_multiplies"].values()) -
           sum(single["ptx_multiplies"].values())}
    out["ptx_multiplies"] /= CHAIN - 1
    for key in ("imad_instructions", "imad_32bit_ops"):
        if key in chain:
            out[key] = (chain[key] - single[key]) / (CHAIN - 1)
    return out


def analyse(directory, counts):
    """Writes sass.json and prints the counts per multiplication."""
    have_sass = count_sass(directory, counts)
    summary = {name: per_mul(counts, name) for name in ref.FIELDS}
    with open(os.path.join(directory, "sass.json"), "w") as f:
        json.dump({"kernels": counts, "per_mul": summary, "sass": have_sass}, f, indent=2)
    for name, c in summary.items():
        if c:
            line = f"{name}: {c['ptx_multiplies']:.1f} PTX multiplies"
            if "imad_instructions" in c:
                line += (f", {c['imad_instructions']:.1f} SASS IMAD instructions, "
                         f"{c['imad_32bit_ops']:.1f} 32-bit multiply-adds")
            print(line + " per multiplication")
    if not have_sass:
        print("no cuobjdump or nvdisasm here: SASS counted by `run`")
    return summary


def left_out(label):
    """The reason a case (label "field form op ...") is left out of the GPU
    check, or None."""
    field, form, op = label.split()[:3]
    return LEFT_OUT.get((field, form, op)) or LEFT_OUT.get((field, form, None))


def build(directory, heavy=False):
    """Compiles the check libraries and the benchmark into `directory`; with
    `heavy`, only the Fq12 multiplication, squaring and inversion cases that
    the default build leaves out, at opt-level=1 (LLVM and ptxas -O1: about
    a minute for a BN254 Fq12 mul, against over 7 minutes of ptxas -O3)."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    os.makedirs(directory, exist_ok=True)
    seed = int.from_bytes(os.urandom(4), "little")
    rng = random.Random(seed)
    prime = []
    for name in () if heavy else ref.FIELDS:
        for montgomery in (False, True):
            prime += field_cases.build_cases(name, rng, montgomery, scalars=False)
    groups, skipped = [], []
    for name in ref.EXTENSIONS:
        for montgomery in ((True,) if name.endswith("12") else (False, True)):
            if name.endswith("12"):
                # The GPU check compares with values (an `accept` test does
                # not travel to the GPU machine): exact inverses, by Fermat.
                cases = field_cases.build_ext_cases(name, rng, True, 6, full=False,
                                                    exact=heavy)
            else:
                cases = field_cases.build_ext_cases(name, rng, montgomery, 10, exact=True)
            kept = []
            for c in cases:
                reason = left_out(c.label)
                if heavy:
                    if reason and c.label.split()[0].endswith("12"):
                        kept.append(c)
                elif reason:
                    skipped.append({"label": c.label, "reason": reason})
                else:
                    kept.append(c)
            # Cost grows with the degree and the base field's limbs.
            tower = ref.Tower(name)
            groups.append((tower.degree * ref.storage_bits(tower.p), kept))
    # Prime-field parts, then extension-field parts cheapest first, each of
    # one field and form (an Fq6 case takes a minute or more to compile).
    parts = [prime[i:i + PART] for i in range(0, len(prime), PART)]
    if heavy:
        skipped = [{"label": "(cases of the default build)",
                    "reason": "checked from the default build's directory"}]
    for _, kept in sorted(groups, key=lambda g: g[0]):
        size = 1 if heavy else EXT_PART  # heavy cases take minutes each
        parts += [kept[i:i + size] for i in range(0, len(kept), size)]
    cases, jobs = [], []
    for index, part in enumerate(parts):
        name = f"fieldcheck{index}"
        module = os.path.join(directory, name + ".mlir")
        with open(module, "w") as f:
            f.write("\n".join(field_cases.kernel_text(c, n)
                              for n, c in enumerate(part, len(cases))) + "\n")
        cases += [(c, index) for c in part]
        jobs.append((module, name))
    with open(os.path.join(directory, "fieldcheck.json.cases"), "w") as f:
        json.dump({"seed": seed, "left_out": skipped, "cases": [
            {"label": c.label, "part": index, "types": [t for _, t in c.params],
             "inputs": c.inputs, "expected": c.expected} for c, index in cases]}, f)
    for s in skipped:
        print(f"left out of the GPU check: {s['label']}: {s['reason']}")
    print(f"{len(cases)} cases in {len(parts)} libraries")
    times = {}

    def timed_build(job):
        start = time.monotonic()
        build_library(job[0], directory, job[1],
                      "format=bin opt-level=1" if heavy else "format=bin")
        times[job[1]] = time.monotonic() - start
        print(f"built {job[1]} in {times[job[1]]:.0f} s", flush=True)

    # The benchmark and the prime fields first: a build cut short still
    # leaves them to run.
    if not heavy:
        bench = os.path.join(directory, "fieldbench.mlir")
        with open(bench, "w") as f:
            f.write(bench_module())
        jobs.insert(0, (bench, "fieldbench"))
    with ThreadPoolExecutor(int(os.environ.get("VORTEX_JOBS", os.cpu_count() or 2))) as pool:
        list(pool.map(timed_build, jobs))
    with open(os.path.join(directory, "build_times.json"), "w") as f:
        json.dump(times, f, indent=2)
    if not heavy:
        analyse(directory, compile_cubins(directory))


def element_of(tensor_type):
    return tensor_type.rsplit("x", 1)[1].rstrip(">")


def to_device_array(values, element):
    """Python ints as the runtime's array of `element` integers."""
    import numpy as np

    import vortex.runtime as vr

    bits = int(element[1:])
    if bits > 64:
        words = bits // 32
        host = np.array([ref.limbs(v, words) for v in values], dtype=np.uint32)
    else:
        unsigned = np.array(values, dtype=f"uint{max(bits, 8)}")
        host = unsigned.view(f"int{max(bits, 8)}")
    return vr.from_host(host, element)


def from_device_array(array, element):
    bits = int(element[1:])
    host = array.numpy()
    if bits > 64:
        return [sum(int(w) << (32 * j) for j, w in enumerate(row)) for row in host]
    return [int(v) for v in host.view(f"uint{bits}")]


def check(directory):
    import vortex.runtime as vr

    with open(os.path.join(directory, "fieldcheck.json.cases")) as f:
        data = json.load(f)
    for s in data["left_out"]:
        print(f"left out of the GPU check: {s['label']}: {s['reason']}")
    libs = {}
    passed = failed = missing = 0
    for n, case in enumerate(data["cases"]):
        part = case["part"]
        if part not in libs:
            path = os.path.join(directory, f"libfieldcheck{part}.so")
            libs[part] = vr.load(path) if os.path.exists(path) else None
            if not libs[part]:
                print(f"NOT BUILT: {path} ({case['label']}, ...)")
        if not libs[part]:
            missing += 1
            continue
        args = [to_device_array(v, element_of(t)) for v, t in zip(case["inputs"],
                                                                   case["types"])]
        out = getattr(libs[part], f"case{n}")(*args)
        got = from_device_array(out, element_of(case["types"][0]))
        if got == case["expected"]:
            passed += 1
        else:
            failed += 1
            bad = next(i for i, (g, w) in enumerate(zip(got, case["expected"])) if g != w)
            print(f"MISMATCH {case['label']}: element {bad} got {got[bad]} "
                  f"want {case['expected'][bad]}")
    print(f"field on GPU (build seed {data['seed']}): {passed} checks passed, {failed} failed"
          + (f", {missing} not built" if missing else "")
          + f", {len(data['left_out'])} left out")
    return passed, failed


def random_stored(p, count, rng):
    """`count` random values below p as a host array for the runtime."""
    import numpy as np

    s = ref.storage_bits(p)
    if s <= 64:
        dtype = np.uint32 if s == 32 else np.uint64
        values = rng.integers(0, p, size=count, dtype=np.uint64).astype(dtype)
        return values.view(np.int32 if s == 32 else np.int64)
    words = s // 32
    host = rng.integers(0, 2**32, size=(count, words), dtype=np.uint64).astype(np.uint32)
    # A top word below that of p keeps every value below p.
    host[:, -1] = rng.integers(0, p >> (32 * (words - 1)), size=count, dtype=np.uint64)
    return host


def max_sm_clock_hz():
    out = subprocess.run(["nvidia-smi", "--query-gpu=clocks.max.sm", "--format=csv,noheader,"
                          "nounits"], capture_output=True, text=True).stdout.split()
    return float(out[0]) * 1e6 if out else None


def run(directory, out):
    import numpy as np
    import torch

    import vortex.runtime as vr

    # FIELD_CHECK=0 times without checking (the check libraries' PTX takes
    # the driver minutes to compile for the extension fields).
    passed, failed = check(directory) if os.environ.get("FIELD_CHECK", "1") != "0" else (0, 0)
    if not os.path.exists(os.path.join(directory, "libfieldbench.so")):
        # A build-heavy directory: check cases only.
        if failed:
            sys.exit(f"{failed} GPU checks failed")
        return
    lib = vr.load(os.path.join(directory, "libfieldbench.so"))
    with open(os.path.join(directory, "sass.json")) as f:
        saved = json.load(f)
    sass = saved["per_mul"] if saved["sass"] else analyse(directory, saved["kernels"])
    props = torch.cuda.get_device_properties(0)
    clock = max_sm_clock_hz()
    imad_rate = props.multi_processor_count * 64 * clock if clock else None
    rng = np.random.default_rng()
    results = {"device": torch.cuda.get_device_name(), "torch": torch.__version__,
               "sms": props.multi_processor_count, "max_sm_clock_hz": clock,
               "imad_per_s": imad_rate, "check": {"passed": passed, "failed": failed},
               "chain": CHAIN, "cases": []}
    print(f"device: {results['device']}, {props.multi_processor_count} SMs, max SM clock "
          f"{clock / 1e6 if clock else float('nan'):.0f} MHz")
    print(f"{'field':13} {'op':8} {'ms':>8} {'Gelem/s':>8} {'GB/s':>7} {'of copy':>7} "
          f"{'of IMAD':>7}")
    for name, p in ref.FIELDS.items():
        s = ref.storage_bits(p)
        element = f"i{s}"
        # The bytes of an element in GPU memory (BLS12-381 Fq: a 64-byte slot).
        slot = 4 * (vr._device_words(element) or s // 32)
        count = (1 << 30) // slot // 4  # 256 MiB per array
        a = vr.from_host(random_stored(p, count, rng), element)
        b = vr.from_host(random_stored(p, count, rng), element)
        nbytes = count * slot
        src = torch.empty(nbytes // 4, device="cuda", dtype=torch.float32)
        dst = torch.empty_like(src)
        copy_s = gpu_timed(lambda: dst.copy_(src))
        copy_bw = 2 * nbytes / copy_s
        for op in ("add", "mul", "square", "inv", "mulchain"):
            kernel = getattr(lib, f"{name}_{op}")
            args = (a,) if op in ("square", "inv") else (a, b)
            repeat = 5 if op == "inv" else 30
            seconds = kernel_timed(lambda: kernel(*args), repeat=repeat, warmup=2)
            moved = (len(args) + 1) * nbytes
            muls = count * CHAIN if op == "mulchain" else count
            case = {"field": name, "op": op, "elements": count, "ms": seconds * 1e3,
                    "elements_per_s": count / seconds, "GBps": moved / seconds / 1e9,
                    "copy_GBps": copy_bw / 1e9, "fraction_of_copy": moved / seconds / copy_bw}
            frac = ""
            if op == "mulchain" and (sass.get(name) or {}).get("imad_32bit_ops") and imad_rate:
                case["muls_per_s"] = muls / seconds
                case["imad_32bit_ops_per_mul"] = sass[name]["imad_32bit_ops"]
                case["fraction_of_imad_rate"] = (muls / seconds *
                                                 sass[name]["imad_32bit_ops"] / imad_rate)
                frac = f"{case['fraction_of_imad_rate']:7.1%}"
            results["cases"].append(case)
            rate = (muls if op == "mulchain" else count) / seconds
            print(f"{name:13} {op:8} {seconds * 1e3:8.3f} {rate / 1e9:8.2f} "
                  f"{case['GBps']:7.0f} {case['fraction_of_copy']:7.1%} {frac:>7}")
        del a, b, src, dst
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "field.json"), "w") as f:
        json.dump(results, f, indent=2)
    if failed:
        sys.exit(f"{failed} GPU checks failed")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("build", "build-heavy", "run"):
        sys.exit(__doc__)
    if sys.argv[1].startswith("build"):
        build(sys.argv[2], heavy=sys.argv[1] == "build-heavy")
    else:
        run(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else sys.argv[2])
