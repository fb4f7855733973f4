// RUN: vortex-opt %s --verify-roundtrip | FileCheck %s
// RUN: vortex-opt %s --mlir-print-op-generic | vortex-opt | FileCheck %s

// Round trip of the vx_field types, attributes and operations.

// The named fields print under their names, in Montgomery form with `_mont`.
// CHECK-DAG: !babybear = !vx_field.pf<2013265921>
// CHECK-DAG: !babybear_mont = !vx_field.pf<2013265921, montgomery>
// CHECK-DAG: !bls12_381_fq = !vx_field.pf<4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559787>
// CHECK-DAG: !bls12_381_fq_mont = !vx_field.pf<4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559787, montgomery>
// CHECK-DAG: !bls12_381_fr = !vx_field.pf<52435875175126190479447740508185965837690552500527637822603658699938581184513>
// CHECK-DAG: !bls12_381_fr_mont = !vx_field.pf<52435875175126190479447740508185965837690552500527637822603658699938581184513, montgomery>
// CHECK-DAG: !bn254_fq = !vx_field.pf<21888242871839275222246405745257275088696311157297823662689037894645226208583>
// CHECK-DAG: !bn254_fq_mont = !vx_field.pf<21888242871839275222246405745257275088696311157297823662689037894645226208583, montgomery>
// CHECK-DAG: !bn254_fr = !vx_field.pf<21888242871839275222246405745257275088548364400416034343698204186575808495617>
// CHECK-DAG: !bn254_fr_mont = !vx_field.pf<21888242871839275222246405745257275088548364400416034343698204186575808495617, montgomery>
// CHECK-DAG: !goldilocks = !vx_field.pf<18446744069414584321>
// CHECK-DAG: !goldilocks_mont = !vx_field.pf<18446744069414584321, montgomery>
// CHECK-DAG: !mersenne31 = !vx_field.pf<2147483647>
// CHECK-DAG: !mersenne31_mont = !vx_field.pf<2147483647, montgomery>

// CHECK-LABEL: func.func @named_fields
// CHECK-SAME: (%{{.+}}: !bn254_fr, %{{.+}}: !bn254_fq, %{{.+}}: !bls12_381_fr, %{{.+}}: !bls12_381_fq, %{{.+}}: !goldilocks, %{{.+}}: !babybear, %{{.+}}: !mersenne31)
func.func @named_fields(%a: !vx_field.pf<bn254_fr>, %b: !vx_field.pf<bn254_fq>,
                        %c: !vx_field.pf<bls12_381_fr>,
                        %d: !vx_field.pf<bls12_381_fq>,
                        %e: !vx_field.pf<goldilocks>, %f: !vx_field.pf<babybear>,
                        %g: !vx_field.pf<mersenne31>) {
  return
}

// CHECK-LABEL: func.func @montgomery_fields
// CHECK-SAME: (%{{.+}}: !bn254_fr_mont, %{{.+}}: !bn254_fq_mont, %{{.+}}: !bls12_381_fr_mont, %{{.+}}: !bls12_381_fq_mont, %{{.+}}: !goldilocks_mont, %{{.+}}: !babybear_mont, %{{.+}}: !mersenne31_mont)
func.func @montgomery_fields(%a: !vx_field.pf<bn254_fr, montgomery>,
                             %b: !vx_field.pf<bn254_fq, montgomery>,
                             %c: !vx_field.pf<bls12_381_fr, montgomery>,
                             %d: !vx_field.pf<bls12_381_fq, montgomery>,
                             %e: !vx_field.pf<goldilocks, montgomery>,
                             %f: !vx_field.pf<babybear, montgomery>,
                             %g: !vx_field.pf<mersenne31, montgomery>) {
  return
}

// A decimal modulus of a named field is that field; `canonical` is the
// default and is not printed; other moduli print in decimal.
// CHECK-LABEL: func.func @moduli
// CHECK-SAME: (%{{.+}}: !babybear, %{{.+}}: !goldilocks_mont, %{{.+}}: !vx_field.pf<7>, %{{.+}}: !vx_field.pf<7>, %{{.+}}: !vx_field.pf<3, montgomery>, %{{.+}}: !vx_field.pf<170141183460469231731687303715884105727>, %{{.+}}: !vx_field.pf<101>, %{{.+}}: !mersenne31)
func.func @moduli(%a: !vx_field.pf<2013265921>,
                  %b: !vx_field.pf<18446744069414584321, montgomery>,
                  %c: !vx_field.pf<7>, %d: !vx_field.pf<7, canonical>,
                  %e: !vx_field.pf<3, montgomery>,
                  %f: !vx_field.pf<170141183460469231731687303715884105727>,
                  %g: !vx_field.pf<0x65>, %h: !vx_field.pf<mersenne31, canonical>) {
  return
}

