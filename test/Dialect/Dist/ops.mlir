// RUN: vortex-opt %s --verify-roundtrip | FileCheck %s
// RUN: vortex-opt %s --mlir-print-op-generic | vortex-opt | FileCheck %s

// Round trip of the vx_dist collectives, point-to-point operations and
// pipeline stages.

// CHECK: shard.grid @tp(shape = 8)
// CHECK: shard.grid @grid(shape = 8x4)
// CHECK: shard.grid @pp(shape = 4)
// CHECK: shard.grid @dyn(shape = ?x2)
shard.grid @tp(shape = 8)
shard.grid @grid(shape = 8x4)
shard.grid @pp(shape = 4)
shard.grid @dyn(shape = ?x2)

// CHECK-LABEL: func.func @all_reduce
// CHECK-SAME: (%[[X:[^:]+]]: tensor<16x4096xbf16>, %[[Y:[^:]+]]: tensor<16x4096xbf16>, %[[A:[^:]+]]: memref<1024xf32>, %[[B:[^:]+]]: memref<1024xf32>, %[[D:[^:]+]]: tensor<?x64xi32>)
func.func @all_reduce(%x: tensor<16x4096xbf16>, %y: tensor<16x4096xbf16>,
                      %a: memref<1024xf32>, %b: memref<1024xf32>,
                      %d: tensor<?x64xi32>) -> tensor<16x4096xbf16> {
  // The default reduction (sum) and the default axes (all) are not printed.
  // CHECK: %[[R0:.+]] = vx_dist.all_reduce %[[X]] into %[[Y]] on @tp : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>{{$}}
  %0 = vx_dist.all_reduce %x into %y on @tp
      : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>
  // CHECK: vx_dist.all_reduce %[[X]] into %[[R0]] on @tp : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>{{$}}
  %1 = vx_dist.all_reduce %x into %0 on @tp reduction = sum
      : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>
  // CHECK: vx_dist.all_reduce %[[X]] into %[[Y]] on @grid grid_axes = [1] reduction = max : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>{{$}}
  %2 = vx_dist.all_reduce %x into %y on @grid grid_axes = [1] reduction = max
      : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>
  // CHECK: vx_dist.all_reduce %[[X]] into %[[Y]] on @grid grid_axes = [1, 0] reduction = min {tag} : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>{{$}}
  %3 = vx_dist.all_reduce %x into %y on @grid grid_axes = [1, 0] reduction = min {tag}
      : tensor<16x4096xbf16>, tensor<16x4096xbf16> -> tensor<16x4096xbf16>
  // CHECK: vx_dist.all_reduce %[[D]] into %[[D]] on @dyn grid_axes = [0] reduction = product : tensor<?x64xi32>, tensor<?x64xi32> -> tensor<?x64xi32>{{$}}
  %4 = vx_dist.all_reduce %d into %d on @dyn grid_axes = [0] reduction = product
      : tensor<?x64xi32>, tensor<?x64xi32> -> tensor<?x64xi32>
  // On memrefs, in place and without a result.
  // CHECK: vx_dist.all_reduce %[[A]] into %[[B]] on @tp : memref<1024xf32>, memref<1024xf32>{{$}}
  vx_dist.all_reduce %a into %b on @tp : memref<1024xf32>, memref<1024xf32>
  // CHECK: vx_dist.all_reduce %[[A]] into %[[A]] on @grid grid_axes = [0] reduction = max : memref<1024xf32>, memref<1024xf32>{{$}}
  vx_dist.all_reduce %a into %a on @grid grid_axes = [0] reduction = max
      : memref<1024xf32>, memref<1024xf32>
  // CHECK: return %[[R0]] : tensor<16x4096xbf16>
  return %0 : tensor<16x4096xbf16>
}

