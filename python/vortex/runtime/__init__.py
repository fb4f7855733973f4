"""Run kernels that Vortex compiled ahead of time, from Python.

Pure Python over the C runtime ``libvortex_runtime.so`` (through ctypes), so
it works with any Python 3 that has the library, on a GPU machine without
MLIR. It runs two kinds of compiled modules:

- a kernel artifact, one file that ``vortex-translate --vx-kernel-artifact``
  writes (kernel binaries and the launch plans of the module's functions,
  docs/Runtime.md), loaded with :func:`load_artifact`;
- a kernel library, what ``utils/build_kernel_library.sh`` makes:
  ``libNAME.so`` (the host code of ``vortex-opt --vx-to-gpu`` with the
  kernels embedded) and ``NAME.json`` (``vortex-translate
  --vx-kernel-signatures``), loaded with :func:`load`.

    import vortex.runtime as vr
    mod = vr.load_artifact("build/kernels/elementwise.vxk")  # or vr.load("libelementwise.so")
    out = mod.swiglu_residual(x, y, z)      # torch/CuPy GPU arrays, NumPy arrays
    out.numpy()                             # or torch.as_tensor(out, device="cuda")

Arguments may be PyTorch CUDA tensors, objects with
``__cuda_array_interface__`` (CuPy, Numba) or ``__dlpack__`` (on a CUDA
device), :class:`DeviceArray` or NumPy arrays (copied to the GPU for the
call). They must be C-contiguous, on the GPU (or NumPy), with the element
type and the static sizes the kernel was compiled for; anything else raises
:class:`KernelArgumentError` naming the argument and the mismatch. Results
are :class:`DeviceArray` objects that own their GPU memory. Runtime failures
(no driver, no GPU, a bad artifact, a failed launch) raise
:class:`VortexRuntimeError` with the runtime's status and message.
"""

import ctypes
import json
import os

__all__ = [
    "Artifact",
    "ArtifactFunction",
    "DeviceArray",
    "Kernel",
    "KernelArgumentError",
    "KernelLibrary",
    "VortexRuntimeError",
    "device_name",
    "from_host",
    "init",
    "load",
    "load_artifact",
]


class VortexRuntimeError(RuntimeError):
    """A failure reported by the Vortex runtime (status code and message)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class KernelArgumentError(TypeError):
    """An argument that does not match the kernel's signature."""


# element name -> (itemsize, NumPy dtype name or None, torch dtype name,
# __cuda_array_interface__ typestr)
_ELEMENTS = {
    "f16": (2, "float16", "float16", "<f2"),
    "bf16": (2, None, "bfloat16", None),
    "f32": (4, "float32", "float32", "<f4"),
    "f64": (8, "float64", "float64", "<f8"),
    "i8": (1, "int8", "int8", "|i1"),
    "i16": (2, "int16", "int16", "<i2"),
    "i32": (4, "int32", "int32", "<i4"),
    "i64": (8, "int64", "int64", "<i8"),
    "index": (8, "int64", "int64", "<i8"),
}


def _wide_words(element):
    """The number of 32-bit words of a wide integer element (i96, i128,
    i256, i384, ...: the storage of large field elements), else None. On the
    host such arrays are uint32 arrays with one more, innermost dimension
    holding the little-endian words of each element."""
    if element in _ELEMENTS or not element.startswith("i") or not element[1:].isdigit():
        return None
    bits = int(element[1:])
    return bits // 32 if bits > 64 and bits % 32 == 0 else None


