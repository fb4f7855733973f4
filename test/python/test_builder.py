# RUN: %python -m pytest -q -p no:cacheprovider %s 2>&1 | FileCheck %s
# CHECK-NOT: failed
# CHECK: passed

"""vortex.builder: the text it writes parses and verifies (through the C API
and vortex-opt), its Python shape inference agrees with the dialects', and
it rejects what the dialects reject, naming the mismatching dimensions."""

import random
import re

import pytest

from vortex import (BuilderError, BuilderTypeError, Context, FieldType, Module,
                    ModuleBuilder, ShapeError, TensorType, UnrankedTensorType,
                    VortexError, vortex_opt)
from vortex.builder import NAMED_FIELDS

T = TensorType
F32_DYN2 = T((None, None), "f32")
FR = FieldType("bn254_fr")


@pytest.fixture(scope="module")
def ctx():
    with Context() as c:
        yield c


def parse_ok(ctx, m):
    """Parses and verifies the builder's text; returns the module."""
    text = str(m)
    try:
        module = Module.parse(ctx, text)
    except VortexError as e:
        raise AssertionError("builder output does not parse:\n%s\n%s" % (text, e))
    module.verify()
    return module


# ---------------------------------------------------------------------------
# Text the dialects accept, with the types they infer
# ---------------------------------------------------------------------------


def test_elementwise_function_text(ctx):
    m = ModuleBuilder()
    f = m.function("f", [F32_DYN2] * 3, arg_names=["x", "y", "z"])
    x, y, z = f.args
    r = f.silu(x) * y + z
    assert r.type == F32_DYN2
    f.ret(r)
    text = str(m)
    assert "func.func @f(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>, %z: tensor<?x?xf32>)" \
        " -> tensor<?x?xf32>" in text
    assert "%0 = vx_tensor.silu %x : tensor<?x?xf32>" in text
    assert "%1 = vx_tensor.mul %0, %y : tensor<?x?xf32>" in text
    assert "%2 = vx_tensor.add %1, %z : tensor<?x?xf32>" in text
    assert "return %2 : tensor<?x?xf32>" in text
    printed = str(parse_ok(ctx, m))
    assert "vx_tensor.silu %arg0" in printed


def every_op_module():
    """One function per op family, returning every result, so that the
    return types written from Python's inference must match MLIR's."""
    m = ModuleBuilder()
    f = m.function("tensor_ops", [T((4, None), "f32"), T((None, 8), "f32"), T((8, 16), "f32"),
                                  T((2, 3, 4), "bf16"), T((2, 4, 5), "bf16"), T((5, 4), "bf16"),
                                  T((7,), "i32"), T((), "f64"), T((3, 5), "bf16")])
    a, b, w, q, k, wt, i, s, n = f.args
    outs = []
    ab = f.add(a, b)
    assert ab.type == T((4, 8), "f32")
    outs.append(ab)
    outs += [f.sub(a, b), f.mul(b, a), f.div(a, a), f.max(a, b), f.min(b, b)]
    for unary in (f.neg, f.exp, f.log, f.sqrt, f.rsqrt, f.tanh, f.relu, f.silu, f.gelu):
        outs.append(unary(a))
    outs.append(f.gelu(b, approximate_tanh=True))
    outs += [f.neg(i), f.relu(i), f.add(i, i), f.div(i, i), f.max(i, i)]
    outs += [f.exp(s), f.add(s, s)]
    outs += [f.cast(a, "bf16"), f.cast(a, T((4, 3), "f64")), f.cast(i, "f16"), f.cast(a, "i8"),
             f.cast(q, "f32")]
    mm = f.matmul(ab, w)
    assert mm.type == T((4, 16), "f32")
    outs.append(mm)
    outs.append(f.matmul(a, b))                                   # 4x8 @ ?x8 -> 4x8
    outs.append(f.matmul(q, k))                                   # batched
    outs.append(f.matmul(q, wt, transpose_rhs=True))              # shared 2-D weight
    outs.append(f.matmul(k, k, transpose_lhs=True))               # [2,5,4]x[2,4,5]: 2x5x5
    outs.append(f.matmul(wt, n, transpose_lhs=True, transpose_rhs=True))  # 4x3
    outs.append(f.reduce_sum(a, [1]))
    outs.append(f.reduce_sum(a, [0, 1], keepdims=True))
    outs.append(f.reduce_max(q, [2, 0]))
    outs.append(f.reduce_min(i, 0))
    outs.append(f.reduce_mean(q, [-1], keepdims=True))
    outs.append(f.transpose(q, [2, 0, 1]))
    outs.append(f.softmax(a, 1))
    outs.append(f.softmax(q, -1))
    outs.append(a @ w)
    outs.append(-a)
    outs.append(a / a)
    f.ret(*outs)
    return m


