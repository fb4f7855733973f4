// RUN: vortex-opt %s -split-input-file -vx-ct-verify | FileCheck %s

// Accepted programs: public code, data flow on secrets, selections,
// declassified values, and secrets outside constant-time code.

// CHECK-LABEL: func.func @public_control
func.func @public_control(%x: i32, %y: i32, %t: memref<8xi32>) -> i32 attributes {vx_ct.constant_time} {
  %b = arith.cmpi eq, %x, %y : i32
  %i = arith.index_cast %x : i32 to index
  %v = memref.load %t[%i] : memref<8xi32>
  %r = scf.if %b -> i32 {
    %q = arith.divui %v, %y : i32
    scf.yield %q : i32
  } else {
    scf.yield %x : i32
  }
  return %r : i32
}

// CHECK-LABEL: func.func @secret_data
func.func @secret_data(%k: i64 {vx_ct.secret}, %x: i64, %t: memref<4xi64>) -> i64 attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %m = arith.muli %k, %x : i64
  %bit = arith.trunci %m : i64 to i1
  %s = vx_ct.select %bit, %m, %x : i64
  %a = arith.select %bit, %s, %k : i64
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %a) -> i64 {
    %e = memref.load %t[%i] : memref<4xi64>
    %n = arith.xori %acc, %e : i64
    memref.store %n, %t[%i] : memref<4xi64>
    scf.yield %n : i64
  }
  return %r : i64
}

// CHECK-LABEL: func.func @declassified
func.func @declassified(%k: i32 {vx_ct.secret}, %x: i32) -> i32 attributes {vx_ct.constant_time} {
  %p = vx_ct.declassify %k : i32
  %b = arith.cmpi eq, %p, %x : i32
  %r = scf.if %b -> i32 {
    scf.yield %x : i32
  } else {
    %q = arith.divui %x, %p : i32
    scf.yield %q : i32
  }
  return %r : i32
}

// Outside constant-time code, secrets are not checked.
// CHECK-LABEL: func.func @not_constant_time
func.func @not_constant_time(%k: i32 {vx_ct.secret}, %x: i32) -> i32 {
  %q = arith.divui %x, %k : i32
  return %q : i32
}

// -----

// Thread ids are public: indexing by them is fine in a kernel that
// computes on secrets.
// CHECK-LABEL: gpu.func @kernel
gpu.module @kernels {
  gpu.func @kernel(%k: i32 {vx_ct.secret}, %out: memref<32xi32>) kernel attributes {vx_ct.constant_time} {
    %tid = gpu.thread_id x
    %c16 = arith.constant 16 : index
    %lt = arith.cmpi ult, %tid, %c16 : index
    scf.if %lt {
      %v = memref.load %out[%tid] : memref<32xi32>
      %s = arith.addi %v, %k : i32
      memref.store %s, %out[%tid] : memref<32xi32>
    }
    gpu.return
  }
}

// -----

// A buffer that holds secrets read at public indices, and the address of
// such a buffer (an alignment check), are public.
// CHECK-LABEL: llvm.func @aligned_read
llvm.func @aligned_read(%buf: !llvm.ptr {vx_ct.secret}, %i: i64) -> i32 attributes {vx_ct.constant_time} {
  %c15 = llvm.mlir.constant(15 : i64) : i64
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %addr = llvm.ptrtoint %buf : !llvm.ptr to i64
  %low = llvm.and %addr, %c15 : i64
  %aligned = llvm.icmp "eq" %low, %c0 : i64
  llvm.cond_br %aligned, ^read, ^done
^read:
  %p = llvm.getelementptr %buf[%i] : (!llvm.ptr, i64) -> !llvm.ptr, i32
  %v = llvm.load %p : !llvm.ptr -> i32
  llvm.br ^done
^done:
  %z = llvm.mlir.constant(0 : i32) : i32
  llvm.return %z : i32
}
