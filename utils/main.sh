#!/usr/bin/env bash
# The main job: sets everything up (utils/setup.sh), then for every example in
# examples/ (a kernel file NAME.mlir, or a .vx program NAME.vx that
# `vortex-translate --import-vx` turns into build/examples/NAME.mlir, with its
# CPU driver NAME.cpu.mlir)
#   1. compiles the kernels with `vortex-opt --vx-to-gpu` into
#      build/examples/NAME.gpu.mlir (a gpu.binary per kernel, PTX for sm_90a)
#      and writes each kernel's PTX to build/examples/NAME/<kernel>.ptx;
#   2. runs kernels and driver on the CPU: `vortex-opt --vx-to-cpu` and
#      mlir-runner;
#   3. where an NVIDIA GPU answers and the example has a GPU driver
#      (NAME.gpu.c), compiles the kernels' host code ahead of time, links it
#      with the driver and libvortex_runtime.so, and runs it on the GPU,
#      checked against the driver's float64 reference.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
"$root/utils/setup.sh"

llvm=/usr/lib/llvm-22
opt="$build/bin/vortex-opt"
translate="$build/bin/vortex-translate"
export CUDA_HOME="${CUDA_HOME:-/usr/local/cuda}"
out="$build/examples"
mkdir -p "$out"

gpu=""
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  gpu="$(nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader | head -n 1)"
fi

for source in "$root"/examples/*.mlir "$root"/examples/*.vx; do
  [ -e "$source" ] || continue
  case "$source" in *.cpu.mlir) continue ;; esac
  kernels="$source"
  name="$(basename "$source")"
  name="${name%.*}"
  if [ "${source##*.}" = vx ]; then
    echo "== $name: --import-vx"
    kernels="$out/$name.mlir"
    "$translate" --import-vx "$source" -o "$kernels"
  fi
  echo "== $name: --vx-to-gpu"
  "$opt" "$kernels" --vx-to-gpu -o "$out/$name.gpu.mlir"
  /usr/bin/python3 "$root/utils/extract_ptx.py" "$out/$name.gpu.mlir" "$out/$name"

  driver="$root/examples/$name.cpu.mlir"
  if [ -f "$driver" ]; then
    echo "== $name: --vx-to-cpu, run on the CPU"
    if [ "${source##*.}" = vx ]; then
      # The driver's functions go inside the printed module, before its '}'.
      { sed '$d' "$kernels"; cat "$driver"; echo "}"; } |
        "$opt" --vx-to-cpu -o "$out/$name.cpu.mlir"
    else
      cat "$kernels" "$driver" | "$opt" --vx-to-cpu -o "$out/$name.cpu.mlir"
    fi
    "$llvm/bin/mlir-runner" "$out/$name.cpu.mlir" -e main -entry-point-result=void \
      -shared-libs="$llvm/lib/libmlir_runner_utils.so,$llvm/lib/libmlir_c_runner_utils.so"
  fi

  if [ -n "$gpu" ] && [ -f "$root/examples/$name.gpu.c" ]; then
    echo "== $name: ahead-of-time build, run on $gpu"
    "$root/utils/build_gpu_example.sh" "$name" "$out" >/dev/null
    "$out/$name.gpu"
  fi
done
[ -n "$gpu" ] || echo "main: no GPU answered; kernels were compiled, and run on the CPU only"
echo "main: examples compiled to $out"
