#!/usr/bin/env python3
"""dudect-style timing test of constant-time GPU kernels.

Measures a kernel many times on inputs of two classes, interleaved at
random: a fixed secret (all zeros) and random secrets. If its time depends
on the secret, the two distributions of times differ, and Welch's t-test
finds it: |t| > 4.5 is a leak (as in dudect, Reparaz, Balasch and
Verbauwhede, "Dude, is my code constant time?", DATE 2017). Times are the
GPU times of the kernel launches, from CUDA events (the Vortex runtime's
profiler). As dudect does, the test is repeated on the measurements below
each of a series of percentiles of all times (cropping the long tail that
interrupts and clock changes add), and the largest |t| is reported.

    utils/ct/dudect.py build DIR       here: compile the kernels into DIR
    utils/ct/dudect.py run DIR OUT     GPU machine: measure, write
                                       OUT/dudect.json and print a table
    utils/ct/dudect.py selftest        the statistics on synthetic samples

Targets (utils/ct/kernels.mlir):
    leaky       a kernel that branches on the secret, compiled with
                --vx-to-gpu=ct-check=none: must show a leak;
    linearized  the same after vx-ct-linearize, with every check on;
    pow_ct      Goldilocks exponentiation by a secret exponent
                (vx_field.pow_ct), with every check on.
The build also runs the PTX check on each library's kernels and keeps its
report in DIR/ptx-check.txt.
"""

import json
import math
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD_DIR", os.path.join(ROOT, "build"))
THRESHOLD = 4.5
PERCENTILES = 100
MIN_PER_CLASS = 1000

TARGETS = [
    # name, library, function, secret operand
    ("leaky", "ctleak", "leaky", 0),
    ("linearized", "ctlinear", "leaky", 0),
    ("pow_ct", "ctlinear", "pow_goldilocks", 1),
]

GOLDILOCKS = 2**64 - 2**32 + 1


# ---------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------

class Welch:
    """Running means and variances of two classes (Welford's method), and
    Welch's t statistic between them."""

    def __init__(self):
        self.n = [0, 0]
        self.mean = [0.0, 0.0]
        self.m2 = [0.0, 0.0]

    def push(self, value, cls):
        self.n[cls] += 1
        delta = value - self.mean[cls]
        self.mean[cls] += delta / self.n[cls]
        self.m2[cls] += delta * (value - self.mean[cls])

    def variance(self, cls):
        return self.m2[cls] / (self.n[cls] - 1) if self.n[cls] > 1 else 0.0

    def t(self):
        if min(self.n) < 2:
            return 0.0
        se = math.sqrt(self.variance(0) / self.n[0] + self.variance(1) / self.n[1])
        if se == 0.0:
            return 0.0 if self.mean[0] == self.mean[1] else math.inf
        return (self.mean[0] - self.mean[1]) / se


def percentile(sorted_values, q):
    """The q-quantile (0 <= q <= 1) of sorted values, by linear
    interpolation."""
    if not sorted_values:
        return math.nan
    pos = q * (len(sorted_values) - 1)
    lo = int(math.floor(pos))
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def crop_thresholds(times):
    """dudect's thresholds: the 1 - 0.5^(10 (k+1) / P) quantiles of all
    times, k = 0 .. P-1, which crop less and less of the upper tail."""
    ordered = sorted(times)
    return [percentile(ordered, 1 - 0.5 ** (10 * (k + 1) / PERCENTILES))
            for k in range(PERCENTILES)]


def analyse(times, classes):
    """Welch's t on all measurements and on those below each crop threshold;
    the largest |t| among tests with at least MIN_PER_CLASS measurements of
    each class decides."""
    tests = [("uncropped", math.inf)] + [
        (f"below p{100 * (1 - 0.5 ** (10 * (k + 1) / PERCENTILES)):.4g}", th)
        for k, th in enumerate(crop_thresholds(times))]
    results = []
    for name, threshold in tests:
        w = Welch()
        for value, cls in zip(times, classes):
            if value < threshold or threshold == math.inf:
                w.push(value, cls)
        results.append({"test": name, "threshold": threshold, "n": list(w.n),
                        "mean": list(w.mean), "t": w.t()})
    usable = [r for r in results if min(r["n"]) >= MIN_PER_CLASS]
    worst = max(usable, key=lambda r: abs(r["t"])) if usable else results[0]
    return {"max_t": worst["t"], "max_test": worst["test"],
            "leak": bool(abs(worst["t"]) > THRESHOLD), "tests": results}


# ---------------------------------------------------------------------------
# build (here)
# ---------------------------------------------------------------------------

