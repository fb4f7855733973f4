# RUN: %python -m pytest -q -p no:cacheprovider %s 2>&1 | FileCheck %s
# CHECK-NOT: failed
# CHECK: passed

"""vortex.ir over the C API: contexts, parsing and printing vx IR,
diagnostics as exceptions, verification, pass pipelines, lifetimes."""

import gc
import re

import pytest

import vortex
from vortex import Context, Diagnostic, Module, VortexError

PROGRAM = """\
func.func @f(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %s = vx_tensor.silu %a : tensor<?xf32>
  %r = vx_tensor.mul %s, %b : tensor<?xf32>
  return %r : tensor<?xf32>
}
"""

# Canonical syntax of a few ops of each vx dialect this package builds.
ROUNDTRIP = """\
func.func @g(%a: tensor<4x?xf32>, %b: tensor<?x8xf32>, %c: tensor<8x16xbf16>,
             %p: !vx_field.pf<bn254_fr>, %q: !vx_field.pf<2013265921, montgomery>)
    -> (tensor<4x8xf32>, tensor<4x1xf32>, tensor<4x16xbf16>, tensor<4x8xbf16>,
        !vx_field.pf<bn254_fr>, !vx_field.pf<2013265921, montgomery>) {
  %0 = vx_tensor.add %a, %b : tensor<4x?xf32>, tensor<?x8xf32>
  %1 = vx_tensor.gelu %0 tanh : tensor<4x8xf32>
  %2 = vx_tensor.reduce_sum %1 dims [1] keepdims : tensor<4x8xf32>
  %3 = vx_tensor.cast %1 : tensor<4x8xf32> to tensor<4x8xbf16>
  %4 = vx_tensor.matmul %3, %c : tensor<4x8xbf16>, tensor<8x16xbf16>
  %5 = vx_field.mul %p, %p : !vx_field.pf<bn254_fr>
  %6 = vx_field.pow %5, 17 : !vx_field.pf<bn254_fr>
  %7 = vx_field.inv %q : !vx_field.pf<2013265921, montgomery>
  return %1, %2, %4, %3, %6, %7 : tensor<4x8xf32>, tensor<4x1xf32>, tensor<4x16xbf16>,
      tensor<4x8xbf16>, !vx_field.pf<bn254_fr>, !vx_field.pf<2013265921, montgomery>
}
"""


@pytest.fixture
def ctx():
    with Context() as c:
        yield c


def test_dialects_are_registered(ctx):
    for op in ("vx_tensor.add", "vx_tensor.matmul", "vx_field.pow", "func.func",
               "llvm.func"):
        assert ctx.is_registered_operation(op), op
    assert not ctx.is_registered_operation("vx_tensor.no_such_op")


def test_parse_and_print(ctx):
    m = Module.parse(ctx, PROGRAM)
    text = str(m)
    assert text.startswith("module {")
    assert "vx_tensor.silu %arg0 : tensor<?xf32>" in text
    assert "vx_tensor.mul %0, %arg1 : tensor<?xf32>" in text
    assert m.verify() is True
    # The printed form parses back to the same text.
    assert str(Module.parse(ctx, text)) == text


def test_roundtrip_of_vx_ops(ctx):
    m = Module.parse(ctx, ROUNDTRIP)
    text = str(m)
    # Inferred and aliased types as the dialects print them.
    assert "vx_tensor.add %arg0, %arg1 : tensor<4x?xf32>, tensor<?x8xf32>" in text
    assert "vx_tensor.reduce_sum %1 dims [1] keepdims : tensor<4x8xf32>" in text
    assert "vx_tensor.matmul %3, %arg2 : tensor<4x8xbf16>, tensor<8x16xbf16>" in text
    assert "!bn254_fr = !vx_field.pf<2188824287183927522224640574525727508854836440041603434369" \
           "8204186575808495617>" in text
    assert "vx_field.pow %5, 17 : !bn254_fr" in text
    assert "!vx_field.pf<2013265921, montgomery>" in text
    assert str(Module.parse(ctx, text)) == text


def test_debug_info_and_generic_printing(ctx):
    m = Module.parse(ctx, PROGRAM)
    with_locs = m.to_string(debug_info=True)
    assert re.search(r'loc\("-":2:8\)', with_locs), with_locs
    generic = m.to_string(generic=True)
    assert '"vx_tensor.silu"(%arg0)' in generic


