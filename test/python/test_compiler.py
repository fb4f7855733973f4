# RUN: %python -m pytest -q -p no:cacheprovider %s 2>&1 | FileCheck %s
# CHECK-NOT: failed
# CHECK: passed

"""vortex.compiler (compile in-process, the tool helpers) and vortex.capi's
library lookup, including its errors."""

import os
import subprocess
import sys
import textwrap

import pytest

import vortex
from vortex import Context, Module, ModuleBuilder, TensorType, VortexError
from vortex import capi
from vortex.compiler import ToolError, ToolNotFoundError

PROGRAM = """\
func.func @f(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {
  %s = vx_tensor.silu %a : tensor<?xf32>
  %r = vx_tensor.mul %s, %b : tensor<?xf32>
  return %r : tensor<?xf32>
}
"""

BAD = ("func.func @g(%a: tensor<4xf32>, %b: tensor<5xf32>) {\n"
       "  %r = vx_tensor.add %a, %b : tensor<4xf32>, tensor<5xf32>\n"
       "  return\n}\n")


def run_python(code, env_updates, unset=()):
    """Runs `code` in a fresh interpreter with the package importable."""
    env = dict(os.environ)
    env.update(env_updates)
    for k in unset:
        env.pop(k, None)
    pkg_root = os.path.dirname(os.path.dirname(os.path.abspath(vortex.__file__)))
    env["PYTHONPATH"] = pkg_root
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env,
                          capture_output=True, text=True, timeout=120)


# ---------------------------------------------------------------------------
# compile()
# ---------------------------------------------------------------------------


def test_compile_text():
    m = vortex.compile(PROGRAM)
    text = str(m)
    assert "llvm.func @f(" in text and "vx_tensor" not in text
    assert not m.context.closed


def test_compile_module_leaves_it_untouched():
    with Context() as ctx:
        src = Module.parse(ctx, PROGRAM)
        before = str(src)
        out = vortex.compile(src, "vx-to-cpu")
        assert str(src) == before
        assert out.context is ctx
        assert "llvm.func @f(" in str(out)
        with pytest.raises(VortexError, match="another context"):
            vortex.compile(src, context=Context())


def test_compile_builder_in_a_given_context():
    m = ModuleBuilder()
    f = m.function("f", [TensorType((None, 5), "bf16")])
    f.ret(f.gelu(f.args[0]))
    with Context() as ctx:
        out = vortex.compile(m, context=ctx)
        assert out.context is ctx
        assert "llvm.func @f(" in str(out)


def test_compile_other_pipelines():
    assert "vx_tensor.silu" in str(vortex.compile(PROGRAM, "canonicalize"))
    gpu = str(vortex.compile(PROGRAM, "vx-to-gpu"))
    assert "gpu.binary" in gpu


def test_compile_errors_carry_diagnostics():
    with pytest.raises(VortexError) as info:
        vortex.compile(BAD)
    assert "lhs dim 0 (4) does not match rhs dim 0 (5)" in str(info.value)
    assert info.value.diagnostics[0].line == 2
    with pytest.raises(VortexError, match="does not refer to a registered pass"):
        vortex.compile(PROGRAM, "vx-to-nowhere")


# ---------------------------------------------------------------------------
# Tools as subprocesses
# ---------------------------------------------------------------------------


def test_vortex_opt_roundtrip():
    out = vortex.vortex_opt(PROGRAM)
    assert "vx_tensor.silu %arg0 : tensor<?xf32>" in out
    lowered = vortex.vortex_opt(PROGRAM, "--vx-to-cpu")
    assert "llvm.func @f(" in lowered
    # The tool and the C API lower alike.
    with Context() as ctx:
        assert Module.parse(ctx, lowered).to_string() == str(vortex.compile(PROGRAM, context=ctx))


def test_tool_failure_is_a_tool_error():
    with pytest.raises(ToolError) as info:
        vortex.vortex_opt(BAD)
    err = info.value
    assert isinstance(err, VortexError)
    assert err.returncode != 0
    assert "lhs dim 0 (4) does not match rhs dim 0 (5)" in err.stderr
    assert "lhs dim 0 (4) does not match rhs dim 0 (5)" in str(err)
    assert "vortex-opt exited with status" in str(err)


def test_run_tool_without_check():
    proc = vortex.run_tool("vortex-opt", ["-"], BAD, check=False)
    assert proc.returncode != 0 and "does not match" in proc.stderr