def test_every_tensor_op_parses_with_the_inferred_types(ctx):
    m = every_op_module()
    module = parse_ok(ctx, m)
    printed = str(module)
    assert "vx_tensor.gelu %arg1 tanh : tensor<?x8xf32>" in printed
    assert "vx_tensor.matmul %arg3, %arg5 transpose_rhs" in printed
    assert "vx_tensor.reduce_max %arg3 dims [2, 0] : tensor<2x3x4xbf16>" in printed
    fn = m.functions[0]
    shapes = [str(t) for t in fn.result_types]
    assert shapes[0] == "tensor<4x8xf32>"
    assert "tensor<2x3x5xbf16>" in shapes          # batched matmul
    assert "tensor<2x3x5xbf16>" in shapes          # shared weight, transposed
    assert "tensor<2x5x5xbf16>" in shapes          # transpose_lhs
    assert "tensor<4x3xbf16>" in shapes            # both transposed: [5,4]^T x [3,5]^T
    assert "tensor<1x1xf32>" in shapes             # keepdims
    assert "tensor<3xbf16>" in shapes              # reduce_max over [2, 0]
    assert "tensor<4x2x3xbf16>" in shapes          # transpose [2, 0, 1]


def test_vortex_opt_accepts_builder_output(ctx):
    m = every_op_module()
    out = vortex_opt(m)
    assert "func.func @tensor_ops" in out
    # vortex-opt's canonical text and the C API's agree.
    assert Module.parse(ctx, out).to_string() == parse_ok(ctx, m).to_string()


def test_field_ops(ctx):
    m = ModuleBuilder()
    bb = FieldType("babybear")
    assert bb == FieldType(2013265921) and hash(bb) == hash(FieldType(2013265921))
    assert bb != FieldType(2013265921, montgomery=True)
    mont = FieldType(2013265921, montgomery=True)
    vec = T((None, 4), FR)
    f = m.function("fields", [FR, FR, bb, mont, vec, vec])
    p, q, b, mt, v, u = f.args
    r1 = f.pow(p * q + p, 5) - f.inv(f.square(-q))
    r2 = b ** 3
    r3 = f.add(mt, f.mul(mt, mt))
    r4 = f.sub(f.square(v), f.neg(u))
    c = f.field_constant(7, FR)
    r5 = f.add(p, c)
    c2 = f.field_constant(0, T((2, 4), FR))
    f.ret(r1, r2, r3, r4, r5, c2)
    text = str(m)
    assert "vx_field.pow %1, 5 : !vx_field.pf<bn254_fr>" in text
    assert "vx_field.mul %mt, %mt" not in text  # default names are arg<N>
    assert "!vx_field.pf<babybear, montgomery>" in text
    assert "tensor<?x4x!vx_field.pf<bn254_fr>>" in text
    printed = str(parse_ok(ctx, m))
    assert "vx_field.inv" in printed and "!bn254_fr" in printed
    assert vortex_opt(m)


def test_named_and_numeric_fields_print(ctx):
    for name, modulus in NAMED_FIELDS.items():
        assert str(FieldType(name)) == "!vx_field.pf<%s>" % name
        assert FieldType(modulus) == FieldType(name)
        assert str(FieldType(modulus)) == "!vx_field.pf<%s>" % name
    assert str(FieldType(97)) == "!vx_field.pf<97>"
    m = ModuleBuilder()
    f = m.function("g", [FieldType(97)])
    f.ret(f.inv(f.args[0]))
    parse_ok(ctx, m)