// CHECK-LABEL: func.func @constants
func.func @constants() -> (!vx_field.pf<bn254_fr>, !vx_field.pf<bls12_381_fq>,
                           tensor<1024x!vx_field.pf<goldilocks>>,
                           tensor<2x3x!vx_field.pf<bn254_fr, montgomery>>,
                           tensor<!vx_field.pf<7>>, !vx_field.pf<7>) {
  // CHECK: %[[C0:.+]] = vx_field.constant 1 : !bn254_fr{{$}}
  %0 = vx_field.constant 1 : !vx_field.pf<bn254_fr>
  // p - 1.
  // CHECK: %[[C1:.+]] = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559786 : !bls12_381_fq{{$}}
  %1 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559786 : !vx_field.pf<bls12_381_fq>
  // Splats over tensors.
  // CHECK: %[[C2:.+]] = vx_field.constant 0 : tensor<1024x!goldilocks>{{$}}
  %2 = vx_field.constant 0 : tensor<1024x!vx_field.pf<goldilocks>>
  // CHECK: %[[C3:.+]] = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : tensor<2x3x!bn254_fr_mont>{{$}}
  %3 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : tensor<2x3x!vx_field.pf<bn254_fr, montgomery>>
  // CHECK: %[[C4:.+]] = vx_field.constant 6 {tag} : tensor<!vx_field.pf<7>>{{$}}
  %4 = vx_field.constant 6 {tag} : tensor<!vx_field.pf<7>>
  // Hexadecimal values are read and printed in decimal.
  // CHECK: %[[C5:.+]] = vx_field.constant 5 : !vx_field.pf<7>{{$}}
  %5 = vx_field.constant 0x5 : !vx_field.pf<7>
  // CHECK: return %[[C0]], %[[C1]], %[[C2]], %[[C3]], %[[C4]], %[[C5]] : !bn254_fr, !bls12_381_fq, tensor<1024x!goldilocks>, tensor<2x3x!bn254_fr_mont>, tensor<!vx_field.pf<7>>, !vx_field.pf<7>
  return %0, %1, %2, %3, %4, %5 : !vx_field.pf<bn254_fr>, !vx_field.pf<bls12_381_fq>,
      tensor<1024x!vx_field.pf<goldilocks>>,
      tensor<2x3x!vx_field.pf<bn254_fr, montgomery>>, tensor<!vx_field.pf<7>>,
      !vx_field.pf<7>
}

!fr = !vx_field.pf<bn254_fr>

// CHECK-LABEL: func.func @arithmetic
// CHECK-SAME: (%[[A:[^:]+]]: !bn254_fr, %[[B:[^:]+]]: !bn254_fr)
func.func @arithmetic(%a: !fr, %b: !fr) -> !fr {
  // CHECK: %[[ADD:.+]] = vx_field.add %[[A]], %[[B]] : !bn254_fr{{$}}
  %0 = vx_field.add %a, %b : !fr
  // CHECK: %[[SUB:.+]] = vx_field.sub %[[ADD]], %[[B]] : !bn254_fr{{$}}
  %1 = vx_field.sub %0, %b : !fr
  // CHECK: %[[MUL:.+]] = vx_field.mul %[[SUB]], %[[A]] : !bn254_fr{{$}}
  %2 = vx_field.mul %1, %a : !fr
  // CHECK: %[[NEG:.+]] = vx_field.neg %[[MUL]] : !bn254_fr{{$}}
  %3 = vx_field.neg %2 : !fr
  // CHECK: %[[SQ:.+]] = vx_field.square %[[NEG]] : !bn254_fr{{$}}
  %4 = vx_field.square %3 : !fr
  // CHECK: %[[INV:.+]] = vx_field.inv %[[SQ]] : !bn254_fr{{$}}
  %5 = vx_field.inv %4 : !fr
  // CHECK: %[[POW:.+]] = vx_field.pow %[[INV]], 5 : !bn254_fr{{$}}
  %6 = vx_field.pow %5, 5 : !fr
  // CHECK: return %[[POW]] : !bn254_fr
  return %6 : !fr
}