// init is the group size times input along gather_dim: 8 devices on @tp, 4
// on axis 1 of @grid, 32 on all of @grid.
// CHECK-LABEL: func.func @all_gather
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x128xf32>, %[[Y:[^:]+]]: tensor<4x1024xf32>, %[[Z:[^:]+]]: tensor<16x128xf32>, %[[W:[^:]+]]: tensor<128x128xf32>, %[[A:[^:]+]]: memref<2x?xf16>, %[[B:[^:]+]]: memref<2x?xf16>, %[[D:[^:]+]]: tensor<?x128xf32>)
func.func @all_gather(%x: tensor<4x128xf32>, %y: tensor<4x1024xf32>,
                      %z: tensor<16x128xf32>, %w: tensor<128x128xf32>,
                      %a: memref<2x?xf16>, %b: memref<2x?xf16>,
                      %d: tensor<?x128xf32>) -> tensor<4x1024xf32> {
  // CHECK: %[[G:.+]] = vx_dist.all_gather %[[X]] into %[[Y]] on @tp gather_dim = 1 : tensor<4x128xf32>, tensor<4x1024xf32> -> tensor<4x1024xf32>{{$}}
  %0 = vx_dist.all_gather %x into %y on @tp gather_dim = 1
      : tensor<4x128xf32>, tensor<4x1024xf32> -> tensor<4x1024xf32>
  // CHECK: vx_dist.all_gather %[[X]] into %[[Z]] on @grid grid_axes = [1] gather_dim = 0 : tensor<4x128xf32>, tensor<16x128xf32> -> tensor<16x128xf32>{{$}}
  %1 = vx_dist.all_gather %x into %z on @grid grid_axes = [1] gather_dim = 0
      : tensor<4x128xf32>, tensor<16x128xf32> -> tensor<16x128xf32>
  // CHECK: vx_dist.all_gather %[[X]] into %[[W]] on @grid gather_dim = 0 : tensor<4x128xf32>, tensor<128x128xf32> -> tensor<128x128xf32>{{$}}
  %2 = vx_dist.all_gather %x into %w on @grid gather_dim = 0
      : tensor<4x128xf32>, tensor<128x128xf32> -> tensor<128x128xf32>
  // Dynamic sizes and groups are not checked.
  // CHECK: vx_dist.all_gather %[[A]] into %[[B]] on @tp gather_dim = 1 : memref<2x?xf16>, memref<2x?xf16>{{$}}
  vx_dist.all_gather %a into %b on @tp gather_dim = 1 : memref<2x?xf16>, memref<2x?xf16>
  // CHECK: vx_dist.all_gather %[[D]] into %[[Z]] on @tp gather_dim = 0 : tensor<?x128xf32>, tensor<16x128xf32> -> tensor<16x128xf32>{{$}}
  %3 = vx_dist.all_gather %d into %z on @tp gather_dim = 0
      : tensor<?x128xf32>, tensor<16x128xf32> -> tensor<16x128xf32>
  // CHECK: vx_dist.all_gather %[[X]] into %[[Y]] on @dyn grid_axes = [0] gather_dim = 1 : tensor<4x128xf32>, tensor<4x1024xf32> -> tensor<4x1024xf32>{{$}}
  %4 = vx_dist.all_gather %x into %y on @dyn grid_axes = [0] gather_dim = 1
      : tensor<4x128xf32>, tensor<4x1024xf32> -> tensor<4x1024xf32>
  // CHECK: return %[[G]] : tensor<4x1024xf32>
  return %0 : tensor<4x1024xf32>
}

