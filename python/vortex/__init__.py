"""Vortex from Python, over the C API in libVortexCAPI.so (through ctypes).

- :mod:`vortex.capi`: finding and loading the library, ctypes signatures.
- :mod:`vortex.ir`: :class:`Context`, :class:`Module` (parse, verify, print,
  run_pipeline), :class:`Diagnostic`.
- :mod:`vortex.builder`: a builder of vx IR text with shape inference.
- :mod:`vortex.compiler`: :func:`compile` in-process, and helpers that run
  vortex-opt, vortex-translate and mlir-runner as subprocesses.

Importing the package does not load the library; creating a Context does.
"""

from .capi import VortexError
from .ir import Context, Diagnostic, Module, Type
from .builder import (
    BuilderError,
    BuilderTypeError,
    FieldType,
    FunctionDecl,
    Function,
    ModuleBuilder,
    ShapeError,
    TensorType,
    UnrankedTensorType,
    Value,
)
from .compiler import (
    ToolError,
    ToolNotFoundError,
    compile,  # noqa: F401 - vortex.compile, kept out of __all__
    find_tool,
    mlir_runner,
    run_tool,
    vortex_opt,
    vortex_translate,
)

# `compile` is left out so that `from vortex import *` does not shadow the
# builtin; use vortex.compile.
__all__ = [
    "VortexError", "Context", "Diagnostic", "Module", "Type",
    "BuilderError", "BuilderTypeError", "ShapeError", "FieldType", "TensorType",
    "UnrankedTensorType", "Function", "FunctionDecl", "ModuleBuilder", "Value",
    "ToolError", "ToolNotFoundError", "find_tool", "run_tool", "vortex_opt",
    "vortex_translate", "mlir_runner",
]
