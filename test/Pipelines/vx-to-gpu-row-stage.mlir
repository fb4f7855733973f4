// RUN: vortex-opt %s --vx-to-gpu | FileCheck %s --check-prefix=STAGED
// RUN: vortex-opt %s --vx-to-gpu="row-cluster=1" | FileCheck %s --check-prefixes=STAGED,SOFTMAX
// RUN: vortex-opt %s --vx-to-gpu="row-stage-bytes=0" | FileCheck %s --check-prefix=NONE
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_75 features=+ptx63" | FileCheck %s --check-prefix=NONE

// Rows past the registers that the LayerNorm reads three times are staged
// in shared memory with cp.async on sm_80 and later (on sm_90a, up to 226
// KiB per block): the kernel opts in to its dynamic shared memory at
// launch. The softmax takes thread-block clusters first, and is staged
// when clusters are off. Not with row-stage-bytes=0, nor before sm_80.
// STAGED-LABEL: llvm.func @layer_norm
// STAGED: gpu.launch_func {{.+}} dynamic_shared_memory_size
// SOFTMAX-LABEL: llvm.func @softmax
// SOFTMAX: gpu.launch_func {{.+}} dynamic_shared_memory_size
// STAGED: cp.async.cg.shared.global
// STAGED: cp.async.wait_group {{(\\09)?}}1;
// NONE-NOT: cp.async.cg
func.func @layer_norm(%x: tensor<?x?xbf16>, %w: tensor<?xbf16>, %b: tensor<?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.layer_norm %x, %w, %b eps 1.0e-05 : tensor<?x?xbf16>, tensor<?xbf16>, tensor<?xbf16>
  return %r : tensor<?x?xbf16>
}

func.func @softmax(%x: tensor<?x?xbf16>) -> tensor<?x?xbf16> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xbf16>
  return %r : tensor<?x?xbf16>
}
