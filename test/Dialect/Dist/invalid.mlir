// RUN: vortex-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the vx_dist verifiers and symbol checks, and a few of
// the ODS constraints.

//===----------------------------------------------------------------------===//
// Grid symbols and axes
//===----------------------------------------------------------------------===//

func.func @undefined_grid(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.all_reduce' op refers to @nowhere, which is not a shard.grid}}
  %0 = vx_dist.all_reduce %x into %x on @nowhere : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  return
}

// -----

func.func @not_a_grid(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.send' op refers to @not_a_grid, which is not a shard.grid}}
  vx_dist.send %x to 0 on @not_a_grid : tensor<8xf32>
  return
}

// -----

func.func private @f()

func.func @recv_not_a_grid(%x: memref<8xf32>) {
  // expected-error @+1 {{'vx_dist.recv' op refers to @f, which is not a shard.grid}}
  vx_dist.recv from 0 into %x on @f : memref<8xf32>
  return
}

// -----

func.func @stage_not_a_grid(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op refers to @stage_not_a_grid, which is not a shard.grid}}
  vx_dist.stage 0 on @stage_not_a_grid axis = 0 () : () -> () {
  }
  return
}

// -----

func.func @transfer_not_a_grid(%x: i32) {
  // expected-error @+1 {{'vx_dist.transfer' op refers to @pp, which is not a shard.grid}}
  %0 = vx_dist.transfer %x from 0 to 1 on @pp axis = 0 : i32
  return
}

// -----

shard.grid @grid(shape = 8x4)

func.func @grid_axis_range(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.all_reduce' op grid axis 2 is out of range for @grid of rank 2}}
  %0 = vx_dist.all_reduce %x into %x on @grid grid_axes = [0, 2] : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  return
}

// -----

shard.grid @grid(shape = 8x4)

func.func @grid_axis_negative(%x: memref<8xf32>) {
  // expected-error @+1 {{'vx_dist.broadcast' op grid axis -1 is out of range for @grid of rank 2}}
  vx_dist.broadcast %x into %x on @grid grid_axes = [-1] root = 0 : memref<8xf32>, memref<8xf32>
  return
}

// -----

shard.grid @grid(shape = 8x4)

func.func @grid_axis_repeated(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.send' op grid axis 1 is listed twice}}
  vx_dist.send %x to 0 on @grid grid_axes = [1, 0, 1] : tensor<8xf32>
  return
}

// -----

shard.grid @grid(shape = 8x4)

func.func @recv_grid_axis_range(%x: memref<8xf32>) {
  // expected-error @+1 {{'vx_dist.recv' op grid axis 5 is out of range for @grid of rank 2}}
  vx_dist.recv from 0 into %x on @grid grid_axes = [5] : memref<8xf32>
  return
}

// -----

shard.grid @grid(shape = 8x4)

func.func @all_gather_grid_axis_repeated(%x: tensor<8xf32>, %y: tensor<512xf32>) {
  // expected-error @+1 {{'vx_dist.all_gather' op grid axis 0 is listed twice}}
  %0 = vx_dist.all_gather %x into %y on @grid grid_axes = [0, 0] gather_dim = 0 : tensor<8xf32>, tensor<512xf32> -> tensor<512xf32>
  return
}

//===----------------------------------------------------------------------===//
// Ranks in a group
//===----------------------------------------------------------------------===//

// -----

shard.grid @tp(shape = 8)

func.func @broadcast_root(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.broadcast' op root 8 is out of range for a group of 8 device(s)}}
  %0 = vx_dist.broadcast %x into %x on @tp root = 8 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  return
}

// -----

shard.grid @grid(shape = 8x4)

// The group spans the listed axes only.
func.func @broadcast_root_axes(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.broadcast' op root 4 is out of range for a group of 4 device(s)}}
  %0 = vx_dist.broadcast %x into %x on @grid grid_axes = [1] root = 4 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  return
}

// -----

shard.grid @grid(shape = 8x4)

