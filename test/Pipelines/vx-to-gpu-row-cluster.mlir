// RUN: vortex-opt %s --vx-to-gpu | FileCheck %s --check-prefix=SM90
// RUN: vortex-opt %s --vx-to-gpu="row-cluster=1" | FileCheck %s --check-prefix=NONE
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_80 features=+ptx70" | FileCheck %s --check-prefix=NONE

// Long rows are split over thread-block clusters on sm_90a (the default
// chip), whose kernels reach across the cluster's shared memory with
// mapa; not when clusters are off or the chip predates them.
// SM90: gpu.launch_func {{.+}} clusters in
// SM90: mapa.shared::cluster
// SM90: barrier.cluster.arrive.aligned
// NONE-NOT: clusters in
// NONE-NOT: mapa
func.func @softmax(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