def _device_words(element):
    """The 32-bit words a wide integer element takes in GPU memory: its
    size rounded up to its NVPTX alignment (the data layout aligns integers
    to 16 bytes up to 128 bits and to 32 bytes above), so an i384 element
    (BLS12-381 Fq) takes 16 words, 4 of them zero padding. This is the slot
    that --vx-to-gpu (and --vx-to-cpu) store such elements in
    (vx-widen-buffer-elements: an i384 buffer is compiled as an i512 one)."""
    words = _wide_words(element)
    if not words:
        return None
    align = 4 if words <= 4 else 8
    return -(-words // align) * align


def _itemsize(element):
    words = _device_words(element)
    return 4 * words if words else _ELEMENTS[element][0]


_BY_TORCH = {v[2]: k for k, v in _ELEMENTS.items() if k != "index"}
_BY_TYPESTR = {v[3]: k for k, v in _ELEMENTS.items() if v[3] and k != "index"}
_SCALARS = {
    "f16": None, "bf16": None, "f32": ctypes.c_float, "f64": ctypes.c_double,
    "i8": ctypes.c_int8, "i16": ctypes.c_int16, "i32": ctypes.c_int32,
    "i64": ctypes.c_int64, "index": ctypes.c_int64, "i1": ctypes.c_bool,
}

_runtime = None


def _candidates(near=None):
    names = []
    if os.environ.get("VORTEX_RUNTIME_LIB"):
        return [os.environ["VORTEX_RUNTIME_LIB"]]
    for d in (near, os.environ.get("VORTEX_LIBS_DIR"),
              os.path.join(os.path.dirname(__file__), "..", "..", "..", "build", "lib")):
        if d:
            names.append(os.path.join(d, "libvortex_runtime.so"))
    names.append("libvortex_runtime.so")
    return names


def _library(near=None):
    """Loads libvortex_runtime.so once (next to a kernel library, from
    VORTEX_RUNTIME_LIB or VORTEX_LIBS_DIR, or the build tree)."""
    global _runtime
    if _runtime is not None:
        return _runtime
    errors = []
    for path in _candidates(near):
        if os.sep in path and not os.path.exists(path):
            errors.append(f"{path}: not found")
            continue
        try:
            lib = ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
            break
        except OSError as e:
            errors.append(f"{path}: {e}")
    else:
        raise VortexRuntimeError(-1, "cannot load the Vortex runtime libvortex_runtime.so (" +
                                 "; ".join(errors) + ")")
    v, sz, st = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int
    for name, args in (("vortexRuntimeInit", []), ("vortexRuntimeFirstError", []),
                       ("vortexMalloc", [ctypes.POINTER(v), sz]), ("vortexFree", [v]),
                       ("vortexMemcpyHostToDevice", [v, v, sz]),
                       ("vortexMemcpyDeviceToHost", [v, v, sz]),
                       ("vortexMemcpyDeviceToDevice", [v, v, sz]),
                       ("vortexSynchronize", []), ("vortexProfilerStart", []),
                       ("vortexProfilerStop", [ctypes.POINTER(ctypes.c_double),
                                               ctypes.POINTER(ctypes.c_uint64)])):
        fn = getattr(lib, name)
        fn.argtypes, fn.restype = args, st
    lib.vortexRuntimeClearError.argtypes, lib.vortexRuntimeClearError.restype = [], None
    lib.vortexRuntimeLastError.argtypes, lib.vortexRuntimeLastError.restype = [], ctypes.c_char_p
    lib.vortexDeviceName.argtypes, lib.vortexDeviceName.restype = [], ctypes.c_char_p
    _runtime = lib
    return lib


def _check(status):
    if status != 0:
        message = _library().vortexRuntimeLastError().decode(errors="replace")
        raise VortexRuntimeError(status, message)


def init():
    """Loads the CUDA driver and selects device 0; raises on failure."""
    _check(_library().vortexRuntimeInit())


def device_name():
    init()
    return _library().vortexDeviceName().decode()


class Profile:
    """Times the kernels launched inside a `with` block with CUDA events:
    `milliseconds` is the sum of their GPU times (host work between launches
    is not counted), `launches` their number.

        with vortex.runtime.Profile() as p:
            lib.softmax(x)
        print(p.milliseconds, p.launches)
    """

    def __init__(self):
        self.milliseconds = 0.0
        self.launches = 0

    def __enter__(self):
        init()
        _check(_library().vortexProfilerStart())
        return self

    def __exit__(self, *exc):
        ms, count = ctypes.c_double(), ctypes.c_uint64()
        _check(_library().vortexProfilerStop(ctypes.byref(ms), ctypes.byref(count)))
        self.milliseconds, self.launches = ms.value, count.value
        return False


def _numpy():
    import numpy
    return numpy


def _bf16_bits(values):
    """Float values rounded to bfloat16 (nearest even), as uint16 bits."""
    np = _numpy()
    f = np.ascontiguousarray(values, dtype=np.float32)
    bits = f.view(np.uint32).astype(np.uint64)
    bits = (bits + ((bits >> np.uint64(16)) & np.uint64(1)) + np.uint64(0x7FFF)) >> np.uint64(16)
    out = bits.astype(np.uint16)
    return np.where(np.isnan(f), np.uint16(0x7FC0), out)


class DeviceArray:
    """A C-contiguous array in GPU memory.

    Owns its memory when ``owner`` is true (results of kernels, copies from
    the host) and frees it when collected. Exposes
    ``__cuda_array_interface__`` for the element types NumPy knows, so that
    ``torch.as_tensor(a, device="cuda")`` and ``cupy.asarray(a)`` share it.
    """

    def __init__(self, pointer, shape, element, owner=False, keep=None, base=None):
        self.pointer = pointer
        self.shape = tuple(int(s) for s in shape)
        self.element = element
        self._owner = owner
        self._keep = keep
        self._base = base  # the block to free, when not `pointer` itself
        self._stream = None  # the stream that writes it (artifact results)

    @property
    def nbytes(self):
        n = _itemsize(self.element)
        for s in self.shape:
            n *= s
        return n

    @property
    def __cuda_array_interface__(self):
        # Wide integers (i256, i384: field elements) have no array-interface
        # type; hasattr() must see no attribute, not a KeyError.
        typestr = _ELEMENTS.get(self.element, (None,) * 4)[3]
        if typestr is None:
            raise AttributeError(f"{self.element} has no __cuda_array_interface__ type")
        return {"shape": self.shape, "typestr": typestr, "data": (self.pointer or 0, False),
                "version": 3, "strides": None}

    def _wait(self):
        """Waits for the stream that writes the array, if it has one."""
        if self._stream:
            _check(_artifacts().vortexStreamSynchronize(self._stream))

    def numpy(self):
        """A host copy (bf16 becomes float32)."""
        self._wait()
        np = _numpy()
        words = _wide_words(self.element)
        if words:
            host = np.empty(self.shape + (_device_words(self.element),), dtype=np.uint32)
        else:
            storage = "uint16" if self.element == "bf16" else _ELEMENTS[self.element][1]
            host = np.empty(self.shape, dtype=storage)
        if self.nbytes:
            _check(_library().vortexMemcpyDeviceToHost(host.ctypes.data, self.pointer,
                                                       self.nbytes))
        if self.element == "bf16":
            return (host.astype(np.uint32) << np.uint32(16)).view(np.float32)
        if words:
            return np.ascontiguousarray(host[..., :words])
        return host

    def to_torch(self):
        """A PyTorch CUDA tensor holding a copy (any element type, bf16
        included, which ``__cuda_array_interface__`` cannot describe)."""
        import torch

        self._wait()
        tensor = torch.empty(self.shape, dtype=getattr(torch, _ELEMENTS[self.element][2]),
                             device="cuda")
        if self.nbytes:
            _check(_library().vortexMemcpyDeviceToDevice(tensor.data_ptr(), self.pointer,
                                                         self.nbytes))
        return tensor

    def __del__(self):
        block = self._base or self.pointer
        if self._owner and block and _runtime is not None:
            _runtime.vortexFree(block)
            self.pointer = self._base = None

    def __repr__(self):
        return f"DeviceArray(shape={self.shape}, element={self.element})"


def from_host(values, element):
    """Copies a NumPy array (or anything array-like) to the GPU as `element`."""
    np = _numpy()
    words = _wide_words(element)
    shape = None
    if words:
        host = np.ascontiguousarray(values, dtype=np.uint32)
        if host.ndim == 0 or host.shape[-1] != words:
            raise KernelArgumentError(f"{element} arrays are uint32 arrays whose innermost "
                                      f"dimension holds the {words} words of an element; "
                                      f"got shape {host.shape}")
        shape = host.shape[:-1]
        padding = _device_words(element) - words
        if padding:
            host = np.concatenate(
                [host, np.zeros(shape + (padding,), dtype=np.uint32)], axis=-1)
    elif element == "bf16":
        host = _bf16_bits(values)
    else:
        host = np.ascontiguousarray(values, dtype=_ELEMENTS[element][1])
    init()
    pointer = ctypes.c_void_p()
    _check(_library().vortexMalloc(ctypes.byref(pointer), host.nbytes))
    array = DeviceArray(pointer.value, host.shape if shape is None else shape, element,
                        owner=True)
    if host.nbytes:
        _check(_library().vortexMemcpyHostToDevice(pointer.value, host.ctypes.data, host.nbytes))
    return array


_DESCRIPTORS = {}


def _descriptor_type(rank):
    """The ctypes layout of MLIR's ranked memref descriptor."""
    if rank not in _DESCRIPTORS:
        _DESCRIPTORS[rank] = type(f"MemRef{rank}D", (ctypes.Structure,), {"_fields_": [
            ("allocated", ctypes.c_void_p), ("aligned", ctypes.c_void_p),
            ("offset", ctypes.c_int64), ("sizes", ctypes.c_int64 * rank),
            ("strides", ctypes.c_int64 * rank)]})
    return _DESCRIPTORS[rank]


class _DLDevice(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int32), ("device_id", ctypes.c_int32)]


