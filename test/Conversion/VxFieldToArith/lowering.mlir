// RUN: vortex-opt %s --convert-vx-field-to-arith | FileCheck %s
// RUN: vortex-opt %s --convert-vx-field-to-arith=limb-width=32 | FileCheck %s --check-prefix=LIMB32

// The storage types, the shapes of the lowered computations, and that
// nothing branches: every reduction is a select.

// CHECK-LABEL: func.func @storage
// CHECK-SAME: (%{{.+}}: i256, %{{.+}}: i384, %{{.+}}: i64, %{{.+}}: i32, %{{.+}}: tensor<4x?xi256>) -> i32
func.func @storage(%a: !vx_field.pf<bn254_fr>, %b: !vx_field.pf<bls12_381_fq, montgomery>,
                   %c: !vx_field.pf<goldilocks>, %d: !vx_field.pf<mersenne31>,
                   %e: tensor<4x?x!vx_field.pf<bls12_381_fr>>) -> !vx_field.pf<mersenne31> {
  return %d : !vx_field.pf<mersenne31>
}

// BN254 in Montgomery form: 4 limbs of 64 bits (8 of 32), 2 n^2 limb
// products and n products by -p^-1, accumulated in one integer with a single
// limb above p's (p < 2^255 leaves a spare bit): i320, or i288 for 32-bit
// limbs.
// CHECK-LABEL: func.func @mont_mul
// CHECK-COUNT-32: arith.mului_extended {{.*}} : i64
// CHECK-NOT: arith.mului_extended
// CHECK: %[[GE:.+]] = arith.cmpi uge, %{{.+}}, %{{.+}} : i320
// CHECK: %[[SUB:.+]] = arith.subi
// CHECK: %[[S:.+]] = arith.select %[[GE]], %[[SUB]], %{{.+}} : i320
// CHECK: %[[R:.+]] = arith.trunci %[[S]] : i320 to i256
// CHECK: return %[[R]] : i256
// LIMB32-LABEL: func.func @mont_mul
// LIMB32-COUNT-128: arith.mului_extended {{.*}} : i32
// LIMB32-NOT: arith.mului_extended
// LIMB32: arith.select %{{.+}}, %{{.+}}, %{{.+}} : i288
// LIMB32: return
func.func @mont_mul(%a: !vx_field.pf<bn254_fr, montgomery>, %b: !vx_field.pf<bn254_fr, montgomery>)
    -> !vx_field.pf<bn254_fr, montgomery> {
  %r = vx_field.mul %a, %b : !vx_field.pf<bn254_fr, montgomery>
  return %r : !vx_field.pf<bn254_fr, montgomery>
}

