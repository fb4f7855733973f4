// RUN: vortex-opt %s -split-input-file -vx-ct-verify -verify-diagnostics

// Programs that leak a secret through timing, one per kind of leak, each
// with the secret's source and path.

// expected-note @+1 {{secret source: argument 0 of 'branch', marked vx_ct.secret}}
func.func @branch(%k: i32 {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  // expected-note @+1 {{the secret flows through 'arith.cmpi'}}
  %b = arith.cmpi eq, %k, %x : i32
  // expected-error @+1 {{'scf.if' branches on a secret: its condition depends on a secret}}
  %r = scf.if %b -> i32 {
    scf.yield %x : i32
  } else {
    scf.yield %k : i32
  }
  return %r : i32
}

// -----

func.func @loop_bound(%n: index {vx_ct.secret}) attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-note @+1 {{secret source: 'vx_ct.conceal'}}
  %s = vx_ct.conceal %c1 : index
  // expected-error @+1 {{'scf.for' has a secret-dependent trip count: its step depends on a secret}}
  scf.for %i = %c0 to %c1 step %s {
  }
  return
}

// -----

// expected-note @+1 {{secret source: argument 0 of 'while_exit', marked vx_ct.secret}}
func.func @while_exit(%k: i32 {vx_ct.secret}) -> i32 attributes {vx_ct.constant_time} {
  %c1 = arith.constant 1 : i32
  %r = scf.while (%x = %k) : (i32) -> i32 {
    // expected-note @+1 {{the secret flows through 'arith.cmpi'}}
    %more = arith.cmpi ugt, %x, %c1 : i32
    // expected-error @+1 {{'scf.condition' has a secret-dependent trip count: its condition depends on a secret}}
    scf.condition(%more) %x : i32
  } do {
  ^bb0(%y: i32):
    %z = arith.shrui %y, %c1 : i32
    scf.yield %z : i32
  }
  return %r : i32
}

// -----