// CHECK-LABEL: func.func @pow_exponents
// CHECK-SAME: (%[[A:[^:]+]]: !bls12_381_fr)
func.func @pow_exponents(%a: !vx_field.pf<bls12_381_fr>) {
  // CHECK: vx_field.pow %[[A]], 0 : !bls12_381_fr{{$}}
  %0 = vx_field.pow %a, 0 : !vx_field.pf<bls12_381_fr>
  // CHECK: vx_field.pow %[[A]], 1 : !bls12_381_fr{{$}}
  %1 = vx_field.pow %a, 1 : !vx_field.pf<bls12_381_fr>
  // An exponent wider than 64 bits: p - 2.
  // CHECK: vx_field.pow %[[A]], 52435875175126190479447740508185965837690552500527637822603658699938581184511 : !bls12_381_fr{{$}}
  %2 = vx_field.pow %a, 52435875175126190479447740508185965837690552500527637822603658699938581184511 : !vx_field.pf<bls12_381_fr>
  // An exponent above the modulus is fine.
  // CHECK: vx_field.pow %[[A]], 340282366920938463463374607431768211456 {tag} : !bls12_381_fr{{$}}
  %3 = vx_field.pow %a, 340282366920938463463374607431768211456 {tag} : !vx_field.pf<bls12_381_fr>
  // CHECK: vx_field.pow %[[A]], 255 : !bls12_381_fr{{$}}
  %4 = vx_field.pow %a, 0xff : !vx_field.pf<bls12_381_fr>
  return
}

// Every operation works elementwise on tensors, of static or dynamic shape.
// CHECK-LABEL: func.func @tensors
// CHECK-SAME: (%[[T:[^:]+]]: tensor<4x?x!babybear_mont>, %[[U:[^:]+]]: tensor<8x!mersenne31>)
func.func @tensors(%t: tensor<4x?x!vx_field.pf<babybear, montgomery>>,
                   %u: tensor<8x!vx_field.pf<mersenne31>>)
    -> (tensor<4x?x!vx_field.pf<babybear, montgomery>>, tensor<8x!vx_field.pf<mersenne31>>) {
  // CHECK: %[[A:.+]] = vx_field.add %[[T]], %[[T]] : tensor<4x?x!babybear_mont>{{$}}
  %0 = vx_field.add %t, %t : tensor<4x?x!vx_field.pf<babybear, montgomery>>
  // CHECK: %[[B:.+]] = vx_field.mul %[[A]], %[[T]] : tensor<4x?x!babybear_mont>{{$}}
  %1 = vx_field.mul %0, %t : tensor<4x?x!vx_field.pf<babybear, montgomery>>
  // CHECK: %[[C:.+]] = vx_field.inv %[[B]] : tensor<4x?x!babybear_mont>{{$}}
  %2 = vx_field.inv %1 : tensor<4x?x!vx_field.pf<babybear, montgomery>>
  // CHECK: %[[D:.+]] = vx_field.pow %[[C]], 7 : tensor<4x?x!babybear_mont>{{$}}
  %3 = vx_field.pow %2, 7 : tensor<4x?x!vx_field.pf<babybear, montgomery>>
  // CHECK: %[[E:.+]] = vx_field.sub %[[U]], %[[U]] : tensor<8x!mersenne31>{{$}}
  %4 = vx_field.sub %u, %u : tensor<8x!vx_field.pf<mersenne31>>
  // CHECK: %[[F:.+]] = vx_field.neg %[[E]] : tensor<8x!mersenne31>{{$}}
  %5 = vx_field.neg %4 : tensor<8x!vx_field.pf<mersenne31>>
  // CHECK: %[[G:.+]] = vx_field.square %[[F]] : tensor<8x!mersenne31>{{$}}
  %6 = vx_field.square %5 : tensor<8x!vx_field.pf<mersenne31>>
  // CHECK: return %[[D]], %[[G]] : tensor<4x?x!babybear_mont>, tensor<8x!mersenne31>
  return %3, %6 : tensor<4x?x!vx_field.pf<babybear, montgomery>>, tensor<8x!vx_field.pf<mersenne31>>
}

// vx_field.eq returns i1, or a tensor of i1 of the operands' shape.
// CHECK-LABEL: func.func @eq
// CHECK-SAME: (%[[A:[^:]+]]: !goldilocks, %[[T:[^:]+]]: tensor<4x?x!bls12_381_fq>, %[[S:[^:]+]]: tensor<!goldilocks>)
func.func @eq(%a: !vx_field.pf<goldilocks>, %t: tensor<4x?x!vx_field.pf<bls12_381_fq>>,
              %s: tensor<!vx_field.pf<goldilocks>>)
    -> (i1, tensor<4x?xi1>, tensor<i1>) {
  // CHECK: %[[E0:.+]] = vx_field.eq %[[A]], %[[A]] : !goldilocks{{$}}
  %0 = vx_field.eq %a, %a : !vx_field.pf<goldilocks>
  // CHECK: %[[E1:.+]] = vx_field.eq %[[T]], %[[T]] {tag} : tensor<4x?x!bls12_381_fq>{{$}}
  %1 = vx_field.eq %t, %t {tag} : tensor<4x?x!vx_field.pf<bls12_381_fq>>
  // CHECK: %[[E2:.+]] = vx_field.eq %[[S]], %[[S]] : tensor<!goldilocks>{{$}}
  %2 = vx_field.eq %s, %s : tensor<!vx_field.pf<goldilocks>>
  // CHECK: return %[[E0]], %[[E1]], %[[E2]] : i1, tensor<4x?xi1>, tensor<i1>
  return %0, %1, %2 : i1, tensor<4x?xi1>, tensor<i1>
}