def test_constants_calls_and_casts(ctx):
    m = ModuleBuilder()
    decl = m.declare("printMemrefF32", [UnrankedTensorType("f32")],
                     attributes={"llvm.emit_c_interface": True})
    g = m.function("g", [F32_DYN2], arg_names=["x"])
    g.ret(g.exp(g.args[0]))
    main = m.function("main", [])
    c = main.constant([[1.0, -2.5e-30, 1e20], [float("inf"), float("-inf"), float("nan")]],
                      T((2, 3), "f32"))
    d = main.constant([[1, 2], [3, 4]], T((2, 2), "f64"))
    e = main.constant([1, -2, 3], T((3,), "i32"))
    flags = main.constant([True, False], T((2,), "i1"))
    splat = main.constant(0.5, T((3, 3), "bf16"))
    special = [main.constant([float("nan"), float("-inf"), 65504.0], T((3,), dt))
               for dt in ("f16", "bf16", "f64")]
    ints = main.constant([255, -128], T((2,), "i8"))
    r = main.call(g, main.tensor_cast(c, F32_DYN2))
    assert r.type == F32_DYN2
    assert main.call(decl, main.tensor_cast(r, UnrankedTensorType("f32"))) is None
    main.ret()
    text = str(m)
    assert "func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}" \
        in text
    assert "dense<[1, -2, 3]> : tensor<3xi32>" in text
    assert "dense<[true, false]> : tensor<2xi1>" in text
    assert "dense<0.5> : tensor<3x3xbf16>" in text
    assert "1.0e+20" in text and "-2.5e-30" in text and "0x7F800000" in text
    assert re.search(r"%\d+ = func.call @g\(%\d+\) : \(tensor<\?x\?xf32>\) -> tensor<\?x\?xf32>", text)
    assert "dense<[0x7E00, 0xFC00, 65504.0]> : tensor<3xf16>" in text
    assert "dense<[0x7FC0, 0xFF80, 65504.0]> : tensor<3xbf16>" in text
    del d, e, flags, splat, special, ints
    printed = str(parse_ok(ctx, m))
    assert "dense<[-1, -128]> : tensor<2xi8>" in printed


# ---------------------------------------------------------------------------
# Shapes: random agreement with the dialect
# ---------------------------------------------------------------------------


def random_pair(rng, compatible):
    rank = rng.randint(0, 4)
    a, b = [], []
    for _ in range(rank):
        n = rng.randint(1, 9)
        a.append(None if rng.random() < 0.3 else n)
        b.append(None if rng.random() < 0.3 else n)
    if not compatible:
        if rank and rng.random() < 0.7:
            d = rng.randrange(rank)
            a[d], b[d] = rng.randint(1, 4), rng.randint(5, 9)
        else:
            b.append(3)
    return tuple(a), tuple(b)


def test_random_binary_shapes_agree_with_the_dialect(ctx):
    seed = random.randrange(2 ** 32)
    rng = random.Random(seed)
    for case in range(40):
        compatible = case % 2 == 0
        sa, sb = random_pair(rng, compatible)
        ta, tb = T(sa, "f32"), T(sb, "f32")
        m = ModuleBuilder()
        f = m.function("g", [ta, tb])
        where = "seed %d: %s + %s" % (seed, ta, tb)
        raw = ("func.func @g(%%a: %s, %%b: %s) {\n  %%r = vx_tensor.add %%a, %%b : %s, %s\n"
               "  return\n}\n" % (ta, tb, ta, tb))
        if compatible:
            r = f.add(*f.args)
            f.ret(r)
            # The return type is Python's join; MLIR must infer the same.
            parse_ok(ctx, m)
            assert r.type.shape == tuple(x if x is not None else y for x, y in zip(sa, sb)), where
        else:
            with pytest.raises(ShapeError) as info:
                f.add(*f.args)
            with pytest.raises(VortexError) as mlir:
                Module.parse(ctx, raw)
            msg = str(info.value).split(": ", 1)[1]
            assert msg == mlir.value.diagnostics[0].message, where


