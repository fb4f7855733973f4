#!/usr/bin/env bash
# Sets up a Debian 12 machine for Vortex and builds it.
#
#   utils/setup.sh            install what is missing, configure, build
#
# Installs, without prompts and only when missing, the Debian packages Vortex
# needs (MLIR/LLVM 22, CMake, Ninja, ccache, a C++ compiler, Python with NumPy
# and pytest, clang with libFuzzer for the .vx fuzzer), configures build/ with
# CMake and Ninja against /usr/lib/llvm-22, and builds the tools, libraries
# and generated docs.
# Running it again only rebuilds what changed.
#
# Environment: BUILD_DIR (default build), VORTEX_JOBS (ninja -j),
# VORTEX_BUILD_TYPE (default Release; assertions stay on either way).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
llvm=/usr/lib/llvm-22

packages=(
  build-essential cmake ninja-build ccache git
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  python3 python3-numpy python3-pytest
  clang-22 libclang-rt-22-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in "$llvm/bin/mlir-tblgen" "$llvm/bin/lit" "$llvm/bin/FileCheck" "$llvm/bin/mlir-runner"; do
  [ -x "$tool" ] || { echo "setup: $tool is missing after installing MLIR 22" >&2; exit 1; }
done

if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE="${VORTEX_BUILD_TYPE:-Release}" \
    -DMLIR_DIR="$llvm/lib/cmake/mlir" \
    -DLLVM_EXTERNAL_LIT="$llvm/bin/lit" \
    -DPython3_EXECUTABLE=/usr/bin/python3
fi

jobs=()
[ -n "${VORTEX_JOBS:-}" ] && jobs=(-j "$VORTEX_JOBS")
ninja -C "$build" "${jobs[@]}"
