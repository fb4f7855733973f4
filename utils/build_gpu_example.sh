#!/usr/bin/env bash
# Compiles an example ahead of time into an executable that runs on a GPU
# machine without MLIR: the kernels' host code (utils/build_kernel_library.sh)
# linked with examples/NAME.gpu.c and libvortex_runtime.so.
#
# usage: utils/build_gpu_example.sh NAME [OUTDIR] [vx-to-gpu options]
# Writes OUTDIR/NAME.gpu (default OUTDIR: build/examples), with an rpath of
# $ORIGIN, next to libvortex_runtime.so.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
name="$1"
out="${2:-$build/examples}"
KEEP_TEMPS=1 "$root/utils/build_kernel_library.sh" "$root/examples/$name.mlir" "$out" "$name" "${3:-}" >/dev/null
cc -O2 -std=c11 -D_DEFAULT_SOURCE -I"$root/include" "$root/examples/$name.gpu.c" "$out/$name.host.o" \
  -L"$out" -lvortex_runtime -Wl,-rpath,'$ORIGIN' -lm -o "$out/$name.gpu"
echo "$out/$name.gpu"
