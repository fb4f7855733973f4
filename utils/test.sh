#!/usr/bin/env bash
# Sets everything up (utils/setup.sh) and runs the Vortex test suite, the lit
# suite of `ninja check-vortex`: dialect, conversion, transform, pipeline,
# tool, C API, Python and CPU integration tests. GPU tests (REQUIRES:
# cuda-gpu) run where an NVIDIA driver answers and are reported as
# unsupported elsewhere. Ends with one line "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
"$root/utils/setup.sh"
ninja -C "$build" mlir-doc >/dev/null
export CUDA_HOME="${CUDA_HOME:-/usr/local/cuda}"

log="$build/check-vortex.log"
status=0
/usr/lib/llvm-22/bin/lit -sv "$build/test" 2>&1 | tee "$log" || status=$?
count() { sed -n "s/^ *$1 *: *\([0-9]*\).*/\1/p" "$log" | tail -n 1; }
passed=$(count Passed); failed=$(count Failed)
echo "check-vortex: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