def run_tool(args, **kwargs):
    return subprocess.run(args, check=True, text=True, **kwargs)


def build(directory):
    os.makedirs(directory, exist_ok=True)
    tools = os.path.join(BUILD, "bin")
    kernels = os.path.join(ROOT, "utils", "ct", "kernels.mlir")
    linear = os.path.join(directory, "kernels-linearized.mlir")
    run_tool([os.path.join(tools, "vortex-opt"), kernels, "--vx-ct-linearize", "-o", linear])
    libraries = {"ctleak": (kernels, "ct-check=none"), "ctlinear": (linear, "")}
    report = []
    for name, (module, options) in libraries.items():
        args = [os.path.join(ROOT, "utils", "build_kernel_library.sh"), module, directory, name]
        if options:
            args.append(options)
        run_tool(args)
        # The PTX check on the same kernels (as PTX text).
        ptx_options = "format=isa" + (" " + options if options else "")
        lowered = run_tool([os.path.join(tools, "vortex-opt"), module,
                            f"--vx-to-gpu={ptx_options}"], capture_output=True).stdout
        check = subprocess.run([os.path.join(tools, "vortex-translate"), "--vx-ct-check-ptx"],
                               input=lowered, capture_output=True, text=True)
        report.append(f"== {name} ({module}, vx-to-gpu {ptx_options}): "
                      f"{'no finding' if check.returncode == 0 else 'findings'}\n"
                      + check.stdout + check.stderr)
    with open(os.path.join(directory, "ptx-check.txt"), "w") as f:
        f.write("\n".join(report))
    print(f"built {', '.join(libraries)} into {directory}; PTX check in "
          f"{os.path.join(directory, 'ptx-check.txt')}")


# ---------------------------------------------------------------------------
# run (GPU machine)
# ---------------------------------------------------------------------------

def fixed_secret(count, dtype):
    """The secret of class 0: zeros, or with DUDECT_FIXED=random one random
    value drawn once (seeded) for every element. Zeros also change how much
    the multipliers switch, which moves the GPU's power and clock; a fixed
    random value separates that from a dependence on the value's bits."""
    import numpy as np

    if os.environ.get("DUDECT_FIXED", "zero") == "random":
        value = np.random.default_rng(1).integers(0, 2**63, dtype=np.int64)
        return np.full(count, value, dtype=np.int64).view(dtype)
    return np.zeros(count, dtype=dtype)


def class_inputs(target, cls, count, rng):
    """The operands of one measurement of `target`: class 0 has a fixed
    secret (`fixed_secret`), class 1 a random one; the public operand is
    random in both."""
    import numpy as np

    name = target[0]
    if name == "pow_ct":
        base = rng.integers(1, GOLDILOCKS, size=count, dtype=np.uint64)
        exponent = (fixed_secret(count, np.uint64) if cls == 0
                    else rng.integers(0, 2**64, size=count, dtype=np.uint64))
        return [base.view(np.int64), exponent.view(np.int64)]
    key = (fixed_secret(count, np.int64) if cls == 0
           else rng.integers(-2**63, 2**63, size=count, dtype=np.int64))
    x = rng.integers(-2**63, 2**63, size=count, dtype=np.int64)
    return [key, x]


def measure(function, pools, measurements, rng):
    """Kernel times (ms) of `measurements` calls, each on a random input set
    of a random class."""
    import vortex.runtime as vr

    classes = rng.integers(0, 2, size=measurements)
    picks = rng.integers(0, len(pools[0]), size=measurements)
    times = []
    for warm in range(20):
        function(*pools[warm % 2][0])
    for cls, pick in zip(classes, picks):
        with vr.Profile() as profile:
            function(*pools[cls][pick])
        times.append(profile.milliseconds)
    return times, [int(c) for c in classes]