// input is the group size times init along scatter_dim.
// CHECK-LABEL: func.func @reduce_scatter
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1024xf32>, %[[Y:[^:]+]]: tensor<128xf32>, %[[A:[^:]+]]: memref<8x6xi8>, %[[B:[^:]+]]: memref<2x6xi8>)
func.func @reduce_scatter(%x: tensor<1024xf32>, %y: tensor<128xf32>,
                          %a: memref<8x6xi8>, %b: memref<2x6xi8>) -> tensor<128xf32> {
  // CHECK: %[[S:.+]] = vx_dist.reduce_scatter %[[X]] into %[[Y]] on @tp scatter_dim = 0 : tensor<1024xf32>, tensor<128xf32> -> tensor<128xf32>{{$}}
  %0 = vx_dist.reduce_scatter %x into %y on @tp scatter_dim = 0
      : tensor<1024xf32>, tensor<128xf32> -> tensor<128xf32>
  // CHECK: vx_dist.reduce_scatter %[[X]] into %[[Y]] on @tp scatter_dim = 0 reduction = max : tensor<1024xf32>, tensor<128xf32> -> tensor<128xf32>{{$}}
  %1 = vx_dist.reduce_scatter %x into %y on @tp scatter_dim = 0 reduction = max
      : tensor<1024xf32>, tensor<128xf32> -> tensor<128xf32>
  // CHECK: vx_dist.reduce_scatter %[[A]] into %[[B]] on @grid grid_axes = [1] scatter_dim = 0 reduction = min : memref<8x6xi8>, memref<2x6xi8>{{$}}
  vx_dist.reduce_scatter %a into %b on @grid grid_axes = [1] scatter_dim = 0 reduction = min
      : memref<8x6xi8>, memref<2x6xi8>
  // CHECK: return %[[S]] : tensor<128xf32>
  return %0 : tensor<128xf32>
}

// CHECK-LABEL: func.func @broadcast
// CHECK-SAME: (%[[W:[^:]+]]: tensor<4096xbf16>, %[[V:[^:]+]]: tensor<4096xbf16>, %[[A:[^:]+]]: memref<16xf64>)
func.func @broadcast(%w: tensor<4096xbf16>, %v: tensor<4096xbf16>, %a: memref<16xf64>)
    -> tensor<4096xbf16> {
  // CHECK: %[[R:.+]] = vx_dist.broadcast %[[W]] into %[[V]] on @tp root = 0 : tensor<4096xbf16>, tensor<4096xbf16> -> tensor<4096xbf16>{{$}}
  %0 = vx_dist.broadcast %w into %v on @tp root = 0
      : tensor<4096xbf16>, tensor<4096xbf16> -> tensor<4096xbf16>
  // The last rank of the group: 8 x 4 devices.
  // CHECK: vx_dist.broadcast %[[W]] into %[[V]] on @grid root = 31 : tensor<4096xbf16>, tensor<4096xbf16> -> tensor<4096xbf16>{{$}}
  %1 = vx_dist.broadcast %w into %v on @grid root = 31
      : tensor<4096xbf16>, tensor<4096xbf16> -> tensor<4096xbf16>
  // CHECK: vx_dist.broadcast %[[A]] into %[[A]] on @grid grid_axes = [1] root = 3 : memref<16xf64>, memref<16xf64>{{$}}
  vx_dist.broadcast %a into %a on @grid grid_axes = [1] root = 3 : memref<16xf64>, memref<16xf64>
  // Any root in a group of dynamic size.
  // CHECK: vx_dist.broadcast %[[A]] into %[[A]] on @dyn grid_axes = [0] root = 100 : memref<16xf64>, memref<16xf64>{{$}}
  vx_dist.broadcast %a into %a on @dyn grid_axes = [0] root = 100 : memref<16xf64>, memref<16xf64>
  // CHECK: return %[[R]] : tensor<4096xbf16>
  return %0 : tensor<4096xbf16>
}

// CHECK-LABEL: func.func @send_recv
// CHECK-SAME: (%[[X:[^:]+]]: tensor<16x4096xbf16>, %[[BUF:[^:]+]]: tensor<16x4096xbf16>, %[[M:[^:]+]]: memref<?xf32>)
func.func @send_recv(%x: tensor<16x4096xbf16>, %buf: tensor<16x4096xbf16>,
                     %m: memref<?xf32>) -> tensor<16x4096xbf16> {
  // CHECK: vx_dist.send %[[X]] to 1 on @pp : tensor<16x4096xbf16>{{$}}
  vx_dist.send %x to 1 on @pp : tensor<16x4096xbf16>
  // CHECK: vx_dist.send %[[M]] to 3 on @grid grid_axes = [1] {tag} : memref<?xf32>{{$}}
  vx_dist.send %m to 3 on @grid grid_axes = [1] {tag} : memref<?xf32>
  // CHECK: %[[R:.+]] = vx_dist.recv from 0 into %[[BUF]] on @pp : tensor<16x4096xbf16> -> tensor<16x4096xbf16>{{$}}
  %0 = vx_dist.recv from 0 into %buf on @pp : tensor<16x4096xbf16> -> tensor<16x4096xbf16>
  // CHECK: vx_dist.recv from 7 into %[[M]] on @grid grid_axes = [0] : memref<?xf32>{{$}}
  vx_dist.recv from 7 into %m on @grid grid_axes = [0] : memref<?xf32>
  // CHECK: vx_dist.recv from 31 into %[[M]] on @grid : memref<?xf32>{{$}}
  vx_dist.recv from 31 into %m on @grid : memref<?xf32>
  // CHECK: vx_dist.send %[[M]] to 9 on @dyn : memref<?xf32>{{$}}
  vx_dist.send %m to 9 on @dyn : memref<?xf32>
  // CHECK: return %[[R]] : tensor<16x4096xbf16>
  return %0 : tensor<16x4096xbf16>
}