class _DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8), ("lanes", ctypes.c_uint16)]


class _DLTensor(ctypes.Structure):
    """The head of DLPack's DLManagedTensor (dlpack.h, ABI version 0.x)."""
    _fields_ = [("data", ctypes.c_void_p), ("device", _DLDevice), ("ndim", ctypes.c_int32),
                ("dtype", _DLDataType), ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("strides", ctypes.POINTER(ctypes.c_int64)), ("byte_offset", ctypes.c_uint64)]


_DL_CUDA, _DL_CUDA_MANAGED = 2, 13
# (type code, bits) -> element: codes 0 int, 2 float, 4 bfloat.
_BY_DLPACK = {(0, 8): "i8", (0, 16): "i16", (0, 32): "i32", (0, 64): "i64", (2, 16): "f16",
              (2, 32): "f32", (2, 64): "f64", (4, 16): "bf16"}


def _on_cuda_dlpack(arg):
    """Whether `arg` exports a DLPack tensor on a CUDA device."""
    device = getattr(arg, "__dlpack_device__", None)
    if device is None or not hasattr(arg, "__dlpack__"):
        return False
    try:
        return device()[0] in (_DL_CUDA, _DL_CUDA_MANAGED)
    except Exception:  # noqa: BLE001 - a producer that cannot say is not one
        return False