def test_shape_mismatch_is_an_exception_with_location(ctx):
    bad = ("func.func @g(%a: tensor<4xf32>, %b: tensor<5xf32>) {\n"
           "  %r = vx_tensor.add %a, %b : tensor<4xf32>, tensor<5xf32>\n"
           "  return\n}\n")
    with pytest.raises(VortexError) as info:
        Module.parse(ctx, bad)
    err = info.value
    assert len(err.diagnostics) == 1
    d = err.diagnostics[0]
    assert isinstance(d, Diagnostic)
    assert d.severity == "error"
    assert d.message == "lhs dim 0 (4) does not match rhs dim 0 (5)"
    assert (d.line, d.column) == (2, 8)
    # The exception's text carries message and location.
    assert "lhs dim 0 (4) does not match rhs dim 0 (5)" in str(err)
    assert ":2:8" in str(err)
    # Nothing leaked into the context's stray diagnostics.
    assert ctx.diagnostics == []


@pytest.mark.parametrize("line, message", [
    ("%r = vx_tensor.cast %a : tensor<4xf32> to tensor<5xbf16>",
     "input dim 0 (4) does not match result dim 0 (5)"),
    ("%r = vx_tensor.reduce_sum %a dims [1] : tensor<4xf32>",
     "dims entry 1 is out of range for rank 1"),
    ("%r = vx_tensor.exp %i : tensor<4xi32>", "tensor<4xi32>"),
    ("%r = vx_tensor.bogus %a : tensor<4xf32>", "custom op 'vx_tensor.bogus' is unknown"),
    ("%r = vx_field.add %a, %a : !vx_field.pf<10>",
     "modulus must be an odd integer greater than 2, got 10"),
    ("%r = vx_field.add %a, %a : !vx_field.pf<p256>", "unknown field 'p256'"),
])
def test_verifier_and_parser_errors(ctx, line, message):
    text = ("func.func @g(%a: tensor<4xf32>, %i: tensor<4xi32>) {\n  " + line
            + "\n  return\n}\n")
    with pytest.raises(VortexError) as info:
        Module.parse(ctx, text)
    errors = [d for d in info.value.diagnostics if d.severity == "error"]
    assert errors, info.value
    assert any(message in d.message for d in errors), info.value
    assert errors[0].line == 2, info.value


def test_diagnostics_are_consumed_not_printed(ctx, capfd):
    # The handler reports success, so MLIR's default handler does not also
    # print the diagnostic on stderr.
    capfd.readouterr()
    with pytest.raises(VortexError):
        Module.parse(ctx, "func.func @g(%a: tensor<4xf32>) {\n  %r = vx_tensor.nope %a\n}\n")
    out, err = capfd.readouterr()
    assert "nope" not in err and "nope" not in out, (out, err)


def test_every_diagnostic_and_its_notes_are_kept(ctx):
    text = ("func.func @g(%a: tensor<4xf32>) {\n"
            "  %r = vx_tensor.neg %a : tensor<4xf32>\n"
            "  %r = vx_tensor.neg %a : tensor<4xf32>\n"
            "  return\n}\n")
    with pytest.raises(VortexError) as info:
        Module.parse(ctx, text)
    (d,) = info.value.diagnostics
    assert "redefinition of SSA value '%r'" in d.message
    assert d.line == 3
    assert [n.severity for n in d.notes] == ["note"]
    assert "previously defined here" in d.notes[0].message
    assert d.notes[0].line == 2
    assert "previously defined here" in str(info.value)


def test_handler_survives_garbage_collection(ctx):
    # The ctypes callback must be kept alive by the context.
    gc.collect()
    for _ in range(3):
        with pytest.raises(VortexError, match="does not match"):
            Module.parse(ctx, "func.func @g(%a: tensor<2xf32>, %b: tensor<3xf32>) {\n"
                              "  %r = vx_tensor.sub %a, %b : tensor<2xf32>, tensor<3xf32>\n"
                              "  return\n}\n")
        gc.collect()


def test_vx_to_cpu_in_process(ctx):
    m = Module.parse(ctx, PROGRAM)
    assert m.run_pipeline("vx-to-cpu") is m
    text = str(m)
    assert "llvm.func @f(" in text
    assert "llvm.intr.exp" in text
    assert "vx_tensor." not in text and "func.func" not in text
    m.verify()


def test_pipeline_spellings(ctx):
    a = Module.parse(ctx, PROGRAM).run_pipeline("builtin.module(vx-to-cpu)")
    b = Module.parse(ctx, PROGRAM).run_pipeline("  vx-to-cpu ")
    assert str(a) == str(b)
    c = Module.parse(ctx, PROGRAM).run_pipeline("canonicalize,cse")
    assert "vx_tensor.silu" in str(c)


