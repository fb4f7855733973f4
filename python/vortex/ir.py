"""MLIR contexts and modules of Vortex IR, over the C API (:mod:`vortex.capi`).

>>> from vortex import Context, Module
>>> with Context() as ctx:
...     m = Module.parse(ctx, "func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {\\n"
...                           "  %s = vx_tensor.silu %x : tensor<?xf32>\\n"
...                           "  return %s : tensor<?xf32>\\n}")
...     m.run_pipeline("vx-to-cpu")

Errors are :class:`~vortex.capi.VortexError` exceptions whose
``diagnostics`` are the :class:`Diagnostic` objects MLIR emitted (severity,
location and message), also spelled out in the exception's text.

Lifetimes: a :class:`Module` keeps its :class:`Context` alive; closing a
context (``ctx.close()``, leaving its ``with`` block, or garbage collection)
first destroys the modules that still live in it, then the context itself.
"""

import contextlib
import re
import weakref

from . import capi
from .capi import VortexError

__all__ = ["Context", "Module", "Type", "Diagnostic", "VortexError"]

_SEVERITIES = {
    capi.SEVERITY_ERROR: "error",
    capi.SEVERITY_WARNING: "warning",
    capi.SEVERITY_NOTE: "note",
    capi.SEVERITY_REMARK: "remark",
}


class Diagnostic:
    """One MLIR diagnostic: ``severity`` ("error", "warning", "note",
    "remark"), ``location`` (text such as ``"-":2:8``, or ``loc(unknown)``),
    ``message``, and the attached ``notes`` (Diagnostic objects)."""

    __slots__ = ("severity", "location", "message", "notes")

    def __init__(self, severity, location, message, notes=()):
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = list(notes)

    @property
    def line(self):
        """The line of a file:line:col location, else None."""
        m = _FILE_LINE_COL.search(self.location)
        return int(m.group(1)) if m else None

    @property
    def column(self):
        """The column of a file:line:col location, else None."""
        m = _FILE_LINE_COL.search(self.location)
        return int(m.group(2)) if m else None

    def __str__(self):
        text = "%s: %s: %s" % (self.location, self.severity, self.message)
        for note in self.notes:
            text += "\n  " + str(note).replace("\n", "\n  ")
        return text

    def __repr__(self):
        return "Diagnostic(%r, %r, %r)" % (self.severity, self.location, self.message)


_FILE_LINE_COL = re.compile(r":(\d+):(\d+)(?:\s+to\s+\S+)?$")


def _location_text(lib, loc):
    """`loc("file":1:2)` printed by MLIR, without the `loc(...)` wrapper."""
    out = capi.StringCollector()
    lib.mlirLocationPrint(loc, out.callback, None)
    text = out.text
    if text.startswith("loc(") and text.endswith(")"):
        text = text[4:-1]
    return text


def _convert_diagnostic(lib, diag):
    severity = _SEVERITIES.get(lib.mlirDiagnosticGetSeverity(diag), "error")
    location = _location_text(lib, lib.mlirDiagnosticGetLocation(diag))
    out = capi.StringCollector()
    lib.mlirDiagnosticPrint(diag, out.callback, None)
    notes = [_convert_diagnostic(lib, lib.mlirDiagnosticGetNote(diag, i))
             for i in range(lib.mlirDiagnosticGetNumNotes(diag))]
    return Diagnostic(severity, location, out.text, notes)


