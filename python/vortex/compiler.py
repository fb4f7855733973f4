"""Compiling vx IR: in-process through the C API (:func:`compile`), or with
the command-line tools as subprocesses (:func:`run_tool`, :func:`vortex_opt`,
:func:`vortex_translate`, :func:`mlir_runner`).

Tools are looked up in ``$VORTEX_TOOLS_DIR`` (build/bin of a Vortex build)
and then on ``PATH``; mlir-runner also in ``$LLVM_TOOLS_DIR`` and LLVM 22's
Debian location.
"""

import os
import subprocess

from .capi import VortexError
from .ir import Context, Module

__all__ = [
    "compile", "ToolNotFoundError", "ToolError", "find_tool", "run_tool",
    "vortex_opt", "vortex_translate", "mlir_runner", "find_runner_libs",
]

TOOLS_DIR_ENV = "VORTEX_TOOLS_DIR"
LLVM_TOOLS_DIR_ENV = "LLVM_TOOLS_DIR"
_DEFAULT_LLVM_BIN = "/usr/lib/llvm-22/bin"


def compile(source, pipeline="vx-to-cpu", *, context=None):  # noqa: A001
    """Lowers ``source`` through the textual pass ``pipeline`` in-process
    and returns the resulting :class:`~vortex.ir.Module`.

    ``source`` is IR text, a :class:`~vortex.ir.Module` (left untouched: a
    clone is lowered) or anything whose ``str()`` is IR text, such as a
    :class:`~vortex.builder.ModuleBuilder`. Text is parsed in ``context``, or
    in a new :class:`~vortex.ir.Context` that the returned module keeps
    alive. Raises VortexError with MLIR's diagnostics on failure.
    """
    if isinstance(source, Module):
        if context is not None and context is not source.context:
            raise VortexError("compile: the module belongs to another context")
        module = source.clone()
    else:
        ctx = context if context is not None else Context()
        module = Module.parse(ctx, str(source))
    try:
        module.run_pipeline(pipeline)
    except BaseException:
        module.destroy()
        raise
    return module


class ToolNotFoundError(VortexError):
    """A command-line tool could not be found."""


class ToolError(VortexError):
    """A command-line tool failed; ``returncode``, ``cmd``, ``stdout`` and
    ``stderr`` say how."""

    def __init__(self, cmd, returncode, stdout, stderr, note=""):
        self.cmd = list(cmd)
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        if returncode is None:
            how = "timed out"
        elif returncode < 0:
            how = "was killed by signal %d" % -returncode
        else:
            how = "exited with status %d" % returncode
        text = "%s %s%s" % (os.path.basename(cmd[0]), how, note)
        text += "\ncommand: %s" % " ".join(cmd)
        if stderr and stderr.strip():
            text += "\nstderr:\n" + stderr.rstrip()
        super().__init__(text)


def _path_dirs():
    return [d for d in os.environ.get("PATH", "").split(os.pathsep) if d]


def find_tool(name, extra_dirs=()):
    """The path of the executable ``name``: in ``$VORTEX_TOOLS_DIR``, then
    on PATH, then in ``extra_dirs``. Raises ToolNotFoundError listing the
    places searched."""
    dirs = []
    tools_dir = os.environ.get(TOOLS_DIR_ENV)
    if tools_dir:
        dirs.append(tools_dir)
    dirs += _path_dirs()
    dirs += [d for d in extra_dirs if d]
    for d in dirs:
        path = os.path.join(d, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    where = "%s=%s" % (TOOLS_DIR_ENV, tools_dir) if tools_dir else "%s is not set" % TOOLS_DIR_ENV
    raise ToolNotFoundError(
        "cannot find %s (%s; searched %s). Set %s to the bin directory of a "
        "Vortex build (build/bin) or put the tool on PATH."
        % (name, where, os.pathsep.join(dirs) or "nothing", TOOLS_DIR_ENV))


def run_tool(tool, args=(), input=None, *, timeout=None, check=True,  # noqa: A002
             extra_dirs=()):
    """Runs ``tool`` (a name looked up with :func:`find_tool`, or a path)
    with ``args``, feeding ``input`` (str) on stdin. Returns the
    CompletedProcess (text mode). With ``check``, a non-zero exit or a
    timeout raises ToolError carrying the tool's stderr."""
    path = tool if os.sep in tool else find_tool(tool, extra_dirs)
    cmd = [path] + [str(a) for a in args]
    try:
        proc = subprocess.run(cmd, input=input, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
        raise ToolError(cmd, None, out, err, " after %ss" % timeout) from None
    except OSError as e:
        raise ToolNotFoundError("cannot run %s: %s" % (path, e)) from None
    if check and proc.returncode != 0:
        raise ToolError(cmd, proc.returncode, proc.stdout, proc.stderr)
    return proc


def vortex_opt(text, *args, timeout=None):
    """``vortex-opt args`` on ``text`` (str() of a module or builder works
    too); returns its stdout."""
    return run_tool("vortex-opt", list(args) + ["-"], str(text), timeout=timeout).stdout


def vortex_translate(text, *args, timeout=None):
    """``vortex-translate args`` on ``text``; returns its stdout."""
    return run_tool("vortex-translate", list(args) + ["-"], str(text), timeout=timeout).stdout


def _llvm_dirs():
    return [os.environ.get(LLVM_TOOLS_DIR_ENV), _DEFAULT_LLVM_BIN]


def find_runner_libs(runner_path=None):
    """The two runtime libraries mlir-runner needs for printMemref* and
    friends, next to the LLVM that provides ``runner_path``."""
    runner_path = runner_path or find_tool("mlir-runner", _llvm_dirs())
    libdir = os.path.join(os.path.dirname(os.path.realpath(runner_path)), "..", "lib")
    libs = []
    for name in ("libmlir_runner_utils.so", "libmlir_c_runner_utils.so"):
        path = os.path.normpath(os.path.join(libdir, name))
        if not os.path.isfile(path):
            raise ToolNotFoundError("cannot find %s next to %s (looked in %s)"
                                    % (name, runner_path, os.path.normpath(libdir)))
        libs.append(path)
    return libs


def mlir_runner(text, entry="main", entry_result="void", shared_libs=None, timeout=None):
    """Runs LLVM-dialect IR ``text`` (e.g. the output of ``compile(...,
    "vx-to-cpu")``) with mlir-runner from ``entry`` and returns its stdout.
    ``shared_libs`` defaults to MLIR's runner utility libraries."""
    runner = find_tool("mlir-runner", _llvm_dirs())
    if shared_libs is None:
        shared_libs = find_runner_libs(runner)
    args = ["-e", entry, "-entry-point-result=%s" % entry_result]
    if shared_libs:
        args.append("-shared-libs=%s" % ",".join(shared_libs))
    return run_tool(runner, args, str(text), timeout=timeout).stdout