def run(directory, out):
    import numpy as np

    import vortex.runtime as vr

    count = int(os.environ.get("DUDECT_ELEMENTS", 1 << 16))
    measurements = int(os.environ.get("DUDECT_MEASUREMENTS", 20000))
    pool_size = 32
    rng = np.random.default_rng()
    libraries = {name: vr.load(os.path.join(directory, f"lib{name}.so"))
                 for name in {t[1] for t in TARGETS}}
    results = {"device": vr.device_name(), "elements": count,
               "measurements": measurements, "threshold": THRESHOLD,
               "fixed_class": os.environ.get("DUDECT_FIXED", "zero"), "targets": []}
    print(f"device: {results['device']}, {count} elements per launch, "
          f"{measurements} measurements per target")
    print(f"{'target':12} {'fixed ms':>9} {'random ms':>9} {'max |t|':>9}  {'test':16} verdict")
    for target in TARGETS:
        name, library, function_name, _ = target
        function = getattr(libraries[library], function_name)
        element = "i64"
        pools = [[[vr.from_host(a, element) for a in class_inputs(target, cls, count, rng)]
                  for _ in range(pool_size)] for cls in (0, 1)]
        times, classes = measure(function, pools, measurements, rng)
        verdict = analyse(times, classes)
        fixed = [t for t, c in zip(times, classes) if c == 0]
        random_ = [t for t, c in zip(times, classes) if c == 1]
        entry = {"target": name, "library": f"lib{library}.so", "function": function_name,
                 "median_ms": [float(np.median(fixed)), float(np.median(random_))],
                 "max_t": verdict["max_t"], "max_test": verdict["max_test"],
                 "leak": verdict["leak"], "tests": verdict["tests"],
                 "times_ms": times, "classes": classes}
        results["targets"].append(entry)
        print(f"{name:12} {entry['median_ms'][0]:9.4f} {entry['median_ms'][1]:9.4f} "
              f"{abs(verdict['max_t']):9.2f}  {verdict['max_test']:16} "
              f"{'LEAK' if verdict['leak'] else 'no leak found'}")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "dudect.json"), "w") as f:
        json.dump(results, f)
    print(f"wrote {os.path.join(out, 'dudect.json')}")


# ---------------------------------------------------------------------------
# selftest (lit)
# ---------------------------------------------------------------------------

def selftest():
    """The statistics against an independent computation and on synthetic
    samples whose answer is known; deterministic (fixed seeds)."""
    import numpy as np

    rng = np.random.default_rng(20170327)
    # Welch's t of the running computation equals the two-pass formula.
    a = rng.normal(10.0, 2.0, 5000)
    b = rng.normal(10.3, 3.0, 7000)
    w = Welch()
    for v in a:
        w.push(float(v), 0)
    for v in b:
        w.push(float(v), 1)
    reference = (a.mean() - b.mean()) / math.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))
    assert abs(w.t() - reference) < 1e-9 * max(1.0, abs(reference)), (w.t(), reference)
    print(f"welch: running t {w.t():.6f} matches the two-pass t {reference:.6f}")

    # Quantiles against numpy's linear interpolation.
    values = sorted(rng.exponential(1.0, 1001).tolist())
    for q in (0.0, 0.1, 0.5, 0.9, 0.999, 1.0):
        assert abs(percentile(values, q) - np.quantile(values, q)) < 1e-12
    print("percentile: matches numpy.quantile")

    # One distribution for both classes: no leak.
    n = 40000
    times = rng.gamma(4.0, 0.01, n) + 0.05
    classes = rng.integers(0, 2, n)
    same = analyse(times.tolist(), classes.tolist())
    assert not same["leak"], same["max_t"]
    print(f"same distribution: max |t| {abs(same['max_t']):.2f} below {THRESHOLD}: no leak")

    # The random class is 2% slower: a leak.
    shifted = times * np.where(classes == 1, 1.02, 1.0)
    leak = analyse(shifted.tolist(), classes.tolist())
    assert leak["leak"], leak["max_t"]
    print(f"2% slower class: max |t| {abs(leak['max_t']):.2f} above {THRESHOLD}: leak")

    # Rare, large outliers in one class only (interrupts): the uncropped
    # test may fire, a cropped one does not reflect them; a leak in the bulk
    # of the distribution is still found under cropping.
    outliers = times.copy()
    hit = (classes == 1) & (rng.random(n) < 0.002)
    outliers[hit] += 5.0
    cropped = analyse(outliers.tolist(), classes.tolist())
    below = [r for r in cropped["tests"][1:] if min(r["n"]) >= MIN_PER_CLASS]
    assert all(r["threshold"] < 5.0 for r in below[:PERCENTILES // 2])
    assert any(abs(r["t"]) < THRESHOLD for r in below)
    print("cropping: the thresholds cut the outliers off")

    # A class whose times are all equal, and too few measurements: t is
    # finite or reported as no test.
    w = Welch()
    for v in (1.0, 1.0, 1.0):
        w.push(v, 0)
        w.push(v, 1)
    assert w.t() == 0.0
    print("degenerate samples: t = 0")
    print("selftest passed")


def main(argv):
    if len(argv) == 3 and argv[1] == "build":
        build(argv[2])
    elif len(argv) == 4 and argv[1] == "run":
        sys.path.insert(0, os.path.join(ROOT, "python"))
        run(argv[2], argv[3])
    elif len(argv) == 2 and argv[1] == "selftest":
        selftest()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
