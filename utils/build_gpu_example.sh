#!/usr/bin/env bash
# Compiles an example ahead of time into an executable that runs on a GPU
# machine without MLIR:
#   vortex-opt --vx-to-gpu  ->  vortex-translate --mlir-to-llvmir  ->  llc
#   -> link with examples/NAME.gpu.c and libvortex_runtime.so
#
# usage: utils/build_gpu_example.sh NAME [OUTDIR] [vx-to-gpu options]
# Writes OUTDIR/NAME.gpu (default OUTDIR: build/examples), with an rpath of
# $ORIGIN so that libvortex_runtime.so can be copied next to it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
name="$1"
out="${2:-$build/examples}"
options="${3:-}"
llvm=/usr/lib/llvm-22
mkdir -p "$out"
"$build/bin/vortex-opt" "$root/examples/$name.mlir" --vx-to-gpu${options:+="$options"} \
  | "$build/bin/vortex-translate" --mlir-to-llvmir -o "$out/$name.host.ll"
"$llvm/bin/llc" -O2 -filetype=obj -relocation-model=pic "$out/$name.host.ll" -o "$out/$name.host.o"
cp "$build/lib/libvortex_runtime.so" "$out/"
cc -O2 -std=c11 -D_DEFAULT_SOURCE -I"$root/include" "$root/examples/$name.gpu.c" "$out/$name.host.o" \
  -L"$out" -lvortex_runtime -Wl,-rpath,'$ORIGIN' -lm -o "$out/$name.gpu"
echo "$out/$name.gpu"