# ---------------------------------------------------------------------------
# What the dialects reject, the builder rejects, with the dialect's words
# ---------------------------------------------------------------------------

# (argument types, builder call, equivalent IR line, builder exception,
#  builder message, text of MLIR's error)
REJECTED = [
    ([T((4,), "f32"), T((5,), "f32")], lambda f, a, b: f.add(a, b),
     "%r = vx_tensor.add %a0, %a1 : tensor<4xf32>, tensor<5xf32>",
     ShapeError, "vx_tensor.add: lhs dim 0 (4) does not match rhs dim 0 (5)",
     "lhs dim 0 (4) does not match rhs dim 0 (5)"),
    ([T((3, None, 6), "f32"), T((3, 2, 7), "f32")], lambda f, a, b: f.mul(a, b),
     "%r = vx_tensor.mul %a0, %a1 : tensor<3x?x6xf32>, tensor<3x2x7xf32>",
     ShapeError, "vx_tensor.mul: lhs dim 2 (6) does not match rhs dim 2 (7)",
     "lhs dim 2 (6) does not match rhs dim 2 (7)"),
    ([T((4,), "f32"), T((4, 1), "f32")], lambda f, a, b: f.sub(a, b),
     "%r = vx_tensor.sub %a0, %a1 : tensor<4xf32>, tensor<4x1xf32>",
     ShapeError, "vx_tensor.sub: lhs has rank 1 but rhs has rank 2",
     "lhs has rank 1 but rhs has rank 2"),
    ([T((4,), "f32"), T((4,), "f16")], lambda f, a, b: f.max(a, b),
     "%r = vx_tensor.max %a0, %a1 : tensor<4xf32>, tensor<4xf16>",
     BuilderTypeError, "vx_tensor.max: operand element types differ: 'f32' vs 'f16'",
     "operand element types differ: 'f32' vs 'f16'"),
    ([T((4, 8), "f32"), T((7, 16), "f32")], lambda f, a, b: f.matmul(a, b),
     "%r = vx_tensor.matmul %a0, %a1 : tensor<4x8xf32>, tensor<7x16xf32>",
     ShapeError, "vx_tensor.matmul: contracting dimensions differ: lhs dim 1 is 8 but rhs dim 0 is 7",
     "contracting dimensions differ: lhs dim 1 is 8 but rhs dim 0 is 7"),
    ([T((4, 8), "f32"), T((16, 7), "f32")],
     lambda f, a, b: f.matmul(a, b, transpose_rhs=True),
     "%r = vx_tensor.matmul %a0, %a1 transpose_rhs : tensor<4x8xf32>, tensor<16x7xf32>",
     ShapeError, "vx_tensor.matmul: contracting dimensions differ: lhs dim 1 is 8 but rhs dim 1 is 7",
     "contracting dimensions differ: lhs dim 1 is 8 but rhs dim 1 is 7"),
    ([T((2, 4, 8), "f32"), T((3, 8, 5), "f32")], lambda f, a, b: f.matmul(a, b),
     "%r = vx_tensor.matmul %a0, %a1 : tensor<2x4x8xf32>, tensor<3x8x5xf32>",
     ShapeError, "vx_tensor.matmul: batch dim 0 differs: lhs has 2, rhs has 3",
     "batch dim 0 differs: lhs has 2, rhs has 3"),
    ([T((4, 8), "f32"), T((8,), "f32")], lambda f, a, b: f.matmul(a, b),
     "%r = vx_tensor.matmul %a0, %a1 : tensor<4x8xf32>, tensor<8xf32>",
     ShapeError, "vx_tensor.matmul: rhs must have rank >= 2, has rank 1",
     "rhs must have rank >= 2, has rank 1"),
    ([T((1, 2, 4, 8), "f32"), T((2, 8, 5), "f32")], lambda f, a, b: f.matmul(a, b),
     "%r = vx_tensor.matmul %a0, %a1 : tensor<1x2x4x8xf32>, tensor<2x8x5xf32>",
     ShapeError, "vx_tensor.matmul: rhs must be 2-D or have the rank of lhs (4), has rank 3",
     "rhs must be 2-D or have the rank of lhs (4), has rank 3"),
    ([T((4, 8), "f32")], lambda f, a: f.reduce_sum(a, [2]),
     "%r = vx_tensor.reduce_sum %a0 dims [2] : tensor<4x8xf32>",
     ShapeError, "vx_tensor.reduce_sum: dims entry 2 is out of range for rank 2",
     "dims entry 2 is out of range for rank 2"),
    ([T((4, 8), "f32")], lambda f, a: f.reduce_max(a, [1, 1]),
     "%r = vx_tensor.reduce_max %a0 dims [1, 1] : tensor<4x8xf32>",
     ShapeError, "vx_tensor.reduce_max: dims repeats dimension 1",
     "dims repeats dimension 1"),
    ([T((4, 8), "f32")], lambda f, a: f.reduce_min(a, []),
     "%r = vx_tensor.reduce_min %a0 dims [] : tensor<4x8xf32>",
     ShapeError, "vx_tensor.reduce_min: dims must name at least one dimension",
     "dims must name at least one dimension"),
    ([T((4, None), "f32")], lambda f, a: f.cast(a, T((5, 3), "bf16")),
     "%r = vx_tensor.cast %a0 : tensor<4x?xf32> to tensor<5x3xbf16>",
     ShapeError, "vx_tensor.cast: input dim 0 (4) does not match result dim 0 (5)",
     "input dim 0 (4) does not match result dim 0 (5)"),
    ([T((4, 8), "f32")], lambda f, a: f.transpose(a, [0]),
     "%r = vx_tensor.transpose %a0 [0] : tensor<4x8xf32>",
     ShapeError, "vx_tensor.transpose: permutation has 1 entries but the input has rank 2",
     "permutation has 1 entries but the input has rank 2"),
    ([T((4,), "i32")], lambda f, a: f.exp(a),
     "%r = vx_tensor.exp %a0 : tensor<4xi32>",
     BuilderTypeError, "vx_tensor.exp needs a floating-point tensor (f16, bf16, f32, f64), "
                       "got tensor<4xi32>",
     "tensor<4xi32>"),
    ([T((4,), "i32")], lambda f, a: f.reduce_mean(a, [0]),
     "%r = vx_tensor.reduce_mean %a0 dims [0] : tensor<4xi32>",
     BuilderTypeError, "vx_tensor.reduce_mean needs a floating-point tensor", "tensor<4xi32>"),
    ([FR, FieldType("babybear")], lambda f, a, b: f.add(a, b),
     "%r = vx_field.add %a0, %a1 : !vx_field.pf<bn254_fr>",
     BuilderTypeError, "vx_field.add needs operands of one type, got !vx_field.pf<bn254_fr> and "
                       "!vx_field.pf<babybear>",
     "expects different type than prior uses"),
    ([T((4,), "f32")], lambda f, a: f.square(a),
     "%r = vx_field.square %a0 : tensor<4xf32>",
     BuilderTypeError, "vx_field.square needs a prime-field element or a tensor of them, "
                       "got tensor<4xf32>",
     "field element or tensor of them"),
]


