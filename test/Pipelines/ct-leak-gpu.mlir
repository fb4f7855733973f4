// RUN: not vortex-opt %s --vx-to-gpu 2>&1 | FileCheck %s --check-prefix=DIALECT
// RUN: not vortex-opt %s --vx-to-gpu=ct-check=lowered 2>&1 | FileCheck %s --check-prefix=LOWERED
// RUN: vortex-opt %s --vx-to-gpu=ct-check=none | not vortex-translate --vx-ct-check-ptx 2>&1 | FileCheck %s --check-prefix=PTX

// A kernel that branches on a secret (an expensive branch: a loop that
// LLVM cannot turn into a selection) is caught by each of the three checks:
// on the input, and, with the earlier checks turned off, on the LLVM and
// NVVM dialects and on the PTX.

// DIALECT: ct-leak-gpu.mlir:28:10: error: 'scf.if' branches on a secret: its condition depends on a secret
// DIALECT: note: secret source: argument 0 of 'leaky', marked vx_ct.secret

// LOWERED: ct-leak-gpu.mlir:28:10: error: 'llvm.cond_br' branches on a secret in a GPU kernel (warp divergence): its condition depends on a secret
// LOWERED: note: secret source: argument 1 of 'leaky_kernel', marked vx_ct.secret
// LOWERED: note: the secret flows through 'llvm.load'
// LOWERED: ct-leak-gpu.mlir:27:12: note: the secret flows through 'llvm.trunc'

// PTX: leaky_kernel.ptx:{{[0-9]+}}:2: error: branch on a secret: predicate %p{{[0-9]+}} depends on a secret (kernel leaky_kernel)
// PTX: note: secret source: the memory kernel parameter leaky_kernel_param_1 points to

#map = affine_map<(d0) -> (d0)>
func.func @leaky(%k: tensor<1024xi64> {vx_ct.secret}, %x: tensor<1024xi64>) -> tensor<1024xi64> attributes {vx_ct.constant_time} {
  %init = tensor.empty() : tensor<1024xi64>
  %r = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel"]} ins(%k, %x : tensor<1024xi64>, tensor<1024xi64>) outs(%init : tensor<1024xi64>) {
  ^bb0(%kk: i64, %xx: i64, %o: i64):
    %c1 = arith.constant 1 : i64
    %low = arith.trunci %kk : i64 to i1
    %y = scf.if %low -> i64 {
      %c0 = arith.constant 0 : index
      %n = arith.constant 256 : index
      %one = arith.constant 1 : index
      %s = scf.for %i = %c0 to %n step %one iter_args(%a = %xx) -> i64 {
        %sq = arith.muli %a, %a : i64
        %p = arith.addi %sq, %c1 : i64
        scf.yield %p : i64
      }
      scf.yield %s : i64
    } else {
      scf.yield %xx : i64
    }
    linalg.yield %y : i64
  } -> tensor<1024xi64>
  return %r : tensor<1024xi64>
}
