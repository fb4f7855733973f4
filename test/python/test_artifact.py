# RUN: env BUILD_DIR=%vortex_obj_root %python -m pytest -q -p no:cacheprovider %s 2>&1 | FileCheck %s
# CHECK-NOT: failed
# CHECK: passed

"""vortex.runtime.load_artifact: loading a kernel artifact, the argument
checks it shares with kernel libraries (NumPy, __cuda_array_interface__,
DLPack), and every error path without a GPU: no driver, truncated and
corrupted artifacts, unknown functions, wrong dtype, rank and shape (on a
GPU machine, the round trip)."""

import ctypes
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import vortex.runtime as vr

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "utils", "reference"))
import tensor_ref  # noqa: E402

HAVE_GPU = bool(shutil.which("nvidia-smi")) and subprocess.run(
    ["nvidia-smi", "-L"], capture_output=True).returncode == 0
TOOLS = os.environ.get("VORTEX_TOOLS_DIR") or os.path.join(
    os.environ.get("BUILD_DIR", os.path.join(ROOT, "build")), "bin")

STATUS_NO_DRIVER, STATUS_INVALID_ARGUMENT, STATUS_INVALID_IMAGE = 1, 4, 5
STATUS_NOT_FOUND, STATUS_ARGUMENT_MISMATCH = 6, 8


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    out = tmp_path_factory.mktemp("artifact") / "elementwise.vxk"
    subprocess.run([os.path.join(TOOLS, "vortex-translate"), "--vx-kernel-artifact",
                    os.path.join(ROOT, "examples", "elementwise.mlir"), "-o", str(out)],
                   check=True, capture_output=True)
    return str(out)


@pytest.fixture(scope="module")
def artifact(path):
    return vr.load_artifact(path)


def test_functions_and_signatures(artifact, path):
    assert sorted(dir(artifact)) == ["clamp_i32", "gelu_bf16", "swiglu_residual"]
    gelu = artifact.gelu_bf16
    assert gelu.arguments == [{"kind": "tensor", "element": "bf16", "shape": [4, 1000]}]
    assert gelu.results == [{"kind": "tensor", "element": "bf16", "shape": [4, 1000]}]
    assert artifact.swiglu_residual.arguments[0]["shape"] == [-1, -1]
    with pytest.raises(AttributeError, match="no function named 'nope'"):
        artifact.nope
    with open(path, "rb") as f:
        assert sorted(vr.load_artifact(data=f.read()).functions) == sorted(artifact.functions)


def test_argument_checks_need_no_gpu(artifact):
    x = np.zeros((3, 5), dtype=np.float32)
    with pytest.raises(vr.KernelArgumentError, match="swiglu_residual takes 3 argument"):
        artifact.swiglu_residual(x, x)
    with pytest.raises(vr.KernelArgumentError,
                       match="argument 0 of gelu_bf16: dim 1 is 999 but the kernel was compiled "
                             "for 1000"):
        artifact.gelu_bf16(np.zeros((4, 999)))
    with pytest.raises(vr.KernelArgumentError, match="expected rank 1"):
        artifact.clamp_i32(x, x, x)
    with pytest.raises(vr.KernelArgumentError, match="expected a tensor"):
        artifact.clamp_i32(1, 2, 3)


class FakeCudaArray:
    """A stand-in for a CuPy array: only __cuda_array_interface__."""

    def __init__(self, shape, typestr, strides=None):
        self.__cuda_array_interface__ = {"shape": shape, "typestr": typestr,
                                         "data": (0x1000, False), "version": 3,
                                         "strides": strides}


class FakeDLPack:
    """A stand-in for a DLPack producer on a CUDA device (JAX, ...): a
    capsule over a DLTensor that lives as long as the object."""

    def __init__(self, shape, code, bits, strides=None, device=2):
        self._shape = (ctypes.c_int64 * len(shape))(*shape)
        self._strides = (ctypes.c_int64 * len(shape))(*strides) if strides else None
        self._tensor = vr._DLTensor(0x2000, vr._DLDevice(device, 0), len(shape),
                                    vr._DLDataType(code, bits, 1),
                                    ctypes.cast(self._shape, ctypes.POINTER(ctypes.c_int64)),
                                    ctypes.cast(self._strides, ctypes.POINTER(ctypes.c_int64))
                                    if strides else None, 0)
        self._device = device

    def __dlpack_device__(self):
        return (self._device, 0)

    def __dlpack__(self, stream=None):
        new = ctypes.pythonapi.PyCapsule_New
        new.argtypes, new.restype = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p], \
            ctypes.py_object
        return new(ctypes.addressof(self._tensor), b"dltensor", None)


