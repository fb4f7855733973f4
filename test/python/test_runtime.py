# RUN: env BUILD_DIR=%vortex_obj_root %python -m pytest -q -p no:cacheprovider %s 2>&1 | FileCheck %s
# CHECK-NOT: failed
# CHECK: passed

"""vortex.runtime: loading a kernel library compiled ahead of time, checking
arguments against the kernels' signatures, and the errors on a machine
without a GPU (on a GPU machine, the round trip)."""

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


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    out = tmp_path_factory.mktemp("kernels")
    subprocess.run([os.path.join(ROOT, "utils", "build_kernel_library.sh"),
                    os.path.join(ROOT, "examples", "elementwise.mlir"), str(out), "elementwise"],
                   check=True, capture_output=True, env=dict(os.environ))
    return vr.load(str(out / "libelementwise.so"))


def test_signatures(library):
    assert sorted(dir(library)) == ["clamp_i32", "gelu_bf16", "swiglu_residual"]
    gelu = library.gelu_bf16
    assert gelu.arguments == [{"kind": "tensor", "shape": [4, 1000], "element": "bf16"}]
    assert gelu.results == [{"kind": "tensor", "shape": [4, 1000], "element": "bf16"}]
    with pytest.raises(AttributeError, match="no kernel named 'nope'"):
        library.nope


def test_argument_checks_need_no_gpu(library):
    x = np.zeros((3, 5), dtype=np.float32)
    with pytest.raises(vr.KernelArgumentError, match="swiglu_residual takes 3 argument"):
        library.swiglu_residual(x, x)
    with pytest.raises(vr.KernelArgumentError,
                       match="argument 0 of gelu_bf16: dim 1 is 999 but the kernel was compiled for 1000"):
        library.gelu_bf16(np.zeros((4, 999)))
    with pytest.raises(vr.KernelArgumentError, match="expected rank 1"):
        library.clamp_i32(x, x, x)
    with pytest.raises(vr.KernelArgumentError, match="expected a tensor"):
        library.clamp_i32(1, 2, 3)


class FakeCudaArray:
    """A stand-in for a CuPy array: only __cuda_array_interface__."""

    def __init__(self, shape, typestr, strides=None):
        self.__cuda_array_interface__ = {"shape": shape, "typestr": typestr,
                                         "data": (0x1000, False), "version": 3,
                                         "strides": strides}


def test_cuda_array_interface_checks(library):
    ok = FakeCudaArray((7,), "<i4")
    with pytest.raises(vr.KernelArgumentError, match="expected i32 elements, got f32"):
        library.clamp_i32(FakeCudaArray((7,), "<f4"), ok, ok)
    with pytest.raises(vr.KernelArgumentError, match="not C-contiguous"):
        library.clamp_i32(FakeCudaArray((7,), "<i4", strides=(8,)), ok, ok)
    with pytest.raises(vr.KernelArgumentError, match="type <c8"):
        library.clamp_i32(FakeCudaArray((7,), "<c8"), ok, ok)


@pytest.mark.skipif(HAVE_GPU, reason="checks the error path without a GPU")
def test_no_gpu_is_an_error(library):
    with pytest.raises(vr.VortexRuntimeError, match="no CUDA driver found") as info:
        library.clamp_i32(np.arange(5), np.zeros(5), np.ones(5))
    assert info.value.status == 1  # VORTEX_ERROR_NO_DRIVER
    with pytest.raises(vr.VortexRuntimeError, match="no CUDA driver found"):
        vr.from_host(np.ones(3), "f32")
    with pytest.raises(vr.VortexRuntimeError):
        vr.device_name()
    with pytest.raises(vr.VortexRuntimeError, match="no CUDA driver found"):
        with vr.Profile():
            pass


@pytest.mark.skipif(not HAVE_GPU, reason="needs a GPU")
def test_round_trip_on_gpu(library):
    rng = np.random.default_rng()
    x = rng.integers(-100, 100, size=1001)
    lo, hi = np.full(1001, -10), np.full(1001, 20)
    out = library.clamp_i32(x, lo, hi)
    np.testing.assert_array_equal(out.numpy(), np.clip(x, -10, 20))
    g = rng.uniform(-4, 4, size=(4, 1000))
    got = library.gelu_bf16(g).numpy()
    want = tensor_ref.gelu(tensor_ref.round_to_bf16(g), tanh=True)
    assert np.allclose(got, want, rtol=1e-2, atol=1e-2)
    with vr.Profile() as profile:
        library.gelu_bf16(g)
    assert profile.launches >= 1 and profile.milliseconds > 0


def test_bf16_rounding_matches_reference():
    values = np.array([1.00390625, 1.005859375, 3.14159265, -2.5e-3, 0.0, -0.0, 65504.0,
                       np.inf, -np.inf], dtype=np.float32)
    bits = vr._bf16_bits(values)
    back = (bits.astype(np.uint32) << np.uint32(16)).view(np.float32)
    np.testing.assert_array_equal(back, tensor_ref.round_to_bf16(values).astype(np.float32))
    assert np.isnan((vr._bf16_bits(np.array([np.nan], np.float32)).astype(np.uint32)
                     << np.uint32(16)).view(np.float32)[0])


def test_device_array_interface():
    a = vr.DeviceArray(0x2000, (2, 3), "f32")
    assert a.__cuda_array_interface__ == {"shape": (2, 3), "typestr": "<f4",
                                          "data": (0x2000, False), "version": 3,
                                          "strides": None}
    assert a.nbytes == 24
    with pytest.raises(AttributeError, match="bf16"):
        vr.DeviceArray(0x2000, (2,), "bf16").__cuda_array_interface__
    # Field elements stored as wide integers have no interface type either:
    # hasattr() is False (kernels then take the array itself).
    wide = vr.DeviceArray(0x2000, (4,), "i256")
    assert not hasattr(wide, "__cuda_array_interface__")
    assert wide.nbytes == 128
    # In GPU memory a wide integer takes its NVPTX allocation size: i384
    # (BLS12-381 Fq) 64 bytes, as LLVM's nvptx64 data layout gives it.
    assert [vr._device_words(f"i{b}") for b in (96, 128, 160, 256, 384, 768)] == \
        [4, 4, 8, 8, 16, 24]
    assert vr.DeviceArray(0x2000, (3,), "i384").nbytes == 192


def test_missing_runtime_library_is_an_error(tmp_path):
    code = ("import vortex.runtime as vr\n"
            "try:\n    vr.init()\nexcept vr.VortexRuntimeError as e:\n    print('ERR', e)\n")
    env = dict(os.environ, VORTEX_RUNTIME_LIB=str(tmp_path / "libvortex_runtime.so"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "ERR cannot load the Vortex runtime libvortex_runtime.so" in out.stdout