def _from_dlpack(arg, what):
    """(pointer, shape, element, keep-alive) from `arg.__dlpack__()`. The
    capsule is read, not consumed: the producer keeps the memory, and the
    capsule (kept alive for the call) releases it when collected."""
    capsule = arg.__dlpack__()
    get = ctypes.pythonapi.PyCapsule_GetPointer
    get.argtypes, get.restype = [ctypes.py_object, ctypes.c_char_p], ctypes.c_void_p
    tensor = _DLTensor.from_address(get(capsule, b"dltensor"))
    dtype = (tensor.dtype.code, tensor.dtype.bits)
    if tensor.dtype.lanes != 1 or dtype not in _BY_DLPACK:
        raise KernelArgumentError(f"{what} has DLPack type code {dtype[0]}, {dtype[1]} bits, "
                                  f"{tensor.dtype.lanes} lane(s), which kernels do not take")
    shape = tuple(tensor.shape[d] for d in range(tensor.ndim))
    if tensor.strides:
        expected = 1
        for d in reversed(range(tensor.ndim)):
            if shape[d] != 1 and tensor.strides[d] != expected:
                raise KernelArgumentError(f"{what} is not C-contiguous")
            expected *= shape[d]
    return (tensor.data or 0) + tensor.byte_offset, shape, _BY_DLPACK[dtype], capsule