class Context:
    """An MLIR context with every Vortex dialect (and the upstream dialects
    Vortex lowers through) registered, and Vortex's passes and pipelines
    registered for :meth:`Module.run_pipeline`.

    Diagnostics are caught by a handler on the context: those emitted while a
    package call runs (parse, verify, run_pipeline, ...) are attached to the
    exception it raises; any other ones are appended to ``diagnostics``.
    """

    def __init__(self, *, threading=False):
        lib = capi.lib()
        self._lib = lib
        self._handle = None
        self._modules = weakref.WeakSet()
        self._captures = []
        self.diagnostics = []
        registry = lib.mlirDialectRegistryCreate()
        try:
            lib.vortexRegisterAllDialects(registry)
            handle = lib.mlirContextCreateWithRegistry(registry, bool(threading))
        finally:
            lib.mlirDialectRegistryDestroy(registry)
        if handle.is_null():
            raise VortexError("mlirContextCreateWithRegistry returned a null context")
        self._handle = handle
        # The ctypes callback object must outlive every call that may emit a
        # diagnostic, i.e. the context: it is kept on self and dropped only
        # after mlirContextDestroy.
        self._handler = capi.MlirDiagnosticHandler(self._on_diagnostic)
        self._handler_id = lib.mlirContextAttachDiagnosticHandler(
            handle, self._handler, None, None)
        capi.register_all_passes()

    # -- diagnostics -------------------------------------------------------

    def _on_diagnostic(self, diag, _user_data):
        # An exception must not escape into C: on any failure, let MLIR's
        # other handlers (stderr) deal with the diagnostic.
        try:
            d = _convert_diagnostic(self._lib, diag)
            (self._captures[-1] if self._captures else self.diagnostics).append(d)
            return 1
        except BaseException:  # noqa: BLE001
            return 0

    @contextlib.contextmanager
    def _capture(self):
        """Collects the diagnostics emitted inside the block into the list it
        yields."""
        self._check_open()
        captured = []
        self._captures.append(captured)
        try:
            yield captured
        finally:
            self._captures.pop()

    # -- lifetime ----------------------------------------------------------

    @property
    def handle(self):
        """The MlirContext (ctypes structure)."""
        self._check_open()
        return self._handle

    @property
    def closed(self):
        return self._handle is None

    def _check_open(self):
        if self._handle is None:
            raise VortexError("the context is closed")

    def close(self):
        """Destroys the modules still alive in this context, then the
        context. Idempotent."""
        if self._handle is None:
            return
        for module in list(self._modules):
            module._destroy()
        handle, self._handle = self._handle, None
        self._lib.mlirContextDetachDiagnosticHandler(handle, self._handler_id)
        self._lib.mlirContextDestroy(handle)
        self._handler = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    # -- queries -----------------------------------------------------------

    def is_registered_operation(self, name):
        """Whether the operation ``name`` (e.g. "vx_tensor.add") is known.
        Dialects load lazily, so the dialect of ``name`` is loaded first."""
        if "." in name:
            self.load_dialect(name.split(".", 1)[0])
        ref, _buf = capi.to_string_ref(name)
        return bool(self._lib.mlirContextIsRegisteredOperation(self.handle, ref))

    def load_dialect(self, namespace):
        """Loads the registered dialect ``namespace``; returns whether there
        is one."""
        ref, _buf = capi.to_string_ref(namespace)
        return not self._lib.mlirContextGetOrLoadDialect(self.handle, ref).is_null()

    def prime_field(self, field, montgomery=False):
        """The vx_field prime-field type named ``field`` ("bn254_fr",
        "babybear", ...) or of the integer modulus ``field``; raises
        VortexError (with the dialect's diagnostic) when there is none."""
        if isinstance(field, bool) or not isinstance(field, (str, int)):
            raise TypeError("field must be a name or an integer modulus, got %r" % (field,))
        if isinstance(field, str) and montgomery:
            # The C API has no named getter with a representation: go through
            # the modulus of the named field.
            from .builder import NAMED_FIELDS
            if field not in NAMED_FIELDS:
                raise VortexError("no prime field %r; the named fields are %s"
                                  % (field, ", ".join(NAMED_FIELDS)))
            field = NAMED_FIELDS[field]
        with self._capture() as diags:
            if isinstance(field, str):
                ref, _buf = capi.to_string_ref(field)
                t = self._lib.vortexPrimeFieldTypeGetNamed(self.handle, ref)
            else:
                ref, _buf = capi.to_string_ref(str(field))
                t = self._lib.vortexPrimeFieldTypeGet(self.handle, ref, bool(montgomery))
        if t.is_null():
            from .builder import NAMED_FIELDS
            hint = ("; the named fields are " + ", ".join(NAMED_FIELDS)
                    if isinstance(field, str) else "")
            raise VortexError("no prime field %r%s" % (field, hint), diags)
        return Type(self, t)

    def parse(self, text):
        """Shorthand for :meth:`Module.parse`."""
        return Module.parse(self, text)


class Type:
    """An MLIR type of a context (as returned by :meth:`Context.prime_field`)."""

    def __init__(self, context, handle):
        self.context = context
        self._handle = handle

    @property
    def handle(self):
        self.context._check_open()
        return self._handle

    @property
    def is_prime_field(self):
        return bool(self.context._lib.vortexTypeIsAPrimeField(self.handle))

    @property
    def modulus_bit_width(self):
        if not self.is_prime_field:
            raise VortexError("%s is not a prime field type" % self)
        return self.context._lib.vortexPrimeFieldTypeGetModulusBitWidth(self.handle)

    def __str__(self):
        out = capi.StringCollector()
        self.context._lib.mlirTypePrint(self.handle, out.callback, None)
        return out.text

    def __repr__(self):
        return "Type(%s)" % self


def _wrap_pipeline(pipeline):
    """`vx-to-cpu` -> `builtin.module(vx-to-cpu)`; a pipeline already anchored
    on builtin.module is kept."""
    text = pipeline.strip()
    if not text:
        raise VortexError("empty pass pipeline")
    if re.match(r"^builtin\.module\s*\(", text):
        return text
    return "builtin.module(%s)" % text