@pytest.mark.parametrize("case", REJECTED, ids=[c[4].split(":")[0] + "-%d" % i
                                                for i, c in enumerate(REJECTED)])
def test_builder_rejects_what_the_dialect_rejects(ctx, case):
    arg_types, call, line, exc, builder_msg, mlir_msg = case
    m = ModuleBuilder()
    f = m.function("g", arg_types, arg_names=["a%d" % i for i in range(len(arg_types))])
    with pytest.raises(exc) as info:
        call(f, *f.args)
    assert builder_msg in str(info.value)
    assert isinstance(info.value, VortexError)
    # Nothing was emitted: the function can still be finished and is valid.
    f.ret()
    parse_ok(ctx, m)
    raw = "func.func @g(%s) {\n  %s\n  return\n}\n" % (
        ", ".join("%%a%d: %s" % (i, t) for i, t in enumerate(arg_types)), line)
    with pytest.raises(VortexError) as mlir:
        Module.parse(ctx, raw)
    assert any(mlir_msg in d.message for d in mlir.value.diagnostics), str(mlir.value)


def test_shape_errors_are_value_errors():
    m = ModuleBuilder()
    f = m.function("g", [T((4,), "f32"), T((5,), "f32")])
    with pytest.raises(ValueError, match=r"lhs dim 0 \(4\) does not match rhs dim 0 \(5\)"):
        f.args[0] + f.args[1]