def _is_device_array(arg):
    """Arguments that are (or claim to be) in GPU memory."""
    return (isinstance(arg, DeviceArray) or hasattr(arg, "__cuda_array_interface__") or
            (hasattr(arg, "data_ptr") and hasattr(arg, "is_cuda")) or _on_cuda_dlpack(arg))


def _describe(arg, what, element):
    """(pointer, shape, element, keep-alive) of a GPU array argument."""
    if isinstance(arg, DeviceArray):
        return arg.pointer, arg.shape, arg.element, arg
    if hasattr(arg, "data_ptr") and hasattr(arg, "is_cuda"):  # torch.Tensor
        if not arg.is_cuda:
            raise KernelArgumentError(f"{what} is a torch tensor on {arg.device}; "
                                      "kernels take GPU memory")
        if not arg.is_contiguous():
            raise KernelArgumentError(f"{what} is not contiguous")
        name = str(arg.dtype).replace("torch.", "")
        if name not in _BY_TORCH:
            raise KernelArgumentError(f"{what} has dtype {arg.dtype}, which kernels do not take")
        return arg.data_ptr(), tuple(arg.shape), _BY_TORCH[name], arg
    cai = getattr(arg, "__cuda_array_interface__", None)
    if cai is not None:
        if cai.get("strides") is not None:
            raise KernelArgumentError(f"{what} is not C-contiguous")
        if cai["typestr"] not in _BY_TYPESTR:
            raise KernelArgumentError(f"{what} has type {cai['typestr']}, which kernels do not take")
        return cai["data"][0], tuple(cai["shape"]), _BY_TYPESTR[cai["typestr"]], arg
    if _on_cuda_dlpack(arg):
        return _from_dlpack(arg, what)
    # Host data: copied to the GPU for the call.
    copy = from_host(arg, element)
    return copy.pointer, copy.shape, copy.element, copy


class _Signature:
    """A compiled function's signature and the argument checks that kernel
    libraries and artifacts share."""

    def __init__(self, signature):
        self.name = signature["name"]
        self.arguments = signature["arguments"]
        self.results = signature["results"]

    def _check_array(self, index, spec, shape, element):
        what = f"argument {index} of {self.name}"
        if element != spec["element"]:
            raise KernelArgumentError(f"{what}: expected {spec['element']} elements, got {element}")
        want = spec["shape"]
        if len(shape) != len(want):
            raise KernelArgumentError(f"{what}: expected rank {len(want)}, got shape {shape}")
        for d, (have, size) in enumerate(zip(shape, want)):
            if size != -1 and have != size:
                raise KernelArgumentError(f"{what}: dim {d} is {have} but the kernel was "
                                          f"compiled for {size}")

    def _precheck(self, args):
        """Checks everything that needs no GPU before touching it."""
        if len(args) != len(self.arguments):
            raise KernelArgumentError(f"{self.name} takes {len(self.arguments)} argument(s), "
                                      f"got {len(args)}")
        for i, (arg, spec) in enumerate(zip(args, self.arguments)):
            if spec["kind"] == "tensor" and isinstance(arg, (int, float)):
                raise KernelArgumentError(f"argument {i} of {self.name}: expected a tensor")
            if spec["kind"] == "scalar" and _SCALARS.get(spec["element"]) is None:
                raise KernelArgumentError(f"argument {i} of {self.name}: "
                                          f"{spec['element']} scalars are not supported")
            if spec["kind"] == "tensor" and _is_device_array(arg):
                pointer, shape, element, _ = _describe(arg, f"argument {i} of {self.name}",
                                                       spec["element"])
                self._check_array(i, spec, shape, element)
            elif spec["kind"] == "tensor":
                shape = tuple(_numpy().shape(arg))
                if _wide_words(spec["element"]):
                    shape = shape[:-1]
                self._check_array(i, spec, shape, spec["element"])

    def _arrays(self, args, keep):
        """(index, spec, argument) for scalars and (index, spec, (pointer,
        shape)) for arrays, copying host arrays to the GPU; what must live
        for the call goes to `keep`."""
        for i, (arg, spec) in enumerate(zip(args, self.arguments)):
            if spec["kind"] == "scalar":
                yield i, spec, arg
                continue
            pointer, shape, element, owner = _describe(arg, f"argument {i} of {self.name}",
                                                       spec["element"])
            self._check_array(i, spec, shape, element)
            keep.append(owner)
            yield i, spec, (pointer, shape)


