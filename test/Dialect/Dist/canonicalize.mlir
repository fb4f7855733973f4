// RUN: vortex-opt %s -canonicalize | FileCheck %s
// RUN: vortex-opt %s -cse | FileCheck %s --check-prefix=CSE

// vx_dist has no folders. Communication has effects on other devices: no
// collective, send, receive or transfer is erased or merged, even when its
// result is unused. A stage takes the effects of its body.

shard.grid @tp(shape = 8)
shard.grid @pp(shape = 4)

// CHECK-LABEL: func.func @collectives_kept
// CHECK-SAME: (%[[X:[^:]+]]: tensor<8xf32>, %[[Y:[^:]+]]: tensor<64xf32>, %[[M:[^:]+]]: memref<8xf32>)
// CHECK-NEXT: vx_dist.all_reduce %[[X]] into %[[X]] on @tp
// CHECK-NEXT: vx_dist.all_gather %[[X]] into %[[Y]] on @tp gather_dim = 0
// CHECK-NEXT: vx_dist.reduce_scatter %[[Y]] into %[[X]] on @tp scatter_dim = 0
// CHECK-NEXT: vx_dist.broadcast %[[X]] into %[[X]] on @tp root = 0
// CHECK-NEXT: vx_dist.all_reduce %[[M]] into %[[M]] on @tp
// CHECK-NEXT: vx_dist.send %[[X]] to 1 on @pp
// CHECK-NEXT: vx_dist.recv from 0 into %[[X]] on @pp
// CHECK-NEXT: vx_dist.transfer %[[X]] from 0 to 1 on @pp axis = 0
// CHECK-NEXT: return
func.func @collectives_kept(%x: tensor<8xf32>, %y: tensor<64xf32>, %m: memref<8xf32>) {
  %0 = vx_dist.all_reduce %x into %x on @tp : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  %1 = vx_dist.all_gather %x into %y on @tp gather_dim = 0 : tensor<8xf32>, tensor<64xf32> -> tensor<64xf32>
  %2 = vx_dist.reduce_scatter %y into %x on @tp scatter_dim = 0 : tensor<64xf32>, tensor<8xf32> -> tensor<8xf32>
  %3 = vx_dist.broadcast %x into %x on @tp root = 0 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  vx_dist.all_reduce %m into %m on @tp : memref<8xf32>, memref<8xf32>
  vx_dist.send %x to 1 on @pp : tensor<8xf32>
  %4 = vx_dist.recv from 0 into %x on @pp : tensor<8xf32> -> tensor<8xf32>
  %5 = vx_dist.transfer %x from 0 to 1 on @pp axis = 0 : tensor<8xf32>
  return
}

// A stage whose body has no effects goes away when its results are unused;
// one that communicates stays. Its body is canonicalized.
// CHECK-LABEL: func.func @stages
// CHECK-SAME: (%[[X:[^:]+]]: tensor<8xf32>)
// CHECK-NEXT: vx_dist.stage 1 on @pp axis = 0 (%[[X]]) : (tensor<8xf32>) -> () {
// CHECK-NEXT: ^bb0(%[[IN:.+]]: tensor<8xf32>):
// CHECK-NEXT: vx_dist.send %[[IN]] to 2 on @pp : tensor<8xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return
func.func @stages(%x: tensor<8xf32>) {
  %0 = vx_dist.stage 0 on @pp axis = 0 (%x) : (tensor<8xf32>) -> tensor<8xf32> {
  ^bb0(%in: tensor<8xf32>):
    %r = vx_tensor.relu %in : tensor<8xf32>
    vx_dist.yield %r : tensor<8xf32>
  }
  vx_dist.stage 1 on @pp axis = 0 (%x) : (tensor<8xf32>) -> () {
  ^bb0(%in: tensor<8xf32>):
    %c = vx_tensor.cast %in : tensor<8xf32> to tensor<8xf32>
    vx_dist.send %c to 2 on @pp : tensor<8xf32>
    vx_dist.yield
  }
  return
}

// CSE-LABEL: func.func @no_cse
// CSE-SAME: (%[[X:.+]]: tensor<8xf32>)
// CSE-NEXT: %[[A:.+]] = vx_dist.all_reduce %[[X]] into %[[X]] on @tp
// CSE-NEXT: %[[B:.+]] = vx_dist.all_reduce %[[X]] into %[[X]] on @tp
// CSE-NEXT: %[[C:.+]] = vx_dist.transfer %[[X]] from 0 to 1 on @pp axis = 0
// CSE-NEXT: %[[D:.+]] = vx_dist.transfer %[[X]] from 0 to 1 on @pp axis = 0
// CSE-NEXT: return %[[A]], %[[B]], %[[C]], %[[D]]
func.func @no_cse(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %0 = vx_dist.all_reduce %x into %x on @tp : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  %1 = vx_dist.all_reduce %x into %x on @tp : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  %2 = vx_dist.transfer %x from 0 to 1 on @pp axis = 0 : tensor<8xf32>
  %3 = vx_dist.transfer %x from 0 to 1 on @pp axis = 0 : tensor<8xf32>
  return %0, %1, %2, %3 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}
