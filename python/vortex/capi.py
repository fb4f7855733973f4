"""ctypes bindings of libVortexCAPI.so: MLIR's C API plus Vortex's own entry
points (include/Vortex-c/Dialects.h).

The library is looked up, on first use, in this order:

1. ``$VORTEX_LIBS_DIR/libVortexCAPI.so`` when the ``VORTEX_LIBS_DIR``
   environment variable is set (and not empty). The variable is authoritative: when it is set
   and the library is not there, loading fails (nothing else is tried), so
   that a test or a user never silently picks up another build.
2. Next to the package in a build tree: ``<pkg>/``, ``<pkg>/../lib``,
   ``<pkg>/../../lib`` and ``<pkg>/../../build/lib`` (the last one is the
   layout of a source checkout, python/vortex next to build/lib).
3. The system loader (``LD_LIBRARY_PATH``, ldconfig, rpaths).

Importing this module does not load the library; :func:`lib` does, and raises
:class:`VortexError` with every place it looked when it cannot.

The MLIR C API passes its handles as single-pointer structs by value
(``struct MlirContext { void *ptr; }``), strings as ``MlirStringRef {const
char *data; size_t length;}`` and results as ``MlirLogicalResult {int8_t
value;}``. They are mirrored here as ctypes structures of exactly those
fields, so that libffi passes them the way the C compiler does.
"""

import ctypes
import ctypes.util
import os
import sys
import threading

__all__ = [
    "VortexError",
    "LIBRARY_NAME",
    "lib",
    "library_path",
    "candidate_paths",
    "MlirStringRef",
    "MlirLogicalResult",
    "MlirStringCallback",
    "MlirDiagnosticHandler",
    "to_string_ref",
    "StringCollector",
]


class VortexError(Exception):
    """Any error raised by the vortex package.

    ``diagnostics`` holds the MLIR diagnostics (:class:`vortex.ir.Diagnostic`)
    that explain the failure, when there are any.
    """

    def __init__(self, message, diagnostics=()):
        self.diagnostics = list(diagnostics)
        self.message = message
        if self.diagnostics:
            message = message + "\n" + "\n".join(str(d) for d in self.diagnostics)
        super().__init__(message)


if sys.platform == "darwin":
    LIBRARY_NAME = "libVortexCAPI.dylib"
elif sys.platform == "win32":
    LIBRARY_NAME = "VortexCAPI.dll"
else:
    LIBRARY_NAME = "libVortexCAPI.so"

LIBS_DIR_ENV = "VORTEX_LIBS_DIR"

# ---------------------------------------------------------------------------
# C types
# ---------------------------------------------------------------------------


def _handle(name):
    """A C API handle: ``struct <name> { void *ptr; }``."""

    def is_null(self):
        return not self.ptr

    def __repr__(self):
        return "%s(0x%x)" % (name, self.ptr or 0)

    return type(name, (ctypes.Structure,),
                {"_fields_": [("ptr", ctypes.c_void_p)], "is_null": is_null,
                 "__repr__": __repr__})


MlirContext = _handle("MlirContext")
MlirDialect = _handle("MlirDialect")
MlirDialectRegistry = _handle("MlirDialectRegistry")
MlirLocation = _handle("MlirLocation")
MlirModule = _handle("MlirModule")
MlirOperation = _handle("MlirOperation")
MlirType = _handle("MlirType")
MlirDiagnostic = _handle("MlirDiagnostic")
MlirPassManager = _handle("MlirPassManager")
MlirOpPassManager = _handle("MlirOpPassManager")
MlirOpPrintingFlags = _handle("MlirOpPrintingFlags")
MlirIdentifier = _handle("MlirIdentifier")


class MlirStringRef(ctypes.Structure):
    """``struct MlirStringRef { const char *data; size_t length; }``: not
    NUL-terminated, so it is read with its length."""

    _fields_ = [("data", ctypes.c_void_p), ("length", ctypes.c_size_t)]

    def to_bytes(self):
        if not self.length:
            return b""
        return ctypes.string_at(self.data, self.length)

    def __str__(self):
        return self.to_bytes().decode("utf-8", errors="replace")


class MlirLogicalResult(ctypes.Structure):
    """``struct MlirLogicalResult { int8_t value; }``: 1 is success."""

    _fields_ = [("value", ctypes.c_int8)]

    def succeeded(self):
        return self.value != 0


# MlirDiagnosticSeverity (an enum, passed as int).
SEVERITY_ERROR, SEVERITY_WARNING, SEVERITY_NOTE, SEVERITY_REMARK = range(4)

MlirDiagnosticHandlerID = ctypes.c_uint64

# void (*MlirStringCallback)(MlirStringRef, void *userData)
MlirStringCallback = ctypes.CFUNCTYPE(None, MlirStringRef, ctypes.c_void_p)