// A two-stage pipeline.
// CHECK-LABEL: func.func @pipeline
// CHECK-SAME: (%[[X:[^:]+]]: tensor<16x4096xbf16>, %[[W:[^:]+]]: tensor<4096x4096xbf16>)
func.func @pipeline(%x: tensor<16x4096xbf16>, %w: tensor<4096x4096xbf16>)
    -> tensor<16x4096xbf16> {
  // CHECK: %[[H:.+]] = vx_dist.stage 0 on @pp axis = 0 (%[[X]], %[[W]]) : (tensor<16x4096xbf16>, tensor<4096x4096xbf16>) -> tensor<16x4096xbf16> {
  // CHECK-NEXT: ^bb0(%[[IN:.+]]: tensor<16x4096xbf16>, %[[IW:.+]]: tensor<4096x4096xbf16>):
  // CHECK-NEXT: %[[MM:.+]] = vx_tensor.matmul %[[IN]], %[[IW]] : tensor<16x4096xbf16>, tensor<4096x4096xbf16>
  // CHECK-NEXT: vx_dist.yield %[[MM]] : tensor<16x4096xbf16>
  // CHECK-NEXT: }
  %h = vx_dist.stage 0 on @pp axis = 0 (%x, %w)
      : (tensor<16x4096xbf16>, tensor<4096x4096xbf16>) -> tensor<16x4096xbf16> {
  ^bb0(%in: tensor<16x4096xbf16>, %iw: tensor<4096x4096xbf16>):
    %y = vx_tensor.matmul %in, %iw : tensor<16x4096xbf16>, tensor<4096x4096xbf16>
    vx_dist.yield %y : tensor<16x4096xbf16>
  }
  // CHECK: %[[T:.+]] = vx_dist.transfer %[[H]] from 0 to 1 on @pp axis = 0 : tensor<16x4096xbf16>{{$}}
  %t = vx_dist.transfer %h from 0 to 1 on @pp axis = 0 : tensor<16x4096xbf16>
  // CHECK: %[[O:.+]]:2 = vx_dist.stage 1 on @pp axis = 0 (%[[T]]) {tag} : (tensor<16x4096xbf16>) -> (tensor<16x4096xbf16>, tensor<16x4096xbf16>) {
  // CHECK-NEXT: ^bb0(%[[IN2:.+]]: tensor<16x4096xbf16>):
  // CHECK-NEXT: %[[RELU:.+]] = vx_tensor.relu %[[IN2]] : tensor<16x4096xbf16>
  // CHECK-NEXT: vx_dist.yield %[[RELU]], %[[IN2]] : tensor<16x4096xbf16>, tensor<16x4096xbf16>
  // CHECK-NEXT: }
  %o:2 = vx_dist.stage 1 on @pp axis = 0 (%t) {tag}
      : (tensor<16x4096xbf16>) -> (tensor<16x4096xbf16>, tensor<16x4096xbf16>) {
  ^bb0(%in: tensor<16x4096xbf16>):
    %r = vx_tensor.relu %in : tensor<16x4096xbf16>
    vx_dist.yield %r, %in : tensor<16x4096xbf16>, tensor<16x4096xbf16>
  }
  // A transfer back to an earlier stage.
  // CHECK: vx_dist.transfer %[[O]]#1 from 1 to 0 on @pp axis = 0 : tensor<16x4096xbf16>{{$}}
  %back = vx_dist.transfer %o#1 from 1 to 0 on @pp axis = 0 : tensor<16x4096xbf16>
  // CHECK: return %[[O]]#0 : tensor<16x4096xbf16>
  return %o#0 : tensor<16x4096xbf16>
}

