# RUN: %python -m pytest -q -p no:cacheprovider %s 2>&1 | FileCheck %s
# CHECK-NOT: failed
# CHECK: passed

"""End to end on the CPU: a function built with vortex.builder, wrapped in a
`main` that feeds it constants and prints the result with printMemrefF32,
lowered with vx-to-cpu (in-process through the C API, and with vortex-opt),
run by mlir-runner, and compared with a float64 numpy reference on random
inputs drawn fresh on every run (the seed is in every failure message)."""

import re

import numpy as np
import pytest

import vortex
from vortex import ModuleBuilder, TensorType, UnrankedTensorType

DYN = TensorType((None, None), "f32")
UNRANKED = UnrankedTensorType("f32")
NUMBER = re.compile(r"[-+]?(?:nan|inf|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)")


def wrap_in_main(m, func, inputs):
    """Adds `main`: constants of `inputs` (numpy f32 arrays), cast to
    tensor<?x?xf32>, passed to `func`, result printed by printMemrefF32."""
    printer = m.declare("printMemrefF32", [UNRANKED],
                        attributes={"llvm.emit_c_interface": True})
    main = m.function("main", [])
    args = []
    for a in inputs:
        c = main.constant(a, TensorType(a.shape, "f32"))
        args.append(main.tensor_cast(c, DYN))
    r = main.call(func, *args)
    main.call(printer, main.tensor_cast(r, UNRANKED))
    main.ret()


def parse_printed(out, shape):
    """The values printMemrefF32 printed, as a float64 array of `shape`."""
    head, sep, data = out.partition("data =")
    assert sep, "no memref printed:\n" + out
    sizes = re.search(r"sizes = \[([^\]]*)\]", head)
    assert sizes and [int(s) for s in sizes.group(1).split(",")] == list(shape), out[:300]
    values = [float(v) for v in NUMBER.findall(data)]
    assert len(values) == int(np.prod(shape)), "expected %d values, got %d:\n%s" % (
        int(np.prod(shape)), len(values), out[:2000])
    return np.array(values, dtype=np.float64).reshape(shape)


def run_on_cpu(m, via_tool=False):
    if via_tool:
        lowered = vortex.vortex_opt(m, "--vx-to-cpu", timeout=300)
    else:
        lowered = str(vortex.compile(m, "vx-to-cpu"))
    assert "llvm.func @main" in lowered
    return vortex.mlir_runner(lowered, entry="main", timeout=300)


def random_inputs(shape, count, low=-3.0, high=3.0):
    seed = np.random.SeedSequence().entropy
    rng = np.random.default_rng(seed)
    arrays = [rng.uniform(low, high, size=shape).astype(np.float32) for _ in range(count)]
    return seed, arrays


def silu64(x):
    return x / (1.0 + np.exp(-x))


# Sizes that are multiples of nothing a vectorizer likes.
SHAPES = [(3, 37), (5, 113), (1, 7)]


@pytest.mark.parametrize("shape", SHAPES, ids=["%dx%d" % s for s in SHAPES])
def test_silu_mul_add(shape):
    seed, (x, y, z) = random_inputs(shape, 3)
    m = ModuleBuilder()
    f = m.function("fused", [DYN, DYN, DYN], arg_names=["x", "y", "z"])
    fx, fy, fz = f.args
    f.ret(f.silu(fx) * fy + fz)
    wrap_in_main(m, f, [x, y, z])

    got = parse_printed(run_on_cpu(m), shape)

    x64, y64, z64 = (a.astype(np.float64) for a in (x, y, z))
    sy = silu64(x64) * y64
    ref = sy + z64
    # rtol covers the 6 significant digits printMemrefF32 prints and the f32
    # arithmetic; atol covers cancellation in the final f32 add, whose error
    # is relative to its operands, not to its (possibly tiny) result.
    atol = 2e-6 * (np.abs(sy) + np.abs(z64))
    close = np.isclose(got, ref, rtol=1e-5, atol=atol)
    assert close.all(), (
        "seed %d, shape %s: %d mismatches, worst at %s: got %r, expected %r"
        % (seed, shape, (~close).sum(), np.unravel_index(np.argmax(np.abs(got - ref)), shape),
           got[~close][:5], ref[~close][:5]))
    # The comparison has teeth: a different function would not pass it.
    wrong = x64 / (1.0 + np.exp(-x64)) ** 2 * y64 + z64
    assert not np.isclose(got, wrong, rtol=1e-5, atol=atol).all(), "seed %d" % seed


def test_vortex_opt_and_in_process_lowering_agree():
    shape = (3, 37)
    seed, (x, y, z) = random_inputs(shape, 3)
    m = ModuleBuilder()
    f = m.function("fused", [DYN, DYN, DYN])
    a, b, c = f.args
    f.ret(f.silu(a) * b + c)
    wrap_in_main(m, f, [x, y, z])
    in_process = vortex.compile(m, "vx-to-cpu")
    by_tool = vortex.vortex_opt(m, "--vx-to-cpu", timeout=300)
    # Same pipeline, same registrations: the same LLVM dialect text.
    assert vortex.Module.parse(in_process.context, by_tool).to_string() == str(in_process)
    out_tool = run_on_cpu(m, via_tool=True)
    out_capi = run_on_cpu(m)
    strip = lambda s: re.sub(r"base@ = 0x[0-9a-f]+", "", s)  # noqa: E731
    assert strip(out_tool) == strip(out_capi), "seed %d" % seed


def test_more_elementwise_ops():
    """tanh, exp, div, max, neg, relu, sub, and a cast round trip through
    f64, on a 2-D dynamic tensor."""
    shape = (3, 37)
    seed, (x, y, z) = random_inputs(shape, 3)
    m = ModuleBuilder()
    f = m.function("ew", [DYN, DYN, DYN], arg_names=["x", "y", "z"])
    fx, fy, fz = f.args
    num = f.max(f.tanh(fx) * fy, -fz)                       # max(tanh(x)*y, -z)
    den = f.exp(f.relu(fy)) + f.exp(f.neg(f.relu(fy)))     # e^relu(y) + e^-relu(y) >= 2
    r = f.sub(num / den, f.cast(f.cast(fz, "f64"), "f32"))
    f.ret(r)
    wrap_in_main(m, f, [x, y, z])

    got = parse_printed(run_on_cpu(m), shape)

    x64, y64, z64 = (a.astype(np.float64) for a in (x, y, z))
    ry = np.maximum(y64, 0.0)
    q = np.maximum(np.tanh(x64) * y64, -z64) / (np.exp(ry) + np.exp(-ry))
    ref = q - z64
    atol = 2e-6 * (np.abs(q) + np.abs(z64))
    close = np.isclose(got, ref, rtol=1e-5, atol=atol)
    assert close.all(), ("seed %d: got %r, expected %r"
                         % (seed, got[~close][:5], ref[~close][:5]))
