#!/usr/bin/env bash
# The main job: sets everything up (utils/setup.sh), then for every example in
# examples/ (a kernel file NAME.mlir with its CPU driver NAME.cpu.mlir)
#   1. compiles the kernels with `vortex-opt --vx-to-gpu` into
#      build/examples/NAME.gpu.mlir (a gpu.binary per kernel, PTX for sm_90a)
#      and writes each kernel's PTX to build/examples/NAME/<kernel>.ptx;
#   2. runs kernels and driver on the CPU: `vortex-opt --vx-to-cpu` and
#      mlir-runner;
#   3. where an NVIDIA GPU answers, assembles each PTX for it with ptxas.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
"$root/utils/setup.sh"

llvm=/usr/lib/llvm-22
opt="$build/bin/vortex-opt"
export CUDA_HOME="${CUDA_HOME:-/usr/local/cuda}"
out="$build/examples"
mkdir -p "$out"

gpu=""
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  gpu="$(nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader | head -n 1)"
fi

for kernels in "$root"/examples/*.mlir; do
  case "$kernels" in *.cpu.mlir) continue ;; esac
  name="$(basename "$kernels" .mlir)"
  echo "== $name: --vx-to-gpu"
  "$opt" "$kernels" --vx-to-gpu -o "$out/$name.gpu.mlir"
  /usr/bin/python3 "$root/utils/extract_ptx.py" "$out/$name.gpu.mlir" "$out/$name"

  driver="$root/examples/$name.cpu.mlir"
  if [ -f "$driver" ]; then
    echo "== $name: --vx-to-cpu, run on the CPU"
    cat "$kernels" "$driver" | "$opt" --vx-to-cpu -o "$out/$name.cpu.mlir"
    "$llvm/bin/mlir-runner" "$out/$name.cpu.mlir" -e main -entry-point-result=void \
      -shared-libs="$llvm/lib/libmlir_runner_utils.so,$llvm/lib/libmlir_c_runner_utils.so"
  fi

  if [ -n "$gpu" ] && [ -x "$CUDA_HOME/bin/ptxas" ]; then
    arch="sm_$(echo "$gpu" | sed 's/.*, *//; s/\.//')"
    [ "$arch" = sm_90 ] && arch=sm_90a
    echo "== $name: assembling for $gpu ($arch)"
    for ptx in "$out/$name"/*.ptx; do
      "$CUDA_HOME/bin/ptxas" -arch="$arch" "$ptx" -o "${ptx%.ptx}.cubin"
      echo "$(basename "$ptx") -> $(basename "${ptx%.ptx}.cubin")"
    done
  fi
done
echo "main: examples compiled to $out"