class Kernel(_Signature):
    """One function of a kernel library: checks its arguments, calls its
    `_mlir_ciface_` entry point, wraps results."""

    def __init__(self, library, signature):
        super().__init__(signature)
        self._fn = getattr(library, signature["symbol"])
        self._fn.restype = None

    def __call__(self, *args):
        self._precheck(args)
        init()
        keep, params = [], []
        for i, spec, value in self._arrays(args, keep):
            if spec["kind"] == "scalar":
                params.append(_SCALARS[spec["element"]](value))
                continue
            pointer, shape = value
            desc = _descriptor_type(len(shape))()
            desc.allocated = desc.aligned = pointer
            desc.offset = 0
            stride = 1
            for d in reversed(range(len(shape))):
                desc.sizes[d] = shape[d]
                desc.strides[d] = stride
                stride *= shape[d]
            keep.append(desc)
            params.append(ctypes.byref(desc))
        # Results come back through a pointer to one descriptor, or to a
        # struct of them when there are several.
        result_types = [_descriptor_type(len(r["shape"])) for r in self.results]
        if len(result_types) == 1:
            out = result_types[0]()
            params.insert(0, ctypes.byref(out))
        elif result_types:
            out = type("Results", (ctypes.Structure,), {"_fields_": [
                (f"r{i}", t) for i, t in enumerate(result_types)]})()
            params.insert(0, ctypes.byref(out))
        # The kernels run on the runtime's own streams: work that PyTorch or
        # CuPy queued on theirs (writing these inputs) must finish first.
        _wait_for_frameworks(args)
        lib = _library()
        lib.vortexRuntimeClearError()
        self._fn(*params)
        _check(lib.vortexRuntimeFirstError())
        outs = ([out] if len(result_types) == 1 else
                [getattr(out, f"r{i}") for i in range(len(result_types))])
        arrays = [DeviceArray(d.aligned, list(d.sizes), spec["element"], owner=True)
                  for d, spec in zip(outs, self.results)]
        return arrays[0] if len(arrays) == 1 else tuple(arrays)


def _wait_for_frameworks(args):
    """Synchronizes the current stream of PyTorch and of CuPy when an
    argument is one of their GPU arrays (the compiled host code launches on
    streams of its own and synchronizes them before it returns)."""
    for arg in args:
        module = type(arg).__module__.split(".")[0]
        if module == "torch" and getattr(arg, "is_cuda", False):
            import torch

            torch.cuda.current_stream(arg.device).synchronize()
        elif module == "cupy":
            import cupy

            cupy.cuda.get_current_stream().synchronize()