// Canonical BN254: a second Montgomery multiplication by R^2 mod p.
// CHECK-LABEL: func.func @canonical_mul
// CHECK-COUNT-64: arith.mului_extended
// CHECK-NOT: arith.mului_extended
// CHECK: return
func.func @canonical_mul(%a: !vx_field.pf<bn254_fr>, %b: !vx_field.pf<bn254_fr>) -> !vx_field.pf<bn254_fr> {
  %r = vx_field.mul %a, %b : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// Goldilocks: one 64x64 product, then 2^64 = 2^32 - 1 and 2^96 = -1.
// CHECK-LABEL: func.func @goldilocks_mul
// CHECK: %[[LO:.+]], %[[HI:.+]] = arith.mului_extended %{{.+}}, %{{.+}} : i64
// CHECK-NOT: arith.mului_extended
// CHECK: arith.shrui %[[HI]]
// CHECK: arith.addui_extended
// CHECK: arith.cmpi uge
// CHECK: %[[R:.+]] = arith.select
// CHECK-NEXT: return %[[R]] : i64
func.func @goldilocks_mul(%a: !vx_field.pf<goldilocks>, %b: !vx_field.pf<goldilocks>) -> !vx_field.pf<goldilocks> {
  %r = vx_field.mul %a, %b : !vx_field.pf<goldilocks>
  return %r : !vx_field.pf<goldilocks>
}

// Mersenne31: x = hi 2^31 + lo = hi + lo.
// CHECK-LABEL: func.func @mersenne_mul
// CHECK: %[[P:.+]] = arith.muli %{{.+}}, %{{.+}} : i64
// CHECK: arith.andi %[[P]], %{{.+}} : i64
// CHECK: arith.shrui %[[P]], %{{.+}} : i64
// CHECK: arith.select
// CHECK-NEXT: return
func.func @mersenne_mul(%a: !vx_field.pf<mersenne31>, %b: !vx_field.pf<mersenne31>) -> !vx_field.pf<mersenne31> {
  %r = vx_field.mul %a, %b : !vx_field.pf<mersenne31>
  return %r : !vx_field.pf<mersenne31>
}

// Addition: a carry-out or a sum >= p selects the difference.
// CHECK-LABEL: func.func @add
// CHECK: %[[S:.+]], %[[O:.+]] = arith.addui_extended %{{.+}}, %{{.+}} : i256, i1
// CHECK: %[[GE:.+]] = arith.cmpi uge, %[[S]]
// CHECK: %[[C:.+]] = arith.ori %[[GE]], %[[O]] : i1
// CHECK: %[[D:.+]] = arith.subi %[[S]]
// CHECK: arith.select %[[C]], %[[D]], %[[S]] : i256
func.func @add(%a: !vx_field.pf<bn254_fq>, %b: !vx_field.pf<bn254_fq>) -> !vx_field.pf<bn254_fq> {
  %r = vx_field.add %a, %b : !vx_field.pf<bn254_fq>
  return %r : !vx_field.pf<bn254_fq>
}

// Inversion loops over the public bits of p - 2 and selects; pow_ct loops
// over every bit of its exponent type.
// CHECK-LABEL: func.func @inv_and_pow_ct
// CHECK: %[[N:.+]] = arith.constant 64 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[N]]
// CHECK: arith.select
// CHECK: scf.for
// CHECK-NOT: scf.if
// CHECK-NOT: cf.cond_br
func.func @inv_and_pow_ct(%a: !vx_field.pf<goldilocks>, %e: i32) -> (!vx_field.pf<goldilocks>, !vx_field.pf<goldilocks>) {
  %i = vx_field.inv %a : !vx_field.pf<goldilocks>
  %p = vx_field.pow_ct %a, %e : !vx_field.pf<goldilocks>, i32
  return %i, %p : !vx_field.pf<goldilocks>, !vx_field.pf<goldilocks>
}

// Tensors: one linalg.generic of the scalar lowering; constants in stored
// form (Montgomery: 1 * 2^32 mod p).
// CHECK-LABEL: func.func @tensor
// CHECK-SAME: (%[[A:.+]]: tensor<?xi32>) -> tensor<?xi32>
// CHECK: %[[ONE:.+]] = arith.constant dense<268435454> : tensor<8xi32>
// CHECK: %[[D:.+]] = tensor.dim %[[A]], %{{.+}} : tensor<?xi32>
// CHECK: %[[E:.+]] = tensor.empty(%[[D]]) : tensor<?xi32>
// CHECK: linalg.generic {{.+}} ins(%[[A]], %[[A]] : tensor<?xi32>, tensor<?xi32>) outs(%[[E]] : tensor<?xi32>)
// CHECK: arith.mului_extended
// CHECK: linalg.yield
func.func @tensor(%a: tensor<?x!vx_field.pf<babybear, montgomery>>) -> tensor<?x!vx_field.pf<babybear, montgomery>> {
  %one = vx_field.constant 1 : tensor<8x!vx_field.pf<babybear, montgomery>>
  %r = vx_field.mul %a, %a : tensor<?x!vx_field.pf<babybear, montgomery>>
  return %r : tensor<?x!vx_field.pf<babybear, montgomery>>
}
