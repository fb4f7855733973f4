# -*- Python -*-
"""lit configuration of the Vortex regression suite (`ninja check-vortex`)."""

import os
import shutil
import subprocess

import lit.formats
import lit.util
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "VORTEX"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".py", ".c", ".test", ".vx"]
config.excludes = ["CMakeLists.txt", "README.md", "lit.cfg.py", "lit.site.cfg.py",
                   "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.vortex_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%shlibext", config.llvm_shlib_ext))
config.substitutions.append(("%vortex_src_root", config.vortex_src_root))
config.substitutions.append(("%vortex_obj_root", config.vortex_obj_root))
config.substitutions.append(("%vortex_libs", config.vortex_libs_dir))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%mlir_runner_utils",
     os.path.join(config.llvm_lib_dir, "libmlir_runner_utils" + config.llvm_shlib_ext)))
config.substitutions.append(
    ("%mlir_c_runner_utils",
     os.path.join(config.llvm_lib_dir, "libmlir_c_runner_utils" + config.llvm_shlib_ext)))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP", "CUDA_HOME"])
llvm_config.use_default_substitutions()

# The Python package of the source tree, importable by the tests.
llvm_config.with_environment("PYTHONPATH", os.path.join(config.vortex_src_root, "python"),
                             append_path=True)
llvm_config.with_environment("VORTEX_TOOLS_DIR", config.vortex_tools_dir)
llvm_config.with_environment("VORTEX_LIBS_DIR", config.vortex_libs_dir)

tool_dirs = [config.vortex_tools_dir, config.llvm_tools_dir]
tools = [
    "vortex-opt",
    "vortex-translate",
    "vortex-lsp-server",
    "vortex-capi-test",
    "vortex-runtime-test",
    "vortex-artifact-test",
    ToolSubst("vortex-vx-fuzzer", unresolved="ignore"),
    "mlir-runner",
    "not",
    "count",
    ToolSubst("%mlir-runner", command="mlir-runner", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# The .vx fuzzer is built where clang supports -fsanitize=fuzzer.
if os.path.exists(os.path.join(config.vortex_tools_dir, "vortex-vx-fuzzer")):
    config.available_features.add("vx-fuzzer")

# GPU tests run where an NVIDIA driver answers.
def _have_cuda_gpu():
    smi = shutil.which("nvidia-smi")
    if not smi:
        return False
    try:
        return subprocess.run([smi, "-L"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False

if _have_cuda_gpu():
    config.available_features.add("cuda-gpu")

# ptxas makes cubins; PTX needs nothing.
cuda_home = os.environ.get("CUDA_HOME", "/usr/local/cuda")
if os.path.exists(os.path.join(cuda_home, "bin", "ptxas")):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", os.path.join(cuda_home, "bin", "ptxas")))

try:
    import numpy  # noqa: F401
    config.available_features.add("numpy")
except ImportError:
    pass