class KernelLibrary:
    """The kernels of libNAME.so, described by NAME.json, as attributes."""

    def __init__(self, path, signatures=None):
        path = os.path.abspath(path)
        if signatures is None:
            base = os.path.basename(path)
            stem = base[3:] if base.startswith("lib") else base
            signatures = os.path.join(os.path.dirname(path), stem.rsplit(".so", 1)[0] + ".json")
        with open(signatures) as f:
            described = json.load(f)["kernels"]
        _library(near=os.path.dirname(path))
        try:
            self._lib = ctypes.CDLL(path)
        except OSError as e:
            raise VortexRuntimeError(-1, f"cannot load kernel library {path}: {e}") from e
        self.kernels = {k["name"]: Kernel(self._lib, k) for k in described}

    def __getattr__(self, name):
        try:
            return self.__dict__["kernels"][name]
        except KeyError:
            raise AttributeError(f"no kernel named {name!r}") from None

    def __dir__(self):
        return list(self.kernels)


def load(path, signatures=None):
    """Loads a kernel library built by utils/build_kernel_library.sh."""
    return KernelLibrary(path, signatures)


#===-----------------------------------------------------------------------===#
# Kernel artifacts
#===-----------------------------------------------------------------------===#

_MAX_RANK = 8  # VORTEX_MAX_RANK


class _Value(ctypes.Structure):
    """VortexValue of Runtime.h."""
    _fields_ = [("element", ctypes.c_char_p), ("rank", ctypes.c_int32),
                ("data", ctypes.c_void_p), ("allocation", ctypes.c_void_p),
                ("sizes", ctypes.c_int64 * _MAX_RANK), ("strides", ctypes.c_int64 * _MAX_RANK),
                ("intValue", ctypes.c_int64), ("floatValue", ctypes.c_double)]


_artifact_api = None


def _artifacts():
    """The artifact entry points of the runtime (declared on first use, so
    that an older runtime still serves kernel libraries)."""
    global _artifact_api
    if _artifact_api is None:
        lib = _library()
        v, sz, st, p = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.POINTER
        for name, args, restype in (
                ("vortexArtifactLoad", [p(v), ctypes.c_char_p], st),
                ("vortexArtifactLoadData", [p(v), v, sz], st),
                ("vortexArtifactDestroy", [v], st),
                ("vortexArtifactFunctionCount", [v], sz),
                ("vortexArtifactFunctionName", [v, sz], ctypes.c_char_p),
                ("vortexArtifactFunctionSignature", [v, sz], ctypes.c_char_p),
                ("vortexArtifactCall", [v, ctypes.c_char_p, p(_Value), sz, p(_Value), sz, v], st),
                ("vortexStreamSynchronize", [v], st)):
            try:
                fn = getattr(lib, name)
            except AttributeError:
                raise VortexRuntimeError(-1, "this libvortex_runtime.so predates kernel "
                                             f"artifacts (no {name})") from None
            fn.argtypes, fn.restype = args, restype
        _artifact_api = lib
    return _artifact_api


def _framework_stream(args):
    """The current stream of PyTorch or CuPy when an argument is one of their
    GPU arrays (None, the NULL stream, otherwise), so that an artifact call
    is ordered after the work that writes its inputs, without waiting."""
    for arg in args:
        module = type(arg).__module__.split(".")[0]
        if module == "torch" and getattr(arg, "is_cuda", False):
            import torch

            return torch.cuda.current_stream(arg.device).cuda_stream or None
        if module == "cupy":
            import cupy

            return cupy.cuda.get_current_stream().ptr or None
    return None


def _stream_handle(stream):
    """A CUstream from None (the NULL stream), an int, a torch.cuda.Stream
    (`cuda_stream`) or a CuPy stream (`ptr`)."""
    if stream is None:
        return None
    for attribute in ("cuda_stream", "ptr"):
        if hasattr(stream, attribute):
            return int(getattr(stream, attribute)) or None
    return int(stream) or None