def test_gpu_array_checks(artifact):
    ok = FakeCudaArray((7,), "<i4")
    with pytest.raises(vr.KernelArgumentError, match="expected i32 elements, got f32"):
        artifact.clamp_i32(FakeCudaArray((7,), "<f4"), ok, ok)
    with pytest.raises(vr.KernelArgumentError, match="not C-contiguous"):
        artifact.clamp_i32(FakeCudaArray((7,), "<i4", strides=(8,)), ok, ok)
    with pytest.raises(vr.KernelArgumentError, match="expected i32 elements, got f32"):
        artifact.clamp_i32(FakeDLPack((7,), 2, 32), ok, ok)
    with pytest.raises(vr.KernelArgumentError, match="not C-contiguous"):
        artifact.clamp_i32(FakeDLPack((7,), 0, 32, strides=(2,)), ok, ok)
    with pytest.raises(vr.KernelArgumentError, match="DLPack type code 5"):
        artifact.clamp_i32(FakeDLPack((7,), 5, 64), ok, ok)
    with pytest.raises(vr.KernelArgumentError, match="expected rank 2"):
        artifact.gelu_bf16(FakeDLPack((4000,), 4, 16))
    with pytest.raises(vr.KernelArgumentError, match="dim 0 is 5 but"):
        artifact.gelu_bf16(FakeDLPack((5, 1000), 4, 16))


def test_dlpack_description():
    pointer, shape, element, _ = vr._from_dlpack(FakeDLPack((4, 1000), 4, 16), "x")
    assert (pointer, shape, element) == (0x2000, (4, 1000), "bf16")
    # Size-1 dimensions may have any stride (PyTorch's convention).
    _, shape, element, _ = vr._from_dlpack(FakeDLPack((1, 8), 2, 16, strides=(99, 1)), "x")
    assert (shape, element) == ((1, 8), "f16")
    assert not vr._on_cuda_dlpack(FakeDLPack((3,), 2, 32, device=1))
    assert not vr._on_cuda_dlpack(np.zeros(3))


def test_runtime_checks_arguments_too(artifact):
    """vortexArtifactCall checks what Python already checked: a C caller
    gets the same errors."""
    lib = vr._artifacts()
    values = (vr._Value * 1)()
    values[0].element, values[0].rank, values[0].data = b"f32", 2, 0x1000
    values[0].sizes[0], values[0].sizes[1] = 4, 1000
    values[0].strides[0], values[0].strides[1] = 1000, 1
    results = (vr._Value * 1)()
    call = lambda name: lib.vortexArtifactCall(artifact._handle, name, values, 1, results, 1,
                                               None)
    assert call(b"nope") == STATUS_NOT_FOUND
    assert "no function named nope" in lib.vortexRuntimeLastError().decode()
    assert call(b"gelu_bf16") == STATUS_ARGUMENT_MISMATCH
    assert "expected bf16 elements, got f32" in lib.vortexRuntimeLastError().decode()
    values[0].element = b"bf16"
    values[0].sizes[1] = 999
    assert call(b"gelu_bf16") == STATUS_ARGUMENT_MISMATCH
    assert "dim 1 is 999" in lib.vortexRuntimeLastError().decode()


