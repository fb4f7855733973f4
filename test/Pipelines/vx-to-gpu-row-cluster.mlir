// RUN: vortex-opt %s --vx-to-gpu | FileCheck %s --check-prefix=SM90
// RUN: vortex-opt %s --vx-to-gpu="row-cluster=1" | FileCheck %s --check-prefix=NONE
// RUN: vortex-opt %s --vx-to-gpu="chip=sm_80 features=+ptx70" | FileCheck %s --check-prefix=NONE

// Long rows are split over thread-block clusters on sm_90a (the default
// chip), whose blocks send their partial results into each other's shared
// memory with cp.async.bulk and wait for them on an mbarrier; the cluster
// barriers are relaxed (a release arrival costs a MEMBAR.ALL.GPU). Not when
// clusters are off or the chip predates them.
// SM90: gpu.launch_func {{.+}} clusters in
// SM90: mbarrier.init.shared.b64
// SM90-SAME: mbarrier.init.shared.b64
// SM90-SAME: fence.mbarrier_init.release.cluster
// SM90: barrier.cluster.arrive.relaxed.aligned
// SM90: barrier.cluster.wait.aligned
// SM90: fence.proxy.async.shared::cta
// SM90: mbarrier.arrive.expect_tx.shared.b64
// SM90: mapa.shared::cluster
// SM90: cp.async.bulk.shared::cluster.shared::cta.mbarrier::complete_tx::bytes
// SM90: mbarrier.try_wait.parity.shared.b64
// SM90: barrier.cluster.arrive.relaxed.aligned
// SM90-NOT: barrier.cluster.arrive.aligned
// NONE-NOT: clusters in
// NONE-NOT: mapa
func.func @softmax(%x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = vx_tensor.softmax %x dim 1 : tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