def test_find_tool_honours_vortex_tools_dir(tmp_path, monkeypatch):
    fake = tmp_path / "vortex-opt"
    fake.write_text("#!/bin/sh\necho fake vortex-opt \"$@\"\n")
    fake.chmod(0o755)
    monkeypatch.setenv("VORTEX_TOOLS_DIR", str(tmp_path))
    assert vortex.find_tool("vortex-opt") == str(fake)
    assert vortex.vortex_opt("", "--x").strip() == "fake vortex-opt --x -"


def test_missing_tool_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("VORTEX_TOOLS_DIR", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolNotFoundError) as info:
        vortex.vortex_opt(PROGRAM)
    msg = str(info.value)
    assert "cannot find vortex-opt" in msg
    assert "VORTEX_TOOLS_DIR=%s" % tmp_path in msg
    assert isinstance(info.value, VortexError)


def test_tool_timeout(tmp_path, monkeypatch):
    slow = tmp_path / "vortex-opt"
    slow.write_text("#!/bin/sh\nexec sleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("VORTEX_TOOLS_DIR", str(tmp_path))
    with pytest.raises(ToolError, match="timed out after 0.5s"):
        vortex.vortex_opt(PROGRAM, timeout=0.5)


# ---------------------------------------------------------------------------
# Finding libVortexCAPI.so
# ---------------------------------------------------------------------------


def test_library_is_the_one_lit_points_at():
    libs_dir = os.environ.get("VORTEX_LIBS_DIR")
    if not libs_dir:
        pytest.skip("VORTEX_LIBS_DIR is not set (lit sets it)")
    assert os.path.samefile(capi.library_path(),
                            os.path.join(libs_dir, capi.LIBRARY_NAME))


def test_missing_library_is_a_clear_vortex_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_python("""
        import vortex
        # The builder needs no library.
        m = vortex.ModuleBuilder()
        f = m.function("f", [vortex.TensorType((4,), "f32")])
        f.ret(f.exp(f.args[0]))
        assert "vx_tensor.exp" in str(m)
        try:
            vortex.Context()
        except vortex.VortexError as e:
            print("VortexError:", e)
        else:
            print("no error")
    """, {"VORTEX_LIBS_DIR": str(empty)})
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("VortexError: cannot find the Vortex C API library libVortexCAPI.so"), out
    assert "VORTEX_LIBS_DIR is set to %r" % str(empty) in out
    assert os.path.join(str(empty), "libVortexCAPI.so") in out


def test_unloadable_library_is_a_clear_vortex_error(tmp_path):
    (tmp_path / "libVortexCAPI.so").write_bytes(b"this is not an ELF file")
    proc = run_python("""
        import vortex
        try:
            vortex.compile("module {}")
        except vortex.VortexError as e:
            print("VortexError:", e)
    """, {"VORTEX_LIBS_DIR": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("VortexError: cannot load %s" % (tmp_path / "libVortexCAPI.so")), \
        proc.stdout


def test_library_found_next_to_the_package_without_env():
    # Source checkout layout: python/vortex next to build/lib.
    pkg = os.path.dirname(os.path.abspath(vortex.__file__))
    guess = os.path.normpath(os.path.join(pkg, "..", "..", "build", "lib", capi.LIBRARY_NAME))
    if not os.path.isfile(guess):
        pytest.skip("no build tree next to the package")
    proc = run_python("""
        import vortex
        from vortex import capi
        vortex.Context().close()
        print(capi.library_path())
    """, {}, unset=["VORTEX_LIBS_DIR"])
    assert proc.returncode == 0, proc.stderr
    assert os.path.samefile(proc.stdout.strip(), guess)


def test_signatures_mirror_the_c_structs():
    import ctypes
    # Handles are one pointer, MlirStringRef is pointer + size_t, and
    # MlirLogicalResult is one int8_t.
    assert ctypes.sizeof(capi.MlirContext) == ctypes.sizeof(ctypes.c_void_p)
    assert [f[0] for f in capi.MlirStringRef._fields_] == ["data", "length"]
    assert ctypes.sizeof(capi.MlirStringRef) == 2 * ctypes.sizeof(ctypes.c_void_p)
    assert capi.MlirLogicalResult._fields_ == [("value", ctypes.c_int8)]
    lib = capi.lib()
    assert lib.mlirModuleCreateParse.restype is capi.MlirModule
    assert lib.mlirParsePassPipeline.restype is capi.MlirLogicalResult