class Module:
    """A builtin.module owned by Python. Create it with :meth:`parse`."""

    def __init__(self, context, handle):
        """Takes ownership of the MlirModule ``handle`` of ``context``."""
        self._context = context
        self._handle = handle
        context._modules.add(self)

    @classmethod
    def parse(cls, context, text):
        """Parses (and verifies) ``text``; raises VortexError carrying every
        diagnostic, with its location, when the text is not valid IR."""
        if not isinstance(context, Context):
            raise TypeError("Module.parse(context, text): context must be a "
                            "vortex.Context, got %r" % (context,))
        text = str(text)
        ref, buf = capi.to_string_ref(text)
        with context._capture() as diags:
            handle = context._lib.mlirModuleCreateParse(context.handle, ref)
        del buf
        if handle.is_null():
            raise VortexError("failed to parse the module" if diags else
                              "failed to parse the module (no diagnostic was emitted)",
                              diags)
        module = cls(context, handle)
        context.diagnostics.extend(d for d in diags)  # warnings and remarks
        return module

    # -- lifetime ----------------------------------------------------------

    @property
    def context(self):
        return self._context

    @property
    def handle(self):
        if self._handle is None:
            raise VortexError("the module has been destroyed")
        self._context._check_open()
        return self._handle

    @property
    def operation(self):
        """The module's MlirOperation (ctypes structure)."""
        return self._context._lib.mlirModuleGetOperation(self.handle)

    def _destroy(self):
        if self._handle is not None:
            handle, self._handle = self._handle, None
            if not self._context.closed:
                self._context._lib.mlirModuleDestroy(handle)

    def destroy(self):
        """Frees the module now (otherwise it is freed with the Python
        object or when its context is closed)."""
        self._destroy()

    def __del__(self):
        try:
            self._destroy()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    # -- IR ----------------------------------------------------------------

    def clone(self):
        """A deep copy of the module in the same context."""
        lib = self._context._lib
        op = lib.mlirOperationClone(self.operation)
        return Module(self._context, lib.mlirModuleFromOperation(op))

    def verify(self):
        """Runs the verifier; returns True, or raises VortexError with the
        verifier's diagnostics."""
        with self._context._capture() as diags:
            ok = self._context._lib.mlirOperationVerify(self.operation)
        if not ok:
            raise VortexError("the module does not verify", diags)
        self._context.diagnostics.extend(diags)
        return True

    def to_string(self, *, debug_info=False, generic=False):
        """The module's text; ``debug_info`` adds locations, ``generic``
        prints every operation in the generic form."""
        lib = self._context._lib
        out = capi.StringCollector()
        if not debug_info and not generic:
            lib.mlirOperationPrint(self.operation, out.callback, None)
            return out.text
        flags = lib.mlirOpPrintingFlagsCreate()
        try:
            if debug_info:
                lib.mlirOpPrintingFlagsEnableDebugInfo(flags, True, False)
            if generic:
                lib.mlirOpPrintingFlagsPrintGenericOpForm(flags)
            lib.mlirOperationPrintWithFlags(self.operation, flags, out.callback, None)
        finally:
            lib.mlirOpPrintingFlagsDestroy(flags)
        return out.text

    def __str__(self):
        return self.to_string()

    def __repr__(self):
        state = "destroyed" if self._handle is None else "0x%x" % (self._handle.ptr or 0)
        return "<vortex.Module %s>" % state

    def run_pipeline(self, pipeline, *, verify_each=True):
        """Runs the textual pass pipeline ``pipeline`` on the module, in
        place: a registered pipeline or pass name such as "vx-to-cpu", a
        list "canonicalize,cse", or a full "builtin.module(...)" pipeline.
        Raises VortexError when the pipeline does not parse or a pass fails
        (the module may then be partly transformed). Returns the module."""
        ctx = self._context
        lib = ctx._lib
        anchored = _wrap_pipeline(pipeline)
        ref, buf = capi.to_string_ref(anchored)
        pm = lib.mlirPassManagerCreate(ctx.handle)
        try:
            lib.mlirPassManagerEnableVerifier(pm, bool(verify_each))
            errors = capi.StringCollector()
            with ctx._capture() as diags:
                parsed = lib.mlirParsePassPipeline(
                    lib.mlirPassManagerGetAsOpPassManager(pm), ref, errors.callback, None)
            if not parsed.succeeded():
                raise VortexError("invalid pass pipeline %r: %s"
                                  % (anchored, errors.text.strip() or "parse error"), diags)
            with ctx._capture() as diags:
                ran = lib.mlirPassManagerRunOnOp(pm, self.operation)
            if not ran.succeeded():
                raise VortexError("pass pipeline %r failed" % anchored, diags)
            ctx.diagnostics.extend(diags)
        finally:
            lib.mlirPassManagerDestroy(pm)
            del buf
        return self