def test_bad_pipeline(ctx):
    m = Module.parse(ctx, PROGRAM)
    with pytest.raises(VortexError, match="'no-such-pass' does not refer to a registered pass"):
        m.run_pipeline("no-such-pass")
    with pytest.raises(VortexError, match="empty pass pipeline"):
        m.run_pipeline("")
    # The module is untouched and usable.
    assert "vx_tensor.silu" in str(m)


def test_failing_pass_raises_with_diagnostics(ctx):
    # one-shot-bufferize refuses ops it cannot bufferize (the vx ops) unless
    # told to allow unknown ops: a pass failure with a located error.
    m = Module.parse(ctx, PROGRAM)
    with pytest.raises(VortexError) as info:
        m.run_pipeline("one-shot-bufferize")
    errors = [d for d in info.value.diagnostics if d.severity == "error"]
    assert errors, info.value
    assert "failed" in info.value.message
    assert all(d.location for d in errors)


def test_prime_field_types(ctx):
    fr = ctx.prime_field("bn254_fr")
    assert fr.is_prime_field and fr.modulus_bit_width == 254
    assert str(fr) == ("!vx_field.pf<2188824287183927522224640574525727508854836440041603434"
                       "3698204186575808495617>")
    assert str(ctx.prime_field(2013265921, montgomery=True)) == \
        "!vx_field.pf<2013265921, montgomery>"
    assert str(ctx.prime_field("babybear", montgomery=True)) == \
        "!vx_field.pf<2013265921, montgomery>"
    assert ctx.prime_field("goldilocks").modulus_bit_width == 64
    with pytest.raises(VortexError, match="modulus must be an odd integer greater than 2, got 10"):
        ctx.prime_field(10)
    with pytest.raises(VortexError, match="p256"):
        ctx.prime_field("p256")


def test_named_fields_table_matches_the_dialect(ctx):
    from vortex.builder import NAMED_FIELDS
    for name, modulus in NAMED_FIELDS.items():
        assert str(ctx.prime_field(name)) == "!vx_field.pf<%d>" % modulus, name


def test_clone_is_independent(ctx):
    m = Module.parse(ctx, PROGRAM)
    c = m.clone()
    c.run_pipeline("vx-to-cpu")
    assert "vx_tensor.silu" in str(m)
    assert "llvm.func" in str(c)


def test_close_destroys_modules_first():
    ctx = Context()
    m = Module.parse(ctx, PROGRAM)
    keep = Module.parse(ctx, PROGRAM)
    m.destroy()
    with pytest.raises(VortexError, match="destroyed"):
        str(m)
    ctx.close()
    assert ctx.closed
    with pytest.raises(VortexError):
        str(keep)
    with pytest.raises(VortexError, match="closed"):
        Module.parse(ctx, PROGRAM)
    ctx.close()  # idempotent


def test_module_keeps_its_context_alive():
    m = Module.parse(Context(), PROGRAM)
    gc.collect()
    assert "vx_tensor.silu" in str(m)
    with pytest.raises(VortexError, match="does not match"):
        Module.parse(m.context, "func.func @g(%a: tensor<2xf32>, %b: tensor<3xf32>) {\n"
                                "  %r = vx_tensor.max %a, %b : tensor<2xf32>, tensor<3xf32>\n"
                                "  return\n}\n")
    del m
    gc.collect()


def test_many_contexts():
    for threading in (False, True, False, True):
        with Context(threading=threading) as c:
            Module.parse(c, PROGRAM).run_pipeline("vx-to-cpu")
            with pytest.raises(VortexError, match="does not match"):
                Module.parse(c, "func.func @g(%a: tensor<2xf32>, %b: tensor<3xf32>) {\n"
                                "  %r = vx_tensor.min %a, %b : tensor<2xf32>, tensor<3xf32>\n"
                                "  return\n}\n")


def test_interpreter_exit_with_live_objects():
    # Contexts and modules left alive at exit (in globals, in a cycle) must
    # not crash the interpreter on the way out.
    import os
    import subprocess
    import sys
    code = (
        "import vortex\n"
        "ctx = vortex.Context()\n"
        "mods = [vortex.Module.parse(ctx, %r) for _ in range(3)]\n"
        "low = vortex.compile(%r)\n"
        "class Cycle: pass\n"
        "c = Cycle(); c.self = c; c.m = vortex.Module.parse(vortex.Context(), %r)\n"
        "print('ok')\n" % (PROGRAM, PROGRAM, PROGRAM))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(vortex.__file__)))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout == "ok\n", (proc.returncode, proc.stderr)
    assert proc.stderr == ""


def test_package_exports():
    for name in ("Context", "Module", "Diagnostic", "VortexError", "ModuleBuilder",
                 "TensorType", "FieldType", "compile", "run_tool", "vortex_opt"):
        assert hasattr(vortex, name), name
