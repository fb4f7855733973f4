// RUN: vortex-opt %s -split-input-file -vx-ct-verify-lowered -verify-diagnostics

// The check on the LLVM and NVVM dialects: each leak the external models of
// the LLVM and NVVM operations declare.

// expected-note @+1 {{secret source: argument 0 of 'branch', marked vx_ct.secret}}
llvm.func @branch(%k: i32 {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  // expected-note @+1 {{the secret flows through 'llvm.icmp'}}
  %c = llvm.icmp "eq" %k, %x : i32
  // expected-error @+1 {{'llvm.cond_br' branches on a secret: its condition depends on a secret}}
  llvm.cond_br %c, ^a, ^b
^a:
  llvm.br ^b
^b:
  llvm.br ^end
^end:
  llvm.return %x : i32
}

// -----

// expected-note @+1 {{secret source: argument 1 of 'index', marked vx_ct.secret}}
llvm.func @index(%table: !llvm.ptr, %k: i64 {vx_ct.secret}) -> i32 attributes {vx_ct.constant_time} {
  // expected-error @+2 {{'llvm.getelementptr' accesses memory at a secret address: its index depends on a secret}}
  // expected-note @+1 {{the secret flows through 'llvm.getelementptr'}}
  %p = llvm.getelementptr %table[%k] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  // expected-error @+1 {{'llvm.load' accesses memory at a secret address: its address depends on a secret}}
  %v = llvm.load %p : !llvm.ptr -> i32
  llvm.return %v : i32
}

// -----

// A buffer that holds secrets may be read at public addresses; what it
// gives is secret.
// expected-note @+1 {{secret source: argument 0 of 'buffer', marked vx_ct.secret}}
llvm.func @buffer(%buf: !llvm.ptr {vx_ct.secret}, %i: i64) -> i32 attributes {vx_ct.constant_time} {
  // expected-note @+1 {{the secret flows through 'llvm.getelementptr'}}
  %p = llvm.getelementptr %buf[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  // expected-note @+1 {{the secret flows through 'llvm.load'}}
  %v = llvm.load %p : !llvm.ptr -> i32
  %c7 = llvm.mlir.constant(7 : i32) : i32
  // expected-error @+1 {{'llvm.udiv' has a variable latency: its operand depends on a secret}}
  %q = llvm.udiv %c7, %v : i32
  llvm.return %q : i32
}

// -----

// Storing a secret through one pointer makes the memory of its base
// secret, read through another.
// expected-note @+1 {{secret source: argument 1 of 'stored', marked vx_ct.secret}}
llvm.func @stored(%buf: !llvm.ptr, %k: i32 {vx_ct.secret}) -> i1 attributes {vx_ct.constant_time} {
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %c2 = llvm.mlir.constant(2 : i64) : i64
  %p = llvm.getelementptr %buf[%c1] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  // expected-note @+1 {{the secret flows through 'llvm.store'}}
  llvm.store %k, %p : i32, !llvm.ptr
  // expected-note @+1 {{the secret flows through 'llvm.getelementptr'}}
  %q = llvm.getelementptr %buf[%c1] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  // expected-note @+1 {{the secret flows through 'llvm.load'}}
  %v = llvm.load %q : !llvm.ptr -> i32
  %zero = llvm.mlir.constant(0 : i32) : i32
  // expected-note @+1 {{the secret flows through 'llvm.icmp'}}
  %c = llvm.icmp "eq" %v, %zero : i32
  // expected-error @+1 {{'llvm.cond_br' exits early on a secret}}
  llvm.cond_br %c, ^a, ^b
^a:
  llvm.return %c : i1
^b:
  llvm.return %c : i1
}

// -----

// Math intrinsics and external math functions (libdevice's, in kernels).
llvm.func @__nv_sqrtf(f32) -> f32

// expected-note @+1 {{secret source: argument 0 of 'math', marked vx_ct.secret}}
llvm.func @math(%x: f32 {vx_ct.secret}) -> f32 attributes {vx_ct.constant_time} {
  // expected-error @+1 {{'llvm.intr.exp2' has a variable latency: its operand depends on a secret}}
  %e = llvm.intr.exp2(%x) : (f32) -> f32
  // expected-error @+1 {{passes a secret to external function '__nv_sqrtf', whose timing cannot be checked}}
  %s = llvm.call @__nv_sqrtf(%x) : (f32) -> f32
  // expected-error @+1 {{'nvvm.rcp.approx.ftz.f' has a variable latency: its operand depends on a secret}}
  %r = nvvm.rcp.approx.ftz.f %x : f32
  llvm.return %r : f32
}

// -----

// A kernel's parameters are secret as the operands of its launches, which
// vx-ct-record-params also recorded in vx_ct.lowered_secret_params.
module attributes {gpu.container_module} {
  // expected-note @+1 {{secret source: argument 1 of 'host', marked vx_ct.secret}}
  llvm.func @host(%buf: !llvm.ptr, %k: i32 {vx_ct.secret}) attributes {vx_ct.constant_time} {
    %c1 = llvm.mlir.constant(1 : i64) : i64
    // expected-note @+1 {{the secret flows through 'gpu.launch_func'}}
    gpu.launch_func @kernels::@kernel blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1) : i64 args(%buf : !llvm.ptr, %k : i32)
    llvm.return
  }
  gpu.module @kernels {
    llvm.func @kernel(%out: !llvm.ptr, %k: i32) attributes {gpu.kernel, nvvm.kernel} {
      %tid = nvvm.read.ptx.sreg.tid.x : i32
      %i = llvm.zext %tid : i32 to i64
      // Thread ids are public.
      %p = llvm.getelementptr %out[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i32
      // expected-note @+1 {{the secret flows through 'llvm.add'}}
      %sum = llvm.add %tid, %k : i32
      // expected-error @+1 {{'llvm.srem' has a variable latency: its operand depends on a secret}}
      %r = llvm.srem %tid, %sum : i32
      llvm.store %r, %p : i32, !llvm.ptr
      llvm.return
    }
  }
}

// -----

// Buffers that hold secrets go to the runtime's copies: no error here.
llvm.func @mgpuMemcpy(!llvm.ptr, !llvm.ptr, i64, !llvm.ptr)

// expected-note @+1 {{secret source: argument 2 of 'copy', marked vx_ct.secret}}
llvm.func @copy(%dst: !llvm.ptr, %src: !llvm.ptr {vx_ct.secret}, %n: i64 {vx_ct.secret}, %stream: !llvm.ptr) attributes {vx_ct.constant_time} {
  %c = llvm.mlir.constant(64 : i64) : i64
  llvm.call @mgpuMemcpy(%dst, %src, %c, %stream) : (!llvm.ptr, !llvm.ptr, i64, !llvm.ptr) -> ()
  // A secret size is an error.
  // expected-error @+1 {{passes a secret to external function 'mgpuMemcpy', whose timing cannot be checked}}
  llvm.call @mgpuMemcpy(%dst, %src, %n, %stream) : (!llvm.ptr, !llvm.ptr, i64, !llvm.ptr) -> ()
  llvm.return
}