// Stages without operands or results, on another axis; collectives inside a
// stage.
// CHECK-LABEL: func.func @stages
// CHECK-SAME: (%[[A:[^:]+]]: memref<64xf32>, %[[I:[^:]+]]: i32)
func.func @stages(%a: memref<64xf32>, %i: i32) {
  // CHECK: vx_dist.stage 3 on @grid axis = 1 () : () -> () {
  // CHECK-NEXT: }
  vx_dist.stage 3 on @grid axis = 1 () : () -> () {
  }
  // CHECK: vx_dist.stage 7 on @grid axis = 0 (%[[A]]) : (memref<64xf32>) -> () {
  // CHECK-NEXT: ^bb0(%[[M:.+]]: memref<64xf32>):
  // CHECK-NEXT: vx_dist.all_reduce %[[M]] into %[[M]] on @grid grid_axes = [1] : memref<64xf32>, memref<64xf32>
  // CHECK-NEXT: }
  vx_dist.stage 7 on @grid axis = 0 (%a) : (memref<64xf32>) -> () {
  ^bb0(%m: memref<64xf32>):
    vx_dist.all_reduce %m into %m on @grid grid_axes = [1] : memref<64xf32>, memref<64xf32>
    vx_dist.yield
  }
  // Any value, on an axis of dynamic size.
  // CHECK: %[[S:.+]] = vx_dist.stage 12 on @dyn axis = 0 (%[[I]]) : (i32) -> i32 {
  // CHECK-NEXT: ^bb0(%[[J:.+]]: i32):
  // CHECK-NEXT: vx_dist.yield %[[J]] : i32
  // CHECK-NEXT: }
  %s = vx_dist.stage 12 on @dyn axis = 0 (%i) : (i32) -> i32 {
  ^bb0(%j: i32):
    vx_dist.yield %j : i32
  }
  // CHECK: vx_dist.transfer %[[S]] from 12 to 40 on @dyn axis = 0 : i32{{$}}
  %t = vx_dist.transfer %s from 12 to 40 on @dyn axis = 0 : i32
  // A transfer of a value that no stage produced.
  // CHECK: vx_dist.transfer %[[I]] from 1 to 0 on @grid axis = 1 : i32{{$}}
  %u = vx_dist.transfer %i from 1 to 0 on @grid axis = 1 : i32
  return
}

// The generic form parses and prints in the custom form.
// CHECK-LABEL: func.func @generic_form
// CHECK-SAME: (%[[X:[^:]+]]: tensor<8xf32>, %[[Y:[^:]+]]: tensor<64xf32>)
func.func @generic_form(%x: tensor<8xf32>, %y: tensor<64xf32>) -> tensor<64xf32> {
  // CHECK: %[[G:.+]] = vx_dist.all_gather %[[X]] into %[[Y]] on @tp gather_dim = 0 : tensor<8xf32>, tensor<64xf32> -> tensor<64xf32>{{$}}
  %0 = "vx_dist.all_gather"(%x, %y) <{grid = @tp, gather_dim = 0 : i64}>
      : (tensor<8xf32>, tensor<64xf32>) -> tensor<64xf32>
  // CHECK: vx_dist.recv from 2 into %[[G]] on @grid grid_axes = [1] : tensor<64xf32> -> tensor<64xf32>{{$}}
  %1 = "vx_dist.recv"(%0) <{grid = @grid, grid_axes = array<i16: 1>, peer = 2 : i64}>
      : (tensor<64xf32>) -> tensor<64xf32>
  // CHECK: return %[[G]] : tensor<64xf32>
  return %0 : tensor<64xf32>
}