func.func @send_peer(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.send' op peer 32 is out of range for a group of 32 device(s)}}
  vx_dist.send %x to 32 on @grid : tensor<8xf32>
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @recv_peer(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.recv' op peer 4 is out of range for a group of 4 device(s)}}
  %0 = vx_dist.recv from 4 into %x on @pp : tensor<8xf32> -> tensor<8xf32>
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @send_negative_peer(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.send' op attribute 'peer' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  vx_dist.send %x to -1 on @pp : tensor<8xf32>
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @broadcast_negative_root(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.broadcast' op attribute 'root' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = vx_dist.broadcast %x into %x on @pp root = -2 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  return
}

//===----------------------------------------------------------------------===//
// Buffers of collectives
//===----------------------------------------------------------------------===//

// -----

shard.grid @tp(shape = 8)

func.func @tensor_and_memref(%x: tensor<8xf32>, %y: memref<8xf32>) {
  // expected-error @+1 {{'vx_dist.all_reduce' op input and init must both be tensors or both be memrefs}}
  vx_dist.all_reduce %x into %y on @tp : tensor<8xf32>, memref<8xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @element_types(%x: tensor<8xf32>, %y: tensor<8xf16>) {
  // expected-error @+1 {{'vx_dist.all_reduce' op input element type 'f32' differs from init element type 'f16'}}
  %0 = vx_dist.all_reduce %x into %y on @tp : tensor<8xf32>, tensor<8xf16> -> tensor<8xf16>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @tensor_without_result(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.broadcast' op on tensors, returns the new value of init, of type 'tensor<8xf32>'}}
  vx_dist.broadcast %x into %x on @tp root = 0 : tensor<8xf32>, tensor<8xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @tensor_result_type(%x: tensor<8xf32>, %y: tensor<64xf32>) {
  // expected-error @+1 {{'vx_dist.all_gather' op on tensors, returns the new value of init, of type 'tensor<64xf32>'}}
  %0 = vx_dist.all_gather %x into %y on @tp gather_dim = 0 : tensor<8xf32>, tensor<64xf32> -> tensor<8xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @memref_with_result(%x: memref<64xf32>, %y: memref<8xf32>, %t: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.reduce_scatter' op on memrefs, writes init in place and returns nothing}}
  %0 = "vx_dist.reduce_scatter"(%x, %y) <{grid = @tp, scatter_dim = 0 : i64}> : (memref<64xf32>, memref<8xf32>) -> tensor<8xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @rank(%x: tensor<8xf32>, %y: tensor<8x1xf32>) {
  // expected-error @+1 {{'vx_dist.all_reduce' op input has rank 1 but init has rank 2}}
  %0 = vx_dist.all_reduce %x into %y on @tp : tensor<8xf32>, tensor<8x1xf32> -> tensor<8x1xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @all_reduce_shape(%x: memref<16x8xf32>, %y: memref<16x4xf32>) {
  // expected-error @+1 {{'vx_dist.all_reduce' op input dim 1 (8) does not match init dim 1 (4)}}
  vx_dist.all_reduce %x into %y on @tp : memref<16x8xf32>, memref<16x4xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @broadcast_shape(%x: tensor<4x8xf32>, %y: tensor<8x8xf32>) {
  // expected-error @+1 {{'vx_dist.broadcast' op input dim 0 (4) does not match init dim 0 (8)}}
  %0 = vx_dist.broadcast %x into %y on @tp root = 1 : tensor<4x8xf32>, tensor<8x8xf32> -> tensor<8x8xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @all_gather_dim_range(%x: tensor<4x128xf32>) {
  // expected-error @+1 {{'vx_dist.all_gather' op dimension 2 is out of range for rank 2}}
  %0 = vx_dist.all_gather %x into %x on @tp gather_dim = 2 : tensor<4x128xf32>, tensor<4x128xf32> -> tensor<4x128xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @all_gather_size(%x: tensor<4x128xf32>, %y: tensor<4x512xf32>) {
  // expected-error @+1 {{'vx_dist.all_gather' op init dim 1 must be 8 (devices) x 128 = 1024, got 512}}
  %0 = vx_dist.all_gather %x into %y on @tp gather_dim = 1 : tensor<4x128xf32>, tensor<4x512xf32> -> tensor<4x512xf32>
  return
}

// -----

shard.grid @grid(shape = 8x4)

func.func @all_gather_size_axes(%x: memref<3x5xi8>, %y: memref<24x5xi8>) {
  // expected-error @+1 {{'vx_dist.all_gather' op init dim 0 must be 4 (devices) x 3 = 12, got 24}}
  vx_dist.all_gather %x into %y on @grid grid_axes = [1] gather_dim = 0 : memref<3x5xi8>, memref<24x5xi8>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @all_gather_other_dim(%x: tensor<4x128xf32>, %y: tensor<8x1024xf32>) {
  // expected-error @+1 {{'vx_dist.all_gather' op input dim 0 (4) does not match init dim 0 (8)}}
  %0 = vx_dist.all_gather %x into %y on @tp gather_dim = 1 : tensor<4x128xf32>, tensor<8x1024xf32> -> tensor<8x1024xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @reduce_scatter_dim_range(%x: memref<64xf32>, %y: memref<8xf32>) {
  // expected-error @+1 {{'vx_dist.reduce_scatter' op dimension 1 is out of range for rank 1}}
  vx_dist.reduce_scatter %x into %y on @tp scatter_dim = 1 : memref<64xf32>, memref<8xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @reduce_scatter_size(%x: tensor<1000xf32>, %y: tensor<128xf32>) {
  // expected-error @+1 {{'vx_dist.reduce_scatter' op input dim 0 must be 8 (devices) x 128 = 1024, got 1000}}
  %0 = vx_dist.reduce_scatter %x into %y on @tp scatter_dim = 0 reduction = max : tensor<1000xf32>, tensor<128xf32> -> tensor<128xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

// The scatter is not the reverse gather.
func.func @reduce_scatter_reversed(%x: tensor<128xf32>, %y: tensor<1024xf32>) {
  // expected-error @+1 {{'vx_dist.reduce_scatter' op input dim 0 must be 8 (devices) x 1024 = 8192, got 128}}
  %0 = vx_dist.reduce_scatter %x into %y on @tp scatter_dim = 0 : tensor<128xf32>, tensor<1024xf32> -> tensor<1024xf32>
  return
}

// -----

// A group size beyond int64_t is unknown, not a wrapped-around number.
shard.grid @huge(shape = 9223372036854775807x4)

func.func @group_size_overflow(%x: tensor<4xf32>, %y: tensor<16xf32>) {
  %0 = vx_dist.all_gather %x into %y on @huge gather_dim = 0 : tensor<4xf32>, tensor<16xf32> -> tensor<16xf32>
  // expected-error @+1 {{'vx_dist.broadcast' op root 4 is out of range for a group of 4 device(s)}}
  %1 = vx_dist.broadcast %x into %x on @huge grid_axes = [1] root = 4 : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @gather_dim_negative(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.all_gather' op attribute 'gather_dim' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %0 = vx_dist.all_gather %x into %x on @tp gather_dim = -1 : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @unranked_memref(%x: memref<*xf32>) {
  // expected-error @+1 {{'vx_dist.all_reduce' op operand #0 must be ranked tensor or memref, but got 'memref<*xf32>'}}
  vx_dist.all_reduce %x into %x on @tp : memref<*xf32>, memref<*xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @scalar_buffer(%x: f32) {
  // expected-error @+1 {{'vx_dist.send' op operand #0 must be ranked tensor or memref, but got 'f32'}}
  vx_dist.send %x to 0 on @tp : f32
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @unranked_tensor(%x: tensor<*xf32>) {
  // expected-error @+1 {{'vx_dist.recv' op operand #0 must be ranked tensor or memref, but got 'tensor<*xf32>'}}
  %0 = "vx_dist.recv"(%x) <{grid = @tp, peer = 0 : i64}> : (tensor<*xf32>) -> tensor<*xf32>
  return
}

// -----

shard.grid @tp(shape = 8)

func.func @unknown_reduction(%x: tensor<8xf32>) {
  // expected-error @+2 {{expected ::mlir::shard::ReductionKind to be one of: sum, max, min, product, average, bitwise_and, bitwise_or, bitwise_xor, generic}}
  // expected-error @+1 {{custom op 'vx_dist.all_reduce' failed to parse Shard_ReductionKindAttr parameter 'value'}}
  %0 = vx_dist.all_reduce %x into %x on @tp reduction = mean : tensor<8xf32>, tensor<8xf32> -> tensor<8xf32>
  return
}

//===----------------------------------------------------------------------===//
// vx_dist.recv
//===----------------------------------------------------------------------===//

// -----

shard.grid @pp(shape = 4)

func.func @recv_tensor_without_result(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.recv' op on tensors, returns the received value, of type 'tensor<8xf32>'}}
  vx_dist.recv from 0 into %x on @pp : tensor<8xf32>
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @recv_tensor_result_type(%x: tensor<8xf32>) {
  // expected-error @+1 {{'vx_dist.recv' op on tensors, returns the received value, of type 'tensor<8xf32>'}}
  %0 = vx_dist.recv from 0 into %x on @pp : tensor<8xf32> -> tensor<?xf32>
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @recv_memref_with_result(%x: memref<8xf32>) {
  // expected-error @+1 {{'vx_dist.recv' op on memrefs, writes init in place and returns nothing}}
  %0 = "vx_dist.recv"(%x) <{grid = @pp, peer = 0 : i64}> : (memref<8xf32>) -> tensor<8xf32>
  return
}

//===----------------------------------------------------------------------===//
// vx_dist.stage
//===----------------------------------------------------------------------===//

// -----

shard.grid @pp(shape = 4)

func.func @stage_index(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op stage 4 is out of range: axis 0 of @pp has 4 stage(s)}}
  vx_dist.stage 4 on @pp axis = 0 () : () -> () {
  }
  return
}

// -----

shard.grid @grid(shape = 8x2)

func.func @stage_index_axis(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op stage 2 is out of range: axis 1 of @grid has 2 stage(s)}}
  vx_dist.stage 2 on @grid axis = 1 () : () -> () {
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_axis(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op axis 1 is out of range for @pp of rank 1}}
  vx_dist.stage 0 on @pp axis = 1 () : () -> () {
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_negative_index(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op attribute 'index' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  vx_dist.stage -1 on @pp axis = 0 () : () -> () {
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_argument_count(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op region takes 2 argument(s) but the stage has 1 operand(s)}}
  vx_dist.stage 0 on @pp axis = 0 (%x) : (i32) -> () {
  ^bb0(%a: i32, %b: i32):
    vx_dist.yield
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_no_arguments(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op region takes 0 argument(s) but the stage has 1 operand(s)}}
  vx_dist.stage 0 on @pp axis = 0 (%x) : (i32) -> () {
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_argument_type(%x: i32, %y: f32) {
  // expected-error @+1 {{'vx_dist.stage' op region argument 1 has type 'i32' but operand 1 has type 'f32'}}
  vx_dist.stage 0 on @pp axis = 0 (%x, %y) : (i32, f32) -> () {
  ^bb0(%a: i32, %b: i32):
    vx_dist.yield
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_yield_types(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op region yields ('i32') but the stage returns ('i64')}}
  %0 = vx_dist.stage 0 on @pp axis = 0 (%x) : (i32) -> i64 {
  ^bb0(%a: i32):
    vx_dist.yield %a : i32
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_missing_yield(%x: i32) {
  // expected-error @+1 {{'vx_dist.stage' op region yields () but the stage returns ('i32', 'i32')}}
  %0:2 = vx_dist.stage 0 on @pp axis = 0 (%x) : (i32) -> (i32, i32) {
  ^bb0(%a: i32):
  }
  return
}

// -----

shard.grid @pp(shape = 4)

// The region is isolated from above.
func.func @stage_isolated(%x: i32) {
  // expected-note @+1 {{required by region isolation constraints}}
  %0 = vx_dist.stage 0 on @pp axis = 0 () : () -> i32 {
    // expected-error @+1 {{'vx_dist.yield' op using value defined outside the region}}
    vx_dist.yield %x : i32
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_no_terminator() {
  "vx_dist.stage"() <{index = 0 : i64, grid = @pp, axis = 0 : i64}> ({
    // expected-error @+1 {{block with no terminator, has %0 = "arith.constant"() <{value = 0 : i32}> : () -> i32}}
    %c = arith.constant 0 : i32
  }) : () -> ()
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_foreign_terminator(%x: i32) {
  %0 = vx_dist.stage 0 on @pp axis = 0 (%x) : (i32) -> i32 {
  ^bb0(%a: i32):
    // expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
    func.return %a : i32
  }
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @stage_other_terminator() {
  // expected-error @+2 {{'vx_dist.stage' op expects regions to end with 'vx_dist.yield', found 'llvm.unreachable'}}
  // expected-note @+1 {{in custom textual format, the absence of terminator implies 'vx_dist.yield'}}
  "vx_dist.stage"() <{index = 0 : i64, grid = @pp, axis = 0 : i64}> ({
    llvm.unreachable
  }) : () -> ()
  return
}

// -----

func.func @yield_outside_stage(%x: i32) {
  // expected-error @+1 {{'vx_dist.yield' op expects parent op 'vx_dist.stage'}}
  vx_dist.yield %x : i32
}

// -----

func.func @yield_in_ct_region(%x: i32) {
  vx_ct.region {
    // expected-error @+1 {{'vx_dist.yield' op expects parent op 'vx_dist.stage'}}
    vx_dist.yield
  }
  return
}

//===----------------------------------------------------------------------===//
// vx_dist.transfer
//===----------------------------------------------------------------------===//

// -----

shard.grid @pp(shape = 4)

func.func @transfer_same_stage(%x: i32) {
  // expected-error @+1 {{'vx_dist.transfer' op source and dest are both stage 2}}
  %0 = vx_dist.transfer %x from 2 to 2 on @pp axis = 0 : i32
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @transfer_source(%x: i32) {
  // expected-error @+1 {{'vx_dist.transfer' op source 4 is out of range: axis 0 of @pp has 4 stage(s)}}
  %0 = vx_dist.transfer %x from 4 to 1 on @pp axis = 0 : i32
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @transfer_dest(%x: i32) {
  // expected-error @+1 {{'vx_dist.transfer' op dest 7 is out of range: axis 0 of @pp has 4 stage(s)}}
  %0 = vx_dist.transfer %x from 0 to 7 on @pp axis = 0 : i32
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @transfer_axis(%x: i32) {
  // expected-error @+1 {{'vx_dist.transfer' op axis 3 is out of range for @pp of rank 1}}
  %0 = vx_dist.transfer %x from 0 to 1 on @pp axis = 3 : i32
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @transfer_wrong_producer(%x: i32) {
  // expected-note @+1 {{produced here}}
  %h = vx_dist.stage 0 on @pp axis = 0 (%x) : (i32) -> i32 {
  ^bb0(%a: i32):
    vx_dist.yield %a : i32
  }
  // expected-error @+1 {{'vx_dist.transfer' op transfers from stage 1 a value produced by stage 0}}
  %t = vx_dist.transfer %h from 1 to 2 on @pp axis = 0 : i32
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @transfer_wrong_user(%x: i32) {
  %h = vx_dist.stage 0 on @pp axis = 0 (%x) : (i32) -> i32 {
  ^bb0(%a: i32):
    vx_dist.yield %a : i32
  }
  // expected-error @+1 {{'vx_dist.transfer' op transfers to stage 1 a value used by stage 2}}
  %t = vx_dist.transfer %h from 0 to 1 on @pp axis = 0 : i32
  // expected-note @+1 {{used here}}
  vx_dist.stage 2 on @pp axis = 0 (%t) : (i32) -> () {
  ^bb0(%a: i32):
    vx_dist.yield
  }
  return
}

// -----

shard.grid @pp(shape = 4)
shard.grid @other(shape = 4)

// A stage of another grid produced the value.
func.func @transfer_producer_other_grid(%x: i32) {
  // expected-note @+1 {{produced here}}
  %h = vx_dist.stage 0 on @other axis = 0 (%x) : (i32) -> i32 {
  ^bb0(%a: i32):
    vx_dist.yield %a : i32
  }
  // expected-error @+1 {{'vx_dist.transfer' op transfers along axis 0 of @pp a value produced by a stage along axis 0 of @other}}
  %t = vx_dist.transfer %h from 0 to 1 on @pp axis = 0 : i32
  return
}

// -----

shard.grid @grid(shape = 4x4)

// A stage of another axis uses the value.
func.func @transfer_user_other_axis(%x: i32) {
  // expected-error @+1 {{'vx_dist.transfer' op transfers along axis 0 of @grid a value used by a stage along axis 1 of @grid}}
  %t = vx_dist.transfer %x from 0 to 1 on @grid axis = 0 : i32
  // expected-note @+1 {{used here}}
  vx_dist.stage 1 on @grid axis = 1 (%t) : (i32) -> () {
  ^bb0(%a: i32):
    vx_dist.yield
  }
  return
}

// -----

shard.grid @pp(shape = 4)

// The stage that uses the value is itself invalid: it is reported, and the
// transfer does not read its missing index.
func.func @transfer_to_invalid_stage(%x: i32) {
  %t = vx_dist.transfer %x from 0 to 1 on @pp axis = 0 : i32
  // expected-error @+1 {{'vx_dist.stage' op requires attribute 'index'}}
  "vx_dist.stage"(%t) <{grid = @pp, axis = 0 : i64}> ({
  ^bb0(%a: i32):
    "vx_dist.yield"() : () -> ()
  }) : (i32) -> ()
  return
}

// -----

shard.grid @pp(shape = 4)

func.func @transfer_type(%x: i32) {
  // expected-error @+1 {{'vx_dist.transfer' op requires the same type for all operands and results}}
  %0 = "vx_dist.transfer"(%x) <{source = 0 : i64, dest = 1 : i64, grid = @pp, axis = 0 : i64}> : (i32) -> i64
  return
}
