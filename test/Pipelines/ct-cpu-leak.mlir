// RUN: not vortex-opt %s --vx-to-cpu 2>&1 | FileCheck %s --check-prefix=LEAK
// RUN: not vortex-opt %s --vx-to-cpu=ct-check=lowered 2>&1 | FileCheck %s --check-prefix=LOWERED

// A branch on a secret is caught on the CPU too, before lowering and, with
// that check off, after.
// LEAK: ct-cpu-leak.mlir:[[# @LINE + 6]]:8: error: 'scf.if' branches on a secret
// LOWERED: ct-cpu-leak.mlir:[[# @LINE + 5]]:8: error: 'llvm.cond_br' branches on a secret: its condition depends on a secret
// LOWERED: note: secret source: argument 0 of 'leaky', marked vx_ct.secret
func.func @leaky(%k: i64 {vx_ct.secret}, %x: i64) -> i64 attributes {vx_ct.constant_time} {
  %c1 = arith.constant 1 : i64
  %low = arith.trunci %k : i64 to i1
  %y = scf.if %low -> i64 {
    %c0 = arith.constant 0 : index
    %n = arith.constant 256 : index
    %one = arith.constant 1 : index
    %s = scf.for %i = %c0 to %n step %one iter_args(%a = %x) -> i64 {
      %sq = arith.muli %a, %a : i64
      %p = arith.addi %sq, %c1 : i64
      scf.yield %p : i64
    }
    scf.yield %s : i64
  } else {
    scf.yield %x : i64
  }
  return %y : i64
}