// Field element attributes outside of constants.
// CHECK-LABEL: func.func @element_attributes
// CHECK-SAME: attributes {a = #vx_field.elem<5> : !vx_field.pf<7>, b = #vx_field.elem<1> : tensor<2x!mersenne31>, c = #vx_field.elem<0> : !bn254_fq_mont}
func.func @element_attributes() attributes {
    a = #vx_field.elem<5> : !vx_field.pf<7>,
    b = #vx_field.elem<1> : tensor<2x!vx_field.pf<mersenne31>>,
    c = #vx_field.elem<0> : !vx_field.pf<bn254_fq, montgomery>} {
  return
}

// The generic form parses and prints in the custom form.
// CHECK-LABEL: func.func @generic_form
// CHECK-SAME: (%[[A:[^:]+]]: !babybear)
func.func @generic_form(%a: !vx_field.pf<babybear>) -> (!vx_field.pf<babybear>, i1) {
  // CHECK: %[[C:.+]] = vx_field.constant 3 : !babybear{{$}}
  %0 = "vx_field.constant"() <{value = #vx_field.elem<3> : !vx_field.pf<babybear>}>
      : () -> !vx_field.pf<babybear>
  // CHECK: %[[P:.+]] = vx_field.pow %[[C]], 5 : !babybear{{$}}
  %1 = "vx_field.pow"(%0) <{exponent = 5 : i4}> : (!vx_field.pf<babybear>) -> !vx_field.pf<babybear>
  // CHECK: %[[E:.+]] = vx_field.eq %[[P]], %[[A]] : !babybear{{$}}
  %2 = "vx_field.eq"(%1, %a) : (!vx_field.pf<babybear>, !vx_field.pf<babybear>) -> i1
  // CHECK: return %[[P]], %[[E]] : !babybear, i1
  return %1, %2 : !vx_field.pf<babybear>, i1
}

// The ops of the second set: division, doubling, constant-time power,
// zero test, select, and the changes of representation and to integers.
// CHECK-LABEL: func.func @more_ops
// CHECK-SAME: (%[[A:[^:]+]]: !bn254_fr, %[[B:[^:]+]]: !bn254_fr, %[[E:[^:]+]]: i64, %[[C:[^:]+]]: i1, %[[T:[^:]+]]: tensor<4x!babybear>, %[[K:[^:]+]]: tensor<4xi32>, %[[CT:[^:]+]]: tensor<4xi1>)
func.func @more_ops(%a: !vx_field.pf<bn254_fr>, %b: !vx_field.pf<bn254_fr>, %e: i64, %c: i1,
                    %t: tensor<4x!vx_field.pf<babybear>>, %k: tensor<4xi32>, %ct: tensor<4xi1>) {
  // CHECK: vx_field.div %[[A]], %[[B]] : !bn254_fr{{$}}
  %0 = vx_field.div %a, %b : !vx_field.pf<bn254_fr>
  // CHECK: vx_field.double %[[A]] : !bn254_fr{{$}}
  %1 = vx_field.double %a : !vx_field.pf<bn254_fr>
  // CHECK: vx_field.pow_ct %[[A]], %[[E]] : !bn254_fr, i64{{$}}
  %2 = vx_field.pow_ct %a, %e : !vx_field.pf<bn254_fr>, i64
  // CHECK: vx_field.pow_ct %[[T]], %[[K]] : tensor<4x!babybear>, tensor<4xi32>{{$}}
  %3 = vx_field.pow_ct %t, %k : tensor<4x!vx_field.pf<babybear>>, tensor<4xi32>
  // CHECK: vx_field.is_zero %[[A]] : !bn254_fr{{$}}
  %4 = vx_field.is_zero %a : !vx_field.pf<bn254_fr>
  // CHECK: vx_field.is_zero %[[T]] : tensor<4x!babybear>{{$}}
  %5 = vx_field.is_zero %t : tensor<4x!vx_field.pf<babybear>>
  // CHECK: vx_field.select %[[C]], %[[A]], %[[B]] : i1, !bn254_fr{{$}}
  %6 = vx_field.select %c, %a, %b : i1, !vx_field.pf<bn254_fr>
  // CHECK: vx_field.select %[[CT]], %[[T]], %[[T]] : tensor<4xi1>, tensor<4x!babybear>{{$}}
  %7 = vx_field.select %ct, %t, %t : tensor<4xi1>, tensor<4x!vx_field.pf<babybear>>
  // CHECK: %[[M:.+]] = vx_field.to_mont %[[A]] : !bn254_fr to !bn254_fr_mont{{$}}
  %8 = vx_field.to_mont %a : !vx_field.pf<bn254_fr> to !vx_field.pf<bn254_fr, montgomery>
  // CHECK: vx_field.from_mont %[[M]] : !bn254_fr_mont to !bn254_fr{{$}}
  %9 = vx_field.from_mont %8 : !vx_field.pf<bn254_fr, montgomery> to !vx_field.pf<bn254_fr>
  // CHECK: %[[I:.+]] = vx_field.to_int %[[T]] : tensor<4x!babybear> to tensor<4xi32>{{$}}
  %10 = vx_field.to_int %t : tensor<4x!vx_field.pf<babybear>> to tensor<4xi32>
  // CHECK: vx_field.from_int %[[I]] : tensor<4xi32> to tensor<4x!babybear>{{$}}
  %11 = vx_field.from_int %10 : tensor<4xi32> to tensor<4x!vx_field.pf<babybear>>
  // CHECK: vx_field.to_int %[[M]] : !bn254_fr_mont to i256{{$}}
  %12 = vx_field.to_int %8 : !vx_field.pf<bn254_fr, montgomery> to i256
  // CHECK: %[[S:.+]] = vx_field.bitcast %[[M]] : !bn254_fr_mont to i256{{$}}
  %13 = vx_field.bitcast %8 : !vx_field.pf<bn254_fr, montgomery> to i256
  // CHECK: vx_field.batch_inv %[[T]] : tensor<4x!babybear>{{$}}
  %15 = vx_field.batch_inv %t : tensor<4x!vx_field.pf<babybear>>
  // CHECK: vx_field.bitcast %[[S]] : i256 to !bn254_fr_mont{{$}}
  %14 = vx_field.bitcast %13 : i256 to !vx_field.pf<bn254_fr, montgomery>
  return
}

// Extension fields: named towers print as aliases, others in full; the
// arithmetic ops take them, and frobenius.
// CHECK-LABEL: func.func @extensions
// CHECK-SAME: (%[[A:[^:]+]]: !bn254_fq12, %[[B:[^:]+]]: !babybear_ext4_mont, %[[C:[^:]+]]: !vx_field.ext<!vx_field.pf<13>, 2, [2]>, %[[T:[^:]+]]: tensor<3x!goldilocks_ext2>)
func.func @extensions(%a: !vx_field.ext<bn254_fq12>, %b: !vx_field.ext<babybear_ext4, montgomery>,
                      %c: !vx_field.ext<!vx_field.pf<13>, 2, [2]>,
                      %t: tensor<3x!vx_field.ext<!vx_field.pf<goldilocks>, 2, [7]>>) {
  // CHECK: vx_field.mul %[[A]], %[[A]] : !bn254_fq12{{$}}
  %0 = vx_field.mul %a, %a : !vx_field.ext<bn254_fq12>
  // CHECK: vx_field.frobenius %[[A]], 3 : !bn254_fq12{{$}}
  %1 = vx_field.frobenius %a, 3 : !vx_field.ext<bn254_fq12>
  // CHECK: vx_field.inv %[[B]] : !babybear_ext4_mont{{$}}
  %2 = vx_field.inv %b : !vx_field.ext<babybear_ext4, montgomery>
  // CHECK: vx_field.add %[[C]], %[[C]] : !vx_field.ext<!vx_field.pf<13>, 2, [2]>{{$}}
  %3 = vx_field.add %c, %c : !vx_field.ext<!vx_field.pf<13>, 2, [2]>
  // CHECK: vx_field.eq %[[T]], %[[T]] : tensor<3x!goldilocks_ext2>{{$}}
  %4 = vx_field.eq %t, %t : tensor<3x!vx_field.ext<goldilocks_ext2>>
  // CHECK: vx_field.bitcast %[[A]] : !bn254_fq12 to i3072{{$}}
  %5 = vx_field.bitcast %a : !vx_field.ext<bn254_fq12> to i3072
  return
}