# ---------------------------------------------------------------------------
# Misuse of the builder
# ---------------------------------------------------------------------------


def test_builder_misuse():
    with pytest.raises(BuilderTypeError, match="unsupported element type 'f8'"):
        T((4,), "f8")
    with pytest.raises(BuilderError, match="non-negative"):
        T((4, -1), "f32")
    with pytest.raises(BuilderError, match="unknown field 'p256'"):
        FieldType("p256")
    with pytest.raises(BuilderError, match="odd integer greater than 2, got 10"):
        FieldType(10)

    m = ModuleBuilder()
    f = m.function("f", [T((4,), "f32")], arg_names=["x"])
    g = m.function("g", [T((4,), "f32")])
    with pytest.raises(BuilderError, match=r"%x belongs to @f, not @g"):
        g.exp(f.args[0])
    with pytest.raises(BuilderError, match="already defined"):
        m.function("f", [])
    with pytest.raises(BuilderError, match="not an identifier"):
        m.function("h", [T((4,), "f32")], arg_names=["0"])
    with pytest.raises(BuilderError, match="used twice"):
        m.function("h2", [F32_DYN2, F32_DYN2], arg_names=["x", "x"])
    with pytest.raises(BuilderError, match="has no return"):
        str(m)
    with pytest.raises(BuilderError, match="has no return yet"):
        g.call(f, g.args[0])
    f.ret(f.args[0])
    with pytest.raises(BuilderError, match="already returned"):
        f.exp(f.args[0])
    with pytest.raises(BuilderTypeError, match="argument 0 of @f has type tensor<4xf32>"):
        h = m.function("h3", [F32_DYN2])
        h.call(f, h.args[0])
    with pytest.raises(BuilderError, match="takes 1 arguments, got 0"):
        g.call(f)
    with pytest.raises(ShapeError, match="values have 3 entries along dim 0"):
        g.constant([1.0, 2.0, 3.0], T((4,), "f32"))
    with pytest.raises(ShapeError, match="static shape"):
        g.constant([1.0], T((None,), "f32"))
    with pytest.raises(BuilderError, match="70000.0 overflows f16"):
        g.constant([70000.0], T((1,), "f16"))
    with pytest.raises(BuilderError, match="overflows f32"):
        g.constant([1e39], T((1,), "f32"))
    with pytest.raises(BuilderError, match="256 does not fit in i8"):
        g.constant([256], T((1,), "i8"))
    with pytest.raises(BuilderError, match=r"value 97 is not in \[0, 97\)"):
        g.field_constant(97, FieldType(97))
    with pytest.raises(BuilderError, match="non-negative integer"):
        m2 = ModuleBuilder()
        k = m2.function("k", [FR])
        k.pow(k.args[0], -1)
    with pytest.raises(BuilderTypeError, match="keeps the element type"):
        g.tensor_cast(g.args[0], UnrankedTensorType("f16"))


def test_float_literals_parse_exactly(ctx):
    # Values that Python prints without a '.' (1e-05) must still be written
    # as MLIR float literals, and the values must survive exactly.
    import numpy as np
    values = [1e-05, 1e20, -3e-45, 0.1, 2.0 ** -126, 3.4028234663852886e38, -0.0, 7.0]
    for dtype, np_dtype in (("f64", np.float64), ("f32", np.float32)):
        exact = np.array(values, dtype=np_dtype)
        m = ModuleBuilder()
        f = m.function("main", [])
        f.ret(f.constant(exact, T((len(values),), dtype)))
        printed = str(parse_ok(ctx, m))
        body = re.search(r"dense<\[(.*?)\]>", printed).group(1)
        back = np.array([float(x) for x in body.split(",")], dtype=np_dtype)
        assert back.tobytes() == exact.tobytes(), (dtype, printed)