def test_damaged_artifacts_are_errors(path, tmp_path):
    with open(path, "rb") as f:
        data = f.read()
    for n in (0, 1, 100, len(data) // 2, len(data) - 2):
        with pytest.raises(vr.VortexRuntimeError, match="bad kernel artifact") as info:
            vr.load_artifact(data=data[:n])
        assert info.value.status == STATUS_INVALID_IMAGE
    rng = np.random.default_rng(7)
    plans = data.index(b'"modules"')
    rejected = 0
    for _ in range(300):
        copy = bytearray(data)
        at = int(rng.integers(0, plans))
        copy[at] = int(rng.choice(list(b'0123456789[]{}",:x')))
        try:
            vr.load_artifact(data=bytes(copy))
        except vr.VortexRuntimeError as e:
            assert e.status == STATUS_INVALID_IMAGE and "bad kernel artifact" in str(e)
            rejected += 1
    assert rejected > 100
    bad = tmp_path / "bad.vxk"
    bad.write_bytes(data.replace(b'"version": 1', b'"version": 7'))
    with pytest.raises(vr.VortexRuntimeError, match="format version 7"):
        vr.load_artifact(str(bad))
    with pytest.raises(vr.VortexRuntimeError, match="cannot open kernel artifact") as info:
        vr.load_artifact(str(tmp_path / "missing.vxk"))
    assert info.value.status == STATUS_INVALID_ARGUMENT


@pytest.mark.skipif(HAVE_GPU, reason="checks the error path without a GPU")
def test_no_gpu_is_an_error(artifact):
    with pytest.raises(vr.VortexRuntimeError, match="no CUDA driver found") as info:
        artifact.clamp_i32(np.arange(5), np.zeros(5), np.ones(5))
    assert info.value.status == STATUS_NO_DRIVER
    ok = FakeCudaArray((7,), "<i4")
    with pytest.raises(vr.VortexRuntimeError, match="no CUDA driver found"):
        artifact.clamp_i32(ok, ok, ok)


@pytest.mark.skipif(not HAVE_GPU, reason="needs a GPU")
def test_round_trip_on_gpu(artifact):
    rng = np.random.default_rng()
    x = rng.integers(-100, 100, size=1001)
    lo, hi = np.full(1001, -10), np.full(1001, 20)
    np.testing.assert_array_equal(artifact.clamp_i32(x, lo, hi).numpy(), np.clip(x, -10, 20))
    g = rng.uniform(-4, 4, size=(4, 1000))
    got = artifact.gelu_bf16(g).numpy()
    want = tensor_ref.gelu(tensor_ref.round_to_bf16(g), tanh=True)
    assert np.allclose(got, want, rtol=1e-2, atol=1e-2)
    with vr.Profile() as profile:
        artifact.gelu_bf16(g)
    assert profile.launches >= 1 and profile.milliseconds > 0


BLS12_381_FQ = int("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f624"
                   "1eabfffeb153ffffb9feffffffffaaab", 16)
FQ_ADD = """
!fq = !vx_field.pf<bls12_381_fq>
func.func @fq_add(%a: tensor<?xi384>, %b: tensor<?xi384>) -> tensor<?xi384> {
  %x = vx_field.bitcast %a : tensor<?xi384> to tensor<?x!fq>
  %y = vx_field.bitcast %b : tensor<?xi384> to tensor<?x!fq>
  %r = vx_field.add %x, %y : tensor<?x!fq>
  %o = vx_field.bitcast %r : tensor<?x!fq> to tensor<?xi384>
  return %o : tensor<?xi384>
}
"""


@pytest.fixture(scope="module")
def fq_artifact(tmp_path_factory):
    """BLS12-381 Fq elements (i384) in GPU memory take 64-byte slots (i512),
    in the kernels, the plan's allocations and the runtime's arrays alike."""
    directory = tmp_path_factory.mktemp("fq")
    (directory / "fq.mlir").write_text(FQ_ADD)
    subprocess.run([os.path.join(TOOLS, "vortex-translate"), "--vx-kernel-artifact",
                    str(directory / "fq.mlir"), "-o", str(directory / "fq.vxk")],
                   check=True, capture_output=True)
    return vr.load_artifact(str(directory / "fq.vxk"))


def test_wide_field_artifact_loads(fq_artifact):
    tensor = {"kind": "tensor", "element": "i384", "shape": [-1]}
    assert fq_artifact.fq_add.arguments == [tensor, tensor]
    assert fq_artifact.fq_add.results == [tensor]


@pytest.mark.skipif(not HAVE_GPU, reason="needs a GPU")
def test_wide_field_round_trip_on_gpu(fq_artifact):
    rng = np.random.default_rng()
    n = 1001
    values = [[int.from_bytes(rng.bytes(48), "little") % BLS12_381_FQ for _ in range(n)]
              for _ in range(2)]
    values[0][:3] = [BLS12_381_FQ - 1, 0, BLS12_381_FQ - 1]
    values[1][:3] = [BLS12_381_FQ - 1, 1, 1]

    def words(column):
        return np.array([[(v >> (32 * j)) & 0xFFFFFFFF for j in range(12)] for v in column],
                        dtype=np.uint32)

    a, b = (vr.from_host(words(v), "i384") for v in values)
    got = fq_artifact.fq_add(a, b).numpy()
    assert got.shape == (n, 12)
    want = words([(x + y) % BLS12_381_FQ for x, y in zip(*values)])
    np.testing.assert_array_equal(got, want)


class FakeTorchStream:
    cuda_stream = 0x1234


def test_stream_arguments():
    assert vr._stream_handle(None) is None
    assert vr._stream_handle(0) is None
    assert vr._stream_handle(0x99) == 0x99
    assert vr._stream_handle(FakeTorchStream()) == 0x1234
    # Without PyTorch or CuPy arrays among the arguments: the NULL stream.
    assert vr._framework_stream([np.zeros(3), FakeCudaArray((3,), "<f4")]) is None
