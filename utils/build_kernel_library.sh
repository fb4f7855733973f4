#!/usr/bin/env bash
# Compiles the kernels of a vx module ahead of time into a shared library that
# runs on a GPU machine without MLIR:
#   vortex-opt --vx-to-gpu | vortex-translate --mlir-to-llvmir | llc
#   -> OUTDIR/libNAME.so (linked with libvortex_runtime.so; set KEEP_TEMPS=1
#   to keep the host LLVM IR and object file beside it)
#   vortex-translate --vx-kernel-signatures -> OUTDIR/NAME.json
# and copies libvortex_runtime.so into OUTDIR (the library's rpath is $ORIGIN).
# The Python runtime (python/vortex/runtime) loads libNAME.so with NAME.json.
#
# usage: utils/build_kernel_library.sh MODULE.mlir OUTDIR NAME [vx-to-gpu options]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
module="$1"
out="$2"
name="$3"
options="${4:-}"
llvm=/usr/lib/llvm-22
mkdir -p "$out"
"$build/bin/vortex-translate" --vx-kernel-signatures "$module" -o "$out/$name.json"
temps="$out"
if [ -z "${KEEP_TEMPS:-}" ]; then
  temps="$(mktemp -d)"
  trap 'rm -rf "$temps"' EXIT
fi
"$build/bin/vortex-opt" "$module" --vx-to-gpu${options:+="$options"} \
  | "$build/bin/vortex-translate" --mlir-to-llvmir -o "$temps/$name.host.ll"
"$llvm/bin/llc" -O2 -filetype=obj -relocation-model=pic "$temps/$name.host.ll" -o "$temps/$name.host.o"
# Renamed into place: several libraries may be built into OUTDIR at once.
cp "$build/lib/libvortex_runtime.so" "$out/.libvortex_runtime.so.$$"
mv -f "$out/.libvortex_runtime.so.$$" "$out/libvortex_runtime.so"
cc -shared "$temps/$name.host.o" -L"$out" -lvortex_runtime -Wl,-rpath,'$ORIGIN' -o "$out/lib$name.so"
echo "$out/lib$name.so"