class ArtifactFunction(_Signature):
    """One function of a kernel artifact: checks its arguments, runs its
    launch plan through the runtime (`vortexArtifactCall`), wraps results.

    Calls are asynchronous on `stream`: by default the current stream of
    PyTorch or CuPy when an argument is one of their arrays, else the NULL
    stream (with which NumPy copies synchronize). Results read back with
    `numpy()` or `to_torch()` wait for that stream first."""

    def __init__(self, artifact, signature):
        super().__init__(signature)
        self._artifact = artifact
        self._key = self.name.encode()

    def __call__(self, *args, stream=None):
        self._precheck(args)
        init()
        lib = _artifacts()
        keep = []
        values = (_Value * max(1, len(args)))()
        for i, spec, value in self._arrays(args, keep):
            v = values[i]
            v.element = spec["element"].encode()
            if spec["kind"] == "scalar":
                v.rank = -1
                if spec["element"] in ("f32", "f64"):
                    v.floatValue = float(value)
                else:
                    v.intValue = int(value)
                continue
            pointer, shape = value
            if len(shape) > _MAX_RANK:
                raise KernelArgumentError(f"argument {i} of {self.name}: rank above {_MAX_RANK}")
            v.rank, v.data = len(shape), pointer
            stride = 1
            for d in reversed(range(len(shape))):
                v.sizes[d], v.strides[d] = shape[d], stride
                stride *= shape[d]
        results = (_Value * max(1, len(self.results)))()
        handle = _stream_handle(stream) if stream is not None else _framework_stream(args)
        _check(lib.vortexArtifactCall(self._artifact._handle, self._key, values, len(args),
                                      results, len(self.results), handle))
        outs = [self._wrap(r, spec, handle) for r, spec in zip(results, self.results)]
        return outs[0] if len(outs) == 1 else tuple(outs)

    def _wrap(self, value, spec, stream):
        if spec["kind"] == "scalar":
            return value.floatValue if spec["element"] in ("f32", "f64") else value.intValue
        shape = [value.sizes[d] for d in range(value.rank)]
        array = DeviceArray(value.data, shape, spec["element"], owner=True,
                            base=value.allocation)
        array._stream = stream
        stride = 1
        for d in reversed(range(value.rank)):
            if shape[d] != 1 and value.strides[d] != stride:
                raise VortexRuntimeError(-1, f"{self.name}: result is not C-contiguous")
            stride *= shape[d]
        return array


class Artifact:
    """A kernel artifact: its functions as attributes (and in `functions`)."""

    def __init__(self, path=None, data=None):
        lib = _artifacts()
        handle = ctypes.c_void_p()
        if data is not None:
            buffer = ctypes.create_string_buffer(bytes(data), len(data))
            _check(lib.vortexArtifactLoadData(ctypes.byref(handle), buffer, len(data)))
        else:
            _check(lib.vortexArtifactLoad(ctypes.byref(handle), os.fsencode(path)))
        self._handle = handle.value
        self._lib = lib
        self.functions = {}
        for i in range(lib.vortexArtifactFunctionCount(self._handle)):
            signature = json.loads(lib.vortexArtifactFunctionSignature(self._handle, i))
            self.functions[signature["name"]] = ArtifactFunction(self, signature)

    def synchronize(self, stream=None):
        """Waits for the work queued on `stream` (default: the NULL stream)."""
        _check(self._lib.vortexStreamSynchronize(_stream_handle(stream)))

    def __getattr__(self, name):
        try:
            return self.__dict__["functions"][name]
        except KeyError:
            raise AttributeError(f"no function named {name!r}") from None

    def __dir__(self):
        return list(self.functions)

    def __del__(self):
        handle = self.__dict__.get("_handle")
        if handle and _runtime is not None:
            _runtime.vortexArtifactDestroy(handle)
            self._handle = None


def load_artifact(path=None, data=None):
    """Loads a kernel artifact (`vortex-translate --vx-kernel-artifact`) from
    a file or from bytes. It is checked whole; the GPU is needed only to
    call its functions."""
    if (path is None) == (data is None):
        raise TypeError("load_artifact takes a path or data")
    return Artifact(path, data)