// expected-note @+1 {{secret source: argument 0 of 'early_exit', marked vx_ct.secret}}
func.func @early_exit(%k: i1 {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  // expected-error @+1 {{'cf.cond_br' exits early on a secret: its condition depends on a secret}}
  cf.cond_br %k, ^done, ^work
^work:
  %y = arith.addi %x, %x : i32
  return %y : i32
^done:
  return %x : i32
}

// -----

// expected-note @+1 {{secret source: argument 0 of 'table', marked vx_ct.secret}}
func.func @table(%k: index {vx_ct.secret}, %t: memref<16xi32>) -> i32 attributes {vx_ct.constant_time} {
  // expected-error @+1 {{'memref.load' accesses memory at a secret address: its index depends on a secret}}
  %v = memref.load %t[%k] : memref<16xi32>
  return %v : i32
}

// -----

// expected-note @+1 {{secret source: argument 0 of 'shared', marked vx_ct.secret}}
func.func @shared(%k: index {vx_ct.secret}, %t: memref<32xi32, #gpu.address_space<workgroup>>) -> i32 attributes {vx_ct.constant_time} {
  // expected-error @+1 {{'memref.load' accesses shared memory at a secret address (bank conflicts): its index depends on a secret}}
  %v = memref.load %t[%k] : memref<32xi32, #gpu.address_space<workgroup>>
  return %v : i32
}

// -----

// Storing a secret makes the buffer secret; what is read back is secret.
// expected-note @+1 {{secret source: argument 0 of 'through_memory', marked vx_ct.secret}}
func.func @through_memory(%k: i32 {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %buf = memref.alloca() : memref<1xi32>
  // expected-note @+1 {{the secret flows through 'memref.store'}}
  memref.store %k, %buf[%c0] : memref<1xi32>
  // expected-note @+1 {{the secret flows through 'memref.load'}}
  %v = memref.load %buf[%c0] : memref<1xi32>
  // expected-error @+1 {{'arith.divui' has a variable latency: its operand depends on a secret}}
  %q = arith.divui %x, %v : i32
  return %q : i32
}

// -----

// A store through a view makes the viewed buffer secret.
// expected-note @+1 {{secret source: argument 0 of 'through_view', marked vx_ct.secret}}
func.func @through_view(%k: f32 {vx_ct.secret}, %buf: memref<8xf32>) -> f32 attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %view = memref.subview %buf[4] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: 4>>
  // expected-note @+1 {{the secret flows through 'memref.store'}}
  memref.store %k, %view[%c0] : memref<4xf32, strided<[1], offset: 4>>
  // expected-note @+1 {{the secret flows through 'memref.load'}}
  %v = memref.load %buf[%c4] : memref<8xf32>
  // expected-error @+1 {{'math.sqrt' has a variable latency: its operand depends on a secret}}
  %r = math.sqrt %v : f32
  return %r : f32
}

// -----

// Calls: a secret reaches a private callee, and its result.
func.func private @helper(%a: i32, %b: i32) -> i32 {
  // expected-error @+1 {{'arith.remui' has a variable latency: its operand depends on a secret}}
  %r = arith.remui %a, %b : i32
  return %r : i32
}

// expected-note @+1 {{secret source: argument 0 of 'caller', marked vx_ct.secret}}
func.func @caller(%k: i32 {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  %r = func.call @helper(%k, %x) : (i32, i32) -> i32
  return %r : i32
}

// -----

func.func @public_callee(%a: i32) -> i32 {
  return %a : i32
}

// expected-note @+1 {{secret source: argument 0 of 'to_public', marked vx_ct.secret}}
func.func @to_public(%k: i32 {vx_ct.secret}) -> i32 attributes {vx_ct.constant_time} {
  // expected-error @+1 {{passes a secret to argument 0 of public function 'public_callee', which does not mark it vx_ct.secret; mark it, or make the function private}}
  %r = func.call @public_callee(%k) : (i32) -> i32
  return %r : i32
}

// -----

func.func private @external(i32) -> i32

// expected-note @+1 {{secret source: argument 0 of 'to_external', marked vx_ct.secret}}
func.func @to_external(%k: i32 {vx_ct.secret}) -> i32 attributes {vx_ct.constant_time} {
  // expected-error @+1 {{passes a secret to external function 'external', whose timing cannot be checked}}
  %r = func.call @external(%k) : (i32) -> i32
  return %r : i32
}

// -----

// Inside a GPU kernel: secret control flow diverges the warp; thread ids
// are public, shuffles carry the secret.
gpu.module @kernels {
  // expected-note @+1 {{secret source: argument 0 of 'kernel', marked vx_ct.secret}}
  gpu.func @kernel(%k: i32 {vx_ct.secret}, %out: memref<32xi32>) kernel attributes {vx_ct.constant_time} {
    %tid = gpu.thread_id x
    %c1 = arith.constant 1 : i32
    %c32 = arith.constant 32 : i32
    // expected-note @+1 {{the secret flows through 'gpu.shuffle'}}
    %s, %valid = gpu.shuffle xor %k, %c1, %c32 : i32
    // expected-note @+1 {{the secret flows through 'arith.trunci'}}
    %bit = arith.trunci %s : i32 to i1
    // expected-error @+1 {{'scf.if' branches on a secret in a GPU kernel (warp divergence): its condition depends on a secret}}
    scf.if %bit {
      memref.store %c1, %out[%tid] : memref<32xi32>
    }
    gpu.return
  }
}

// -----

// vx_ct.region is checked too, and sees through its region control flow.
// expected-note @+1 {{secret source: argument 0 of 'region', marked vx_ct.secret}}
func.func @region(%k: i64 {vx_ct.secret}, %x: i64) -> i64 {
  %c1 = arith.constant 1 : i64
  // expected-note @+1 {{the secret flows through 'arith.addi'}}
  %s = arith.addi %k, %c1 : i64
  %r = vx_ct.region -> i64 {
    // expected-error @+1 {{'arith.divsi' has a variable latency: its operand depends on a secret}}
    %q = arith.divsi %x, %s : i64
    vx_ct.yield %q : i64
  }
  return %r : i64
}

// -----

// A buffer that holds secrets may not go to an external function either.
func.func private @external_buffer(memref<4xi32>)

// expected-note @+1 {{secret source: argument 0 of 'to_external_buffer', marked vx_ct.secret}}
func.func @to_external_buffer(%m: memref<4xi32> {vx_ct.secret}) attributes {vx_ct.constant_time} {
  // expected-error @+1 {{passes a buffer that holds secrets to external function 'external_buffer', whose timing cannot be checked}}
  func.call @external_buffer(%m) : (memref<4xi32>) -> ()
  return
}

// -----

// The bodies of linalg ops: their arguments are the elements of the
// operands.
#map = affine_map<(d0) -> (d0)>
// expected-note @+1 {{secret source: argument 0 of 'linalg_body', marked vx_ct.secret}}
func.func @linalg_body(%k: tensor<8xi32> {vx_ct.secret}, %x: tensor<8xi32>) -> tensor<8xi32> attributes {vx_ct.constant_time} {
  // expected-note @+1 {{the secret flows through 'linalg.generic'}}
  %r = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel"]} ins(%k, %x : tensor<8xi32>, tensor<8xi32>) outs(%x : tensor<8xi32>) {
  ^bb0(%kk: i32, %xx: i32, %o: i32):
    // expected-error @+1 {{'arith.divui' has a variable latency: its operand depends on a secret}}
    %q = arith.divui %xx, %kk : i32
    linalg.yield %q : i32
  } -> tensor<8xi32>
  return %r : tensor<8xi32>
}