# MlirLogicalResult (*MlirDiagnosticHandler)(MlirDiagnostic, void *userData)
#
# ctypes cannot return a structure from a Python callback ("invalid result
# type for callback function"), so the result is declared as its only field,
# int8_t. A struct holding one int8_t is returned exactly like an int8_t by
# every C ABI that MLIR runs on (in the first return register on x86-64
# System V, Windows x64 and AArch64).
MlirDiagnosticHandler = ctypes.CFUNCTYPE(ctypes.c_int8, MlirDiagnostic,
                                         ctypes.c_void_p)

# The deleteUserData argument of mlirContextAttachDiagnosticHandler,
# void (*)(void *), is declared as c_void_p: the package always passes NULL
# (it keeps its own Python state alive instead).


def to_string_ref(text):
    """An MlirStringRef over ``text`` (str or bytes) and the buffer that backs
    it; the caller must keep the buffer alive while the ref is used."""
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    buf = ctypes.create_string_buffer(data, len(data) + 1)
    return MlirStringRef(ctypes.cast(buf, ctypes.c_void_p), len(data)), buf


class StringCollector:
    """An MlirStringCallback that appends every chunk it is given; pass
    ``collector.callback`` and read ``collector.text`` afterwards."""

    def __init__(self):
        self.chunks = []
        self.callback = MlirStringCallback(self._append)

    def _append(self, ref, _user_data):
        self.chunks.append(ref.to_bytes())

    @property
    def text(self):
        return b"".join(self.chunks).decode("utf-8", errors="replace")


# ---------------------------------------------------------------------------
# Signatures
# ---------------------------------------------------------------------------

_c_bool = ctypes.c_bool
_void_p = ctypes.c_void_p

# name: (restype, [argtypes])
_SIGNATURES = {
    # Support / registry / context.
    "mlirDialectRegistryCreate": (MlirDialectRegistry, []),
    "mlirDialectRegistryDestroy": (None, [MlirDialectRegistry]),
    "mlirContextCreateWithRegistry": (MlirContext, [MlirDialectRegistry, _c_bool]),
    "mlirContextDestroy": (None, [MlirContext]),
    "mlirContextLoadAllAvailableDialects": (None, [MlirContext]),
    "mlirContextGetNumLoadedDialects": (ctypes.c_ssize_t, [MlirContext]),
    "mlirContextIsRegisteredOperation": (_c_bool, [MlirContext, MlirStringRef]),
    "mlirContextGetOrLoadDialect": (MlirDialect, [MlirContext, MlirStringRef]),
    "mlirContextAttachDiagnosticHandler": (
        MlirDiagnosticHandlerID,
        [MlirContext, MlirDiagnosticHandler, _void_p, _void_p]),
    "mlirContextDetachDiagnosticHandler": (None, [MlirContext, MlirDiagnosticHandlerID]),
    # Diagnostics.
    "mlirDiagnosticPrint": (None, [MlirDiagnostic, MlirStringCallback, _void_p]),
    "mlirDiagnosticGetLocation": (MlirLocation, [MlirDiagnostic]),
    "mlirDiagnosticGetSeverity": (ctypes.c_int, [MlirDiagnostic]),
    "mlirDiagnosticGetNumNotes": (ctypes.c_ssize_t, [MlirDiagnostic]),
    "mlirDiagnosticGetNote": (MlirDiagnostic, [MlirDiagnostic, ctypes.c_ssize_t]),
    "mlirLocationPrint": (None, [MlirLocation, MlirStringCallback, _void_p]),
    "mlirLocationUnknownGet": (MlirLocation, [MlirContext]),
    # Modules and operations.
    "mlirModuleCreateParse": (MlirModule, [MlirContext, MlirStringRef]),
    "mlirModuleCreateEmpty": (MlirModule, [MlirLocation]),
    "mlirModuleGetOperation": (MlirOperation, [MlirModule]),
    "mlirModuleFromOperation": (MlirModule, [MlirOperation]),
    "mlirModuleDestroy": (None, [MlirModule]),
    "mlirOperationClone": (MlirOperation, [MlirOperation]),
    "mlirOperationVerify": (_c_bool, [MlirOperation]),
    "mlirOperationPrint": (None, [MlirOperation, MlirStringCallback, _void_p]),
    "mlirOperationPrintWithFlags": (
        None, [MlirOperation, MlirOpPrintingFlags, MlirStringCallback, _void_p]),
    "mlirOperationGetName": (MlirIdentifier, [MlirOperation]),
    "mlirIdentifierStr": (MlirStringRef, [MlirIdentifier]),
    "mlirOpPrintingFlagsCreate": (MlirOpPrintingFlags, []),
    "mlirOpPrintingFlagsDestroy": (None, [MlirOpPrintingFlags]),
    "mlirOpPrintingFlagsEnableDebugInfo": (None, [MlirOpPrintingFlags, _c_bool, _c_bool]),
    "mlirOpPrintingFlagsPrintGenericOpForm": (None, [MlirOpPrintingFlags]),
    # Types.
    "mlirTypePrint": (None, [MlirType, MlirStringCallback, _void_p]),
    # Pass manager.
    "mlirPassManagerCreate": (MlirPassManager, [MlirContext]),
    "mlirPassManagerDestroy": (None, [MlirPassManager]),
    "mlirPassManagerGetAsOpPassManager": (MlirOpPassManager, [MlirPassManager]),
    "mlirPassManagerEnableVerifier": (None, [MlirPassManager, _c_bool]),
    "mlirParsePassPipeline": (
        MlirLogicalResult, [MlirOpPassManager, MlirStringRef, MlirStringCallback, _void_p]),
    "mlirPassManagerRunOnOp": (MlirLogicalResult, [MlirPassManager, MlirOperation]),
    # Vortex (include/Vortex-c/Dialects.h).
    "vortexRegisterAllDialects": (None, [MlirDialectRegistry]),
    "vortexRegisterAllPasses": (None, []),
    "vortexTypeIsAPrimeField": (_c_bool, [MlirType]),
    "vortexPrimeFieldTypeGetNamed": (MlirType, [MlirContext, MlirStringRef]),
    "vortexPrimeFieldTypeGet": (MlirType, [MlirContext, MlirStringRef, _c_bool]),
    "vortexPrimeFieldTypeGetModulusBitWidth": (ctypes.c_uint, [MlirType]),
}

# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

_lock = threading.Lock()
_lib = None
_lib_path = None
_passes_registered = False


def candidate_paths():
    """The paths tried, in order, as (path, how it was chosen). A path of
    None stands for the system loader."""
    env = os.environ.get(LIBS_DIR_ENV)
    if env:
        return [(os.path.join(env, LIBRARY_NAME), "%s=%s" % (LIBS_DIR_ENV, env))]
    pkg = os.path.dirname(os.path.abspath(__file__))
    out = []
    for rel in (".", "_lib", os.path.join("..", "lib"),
                os.path.join("..", "..", "lib"),
                os.path.join("..", "..", "build", "lib")):
        out.append((os.path.normpath(os.path.join(pkg, rel, LIBRARY_NAME)),
                    "next to the package"))
    out.append((None, "system loader"))
    return out


def _load():
    tried = []
    for path, how in candidate_paths():
        if path is None:
            names = [LIBRARY_NAME]
            found = ctypes.util.find_library("VortexCAPI")
            if found and found not in names:
                names.append(found)
            for name in names:
                try:
                    return ctypes.CDLL(name), name
                except OSError as e:
                    tried.append("%s (system loader): %s" % (name, e))
            continue
        if not os.path.isfile(path):
            tried.append("%s (%s): no such file" % (path, how))
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            # The file is there but does not load (a missing libMLIR, a wrong
            # architecture): this is the answer, not a reason to go on.
            raise VortexError("cannot load %s (%s): %s" % (path, how, e)) from None
    env = os.environ.get(LIBS_DIR_ENV)
    hint = ("set %s to the directory holding %s (build/lib of a Vortex build)"
            % (LIBS_DIR_ENV, LIBRARY_NAME))
    if env:
        hint = ("%s is set to %r, which has no %s; point it at build/lib of a "
                "Vortex build (`ninja VortexCAPI` builds it) or unset it"
                % (LIBS_DIR_ENV, env, LIBRARY_NAME))
    raise VortexError("cannot find the Vortex C API library %s: %s.\nTried:\n  %s"
                      % (LIBRARY_NAME, hint, "\n  ".join(tried)))


def _declare(handle):
    missing = []
    for name, (restype, argtypes) in _SIGNATURES.items():
        try:
            fn = getattr(handle, name)
        except AttributeError:
            missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    if missing:
        raise VortexError("%s does not export %s; it is not a Vortex C API "
                          "library or it is out of date"
                          % (_lib_path, ", ".join(missing)))


def lib():
    """The loaded library with every function of ``_SIGNATURES`` declared;
    raises :class:`VortexError` when it cannot be found or loaded."""
    global _lib, _lib_path
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is None:
            handle, path = _load()
            _lib_path = path
            _declare(handle)
            _lib = handle
    return _lib


def library_path():
    """The path the library was loaded from (loading it if needed)."""
    lib()
    return _lib_path


def register_all_passes():
    """vortexRegisterAllPasses, once per process (it fills global registries)."""
    global _passes_registered
    handle = lib()
    with _lock:
        if not _passes_registered:
            handle.vortexRegisterAllPasses()
            _passes_registered = True
