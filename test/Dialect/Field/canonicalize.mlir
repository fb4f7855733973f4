// RUN: vortex-opt %s -canonicalize | FileCheck %s

// The folders of vx_field: constant folding with arbitrary-precision
// arithmetic (the expected values are computed independently with Python's
// big integers), algebraic identities, and equality.

//===----------------------------------------------------------------------===//
// Constant folding
//===----------------------------------------------------------------------===//

// (p - 1) + (p - 1) = p - 2
// CHECK-LABEL: func.func @add_bn254_fr_wraps()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495615 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @add_bn254_fr_wraps() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %r = vx_field.add %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// (p - 1) + 1 = 0
// CHECK-LABEL: func.func @add_bn254_fr_to_zero()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 0 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @add_bn254_fr_to_zero() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 1 : !vx_field.pf<bn254_fr>
  %r = vx_field.add %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @add_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2803114930629860558000507832767416269254104735364212569879820504781993973517 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @add_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %r = vx_field.add %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// (p - 2) + (p - 3) = p - 5
// CHECK-LABEL: func.func @add_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559782 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @add_bls12_381_fq() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : !vx_field.pf<bls12_381_fq>
  %c1 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559784 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.add %c0, %c1 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @add_mersenne31()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2147483645 : !mersenne31{{$}}
// CHECK-NEXT: return %[[C]] : !mersenne31{{$}}
func.func @add_mersenne31() -> !vx_field.pf<mersenne31> {
  %c0 = vx_field.constant 2147483646 : !vx_field.pf<mersenne31>
  %c1 = vx_field.constant 2147483646 : !vx_field.pf<mersenne31>
  %r = vx_field.add %c0, %c1 : !vx_field.pf<mersenne31>
  return %r : !vx_field.pf<mersenne31>
}

// Constants hold canonical values whatever the representation.
// CHECK-LABEL: func.func @add_bn254_fq_montgomery()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1 : !bn254_fq_mont{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fq_mont{{$}}
func.func @add_bn254_fq_montgomery() -> !vx_field.pf<bn254_fq, montgomery> {
  %c0 = vx_field.constant 21888242871839275222246405745257275088696311157297823662689037894645226208582 : !vx_field.pf<bn254_fq, montgomery>
  %c1 = vx_field.constant 2 : !vx_field.pf<bn254_fq, montgomery>
  %r = vx_field.add %c0, %c1 : !vx_field.pf<bn254_fq, montgomery>
  return %r : !vx_field.pf<bn254_fq, montgomery>
}

// 0 - 1 = p - 1
// CHECK-LABEL: func.func @sub_bn254_fr_wraps()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @sub_bn254_fr_wraps() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 0 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 1 : !vx_field.pf<bn254_fr>
  %r = vx_field.sub %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @sub_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234568 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @sub_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %r = vx_field.sub %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @sub_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @sub_bls12_381_fq() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : !vx_field.pf<bls12_381_fq>
  %c1 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559784 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.sub %c0, %c1 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @sub_bls12_381_fq_wraps()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559786 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @sub_bls12_381_fq_wraps() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559784 : !vx_field.pf<bls12_381_fq>
  %c1 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.sub %c0, %c1 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// (p - 1) * (p - 1) = 1
// CHECK-LABEL: func.func @mul_bn254_fr_minus_one_squared()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @mul_bn254_fr_minus_one_squared() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @mul_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 13519967323926219064349002855361446920711564754053834125674227036826663504960 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @mul_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @mul_bn254_fr_by_minus_one()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 9542563970604707332122948956244929409647129832525910886909191840896907261050 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @mul_bn254_fr_by_minus_one() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %c1 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// (p - 2) * (p - 3) = 6
// CHECK-LABEL: func.func @mul_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 6 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @mul_bls12_381_fq() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : !vx_field.pf<bls12_381_fq>
  %c1 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559784 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @mul_bls12_381_fq_big()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2347020561736249437948559122221275425696420078345324806236523053060260801115130119316245349132449147782421928290390 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @mul_bls12_381_fq_big() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 2462625387274654950767440006258975862817483704404090416746768337765357610718575663213391640930307227550414249406521 : !vx_field.pf<bls12_381_fq>
  %c1 = vx_field.constant 2462625387274654950767440006258975862817483704404090416746768337765357610718575663213391640930307227550414249406521 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @mul_bls12_381_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 52435875175126190479447740508185965837690552500527637822603658699938581184511 : !bls12_381_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fr{{$}}
func.func @mul_bls12_381_fr() -> !vx_field.pf<bls12_381_fr> {
  %c0 = vx_field.constant 52435875175126190479447740508185965837690552500527637822603658699938581184512 : !vx_field.pf<bls12_381_fr>
  %c1 = vx_field.constant 2 : !vx_field.pf<bls12_381_fr>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<bls12_381_fr>
  return %r : !vx_field.pf<bls12_381_fr>
}

// 2^32 * 2^32 = 2^64 = 2^32 - 1 (mod 2^64 - 2^32 + 1)
// CHECK-LABEL: func.func @mul_goldilocks()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 4294967295 : !goldilocks{{$}}
// CHECK-NEXT: return %[[C]] : !goldilocks{{$}}
func.func @mul_goldilocks() -> !vx_field.pf<goldilocks> {
  %c0 = vx_field.constant 4294967296 : !vx_field.pf<goldilocks>
  %c1 = vx_field.constant 4294967296 : !vx_field.pf<goldilocks>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<goldilocks>
  return %r : !vx_field.pf<goldilocks>
}

// CHECK-LABEL: func.func @mul_babybear_montgomery()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 6500116 : !babybear_mont{{$}}
// CHECK-NEXT: return %[[C]] : !babybear_mont{{$}}
func.func @mul_babybear_montgomery() -> !vx_field.pf<babybear, montgomery> {
  %c0 = vx_field.constant 123456789 : !vx_field.pf<babybear, montgomery>
  %c1 = vx_field.constant 987654321 : !vx_field.pf<babybear, montgomery>
  %r = vx_field.mul %c0, %c1 : !vx_field.pf<babybear, montgomery>
  return %r : !vx_field.pf<babybear, montgomery>
}

// CHECK-LABEL: func.func @neg_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 9542563970604707332122948956244929409647129832525910886909191840896907261050 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @neg_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %r = vx_field.neg %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @neg_bn254_fr_one()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @neg_bn254_fr_one() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 1 : !vx_field.pf<bn254_fr>
  %r = vx_field.neg %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// -0 = 0
// CHECK-LABEL: func.func @neg_zero()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 0 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @neg_zero() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 0 : !vx_field.pf<bn254_fr>
  %r = vx_field.neg %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @neg_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @neg_bls12_381_fq() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.neg %c0 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @square_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 13519967323926219064349002855361446920711564754053834125674227036826663504960 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @square_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %r = vx_field.square %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @square_bn254_fr_minus_one()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @square_bn254_fr_minus_one() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %r = vx_field.square %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @square_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 9 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @square_bls12_381_fq() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559784 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.square %c0 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @square_bls12_381_fq_big()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2347020561736249437948559122221275425696420078345324806236523053060260801115130119316245349132449147782421928290390 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @square_bls12_381_fq_big() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 2462625387274654950767440006258975862817483704404090416746768337765357610718575663213391640930307227550414249406521 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.square %c0 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// 1/2 = (p + 1) / 2
// CHECK-LABEL: func.func @inv_bn254_fr_two()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 10944121435919637611123202872628637544274182200208017171849102093287904247809 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @inv_bn254_fr_two() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 2 : !vx_field.pf<bn254_fr>
  %r = vx_field.inv %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @inv_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 12961863221634289924873179978725306227518033856377288862855027918193545695444 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @inv_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %r = vx_field.inv %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @inv_bn254_fr_minus_one()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @inv_bn254_fr_minus_one() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %r = vx_field.inv %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// Zero maps to zero.
// CHECK-LABEL: func.func @inv_zero()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 0 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @inv_zero() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 0 : !vx_field.pf<bn254_fr>
  %r = vx_field.inv %c0 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @inv_one()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @inv_one() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 1 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.inv %c0 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @inv_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2001204777610833696708894912867952078278441409969503942666029068062015825245418932221343814564507832018947136279893 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @inv_bls12_381_fq() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.inv %c0 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @inv_bls12_381_fq_big()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1546407791620393069323972370848628493695753867692505836037500706259327756330110149124581952227162265696537366965205 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @inv_bls12_381_fq_big() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 2462625387274654950767440006258975862817483704404090416746768337765357610718575663213391640930307227550414249406521 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.inv %c0 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @inv_goldilocks()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2635249152773512046 : !goldilocks{{$}}
// CHECK-NEXT: return %[[C]] : !goldilocks{{$}}
func.func @inv_goldilocks() -> !vx_field.pf<goldilocks> {
  %c0 = vx_field.constant 7 : !vx_field.pf<goldilocks>
  %r = vx_field.inv %c0 : !vx_field.pf<goldilocks>
  return %r : !vx_field.pf<goldilocks>
}

// CHECK-LABEL: func.func @inv_babybear()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1342177281 : !babybear{{$}}
// CHECK-NEXT: return %[[C]] : !babybear{{$}}
func.func @inv_babybear() -> !vx_field.pf<babybear> {
  %c0 = vx_field.constant 3 : !vx_field.pf<babybear>
  %r = vx_field.inv %c0 : !vx_field.pf<babybear>
  return %r : !vx_field.pf<babybear>
}

// CHECK-LABEL: func.func @pow_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 19253285033322315980140865145630249767841245781829655751618254459690793645612 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @pow_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %r = vx_field.pow %c0, 5 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// Fermat: a^(p-1) = 1
// CHECK-LABEL: func.func @pow_bn254_fr_fermat()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @pow_bn254_fr_fermat() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 5 : !vx_field.pf<bn254_fr>
  %r = vx_field.pow %c0, 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @pow_bn254_fr_wide_exponent()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 18790669930226408654038368474910453240272820539436378490038269839318995433618 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]] : !bn254_fr{{$}}
func.func @pow_bn254_fr_wide_exponent() -> !vx_field.pf<bn254_fr> {
  %c0 = vx_field.constant 12345678901234567890123456789012345678901234567890123456789012345678901234567 : !vx_field.pf<bn254_fr>
  %r = vx_field.pow %c0, 1606938044258990275541962092341162602522202993782792835301377 : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @pow_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559760 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @pow_bls12_381_fq() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559784 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.pow %c0, 3 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @pow_bls12_381_fq_big()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 165902496052897829571146444468156236422208052063593225787268249884145042199844831799958529440732445340320848586571 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @pow_bls12_381_fq_big() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 2462625387274654950767440006258975862817483704404090416746768337765357610718575663213391640930307227550414249406521 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.pow %c0, 65537 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// 0^3 = 0
// CHECK-LABEL: func.func @pow_zero_base()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 0 : !bls12_381_fq{{$}}
// CHECK-NEXT: return %[[C]] : !bls12_381_fq{{$}}
func.func @pow_zero_base() -> !vx_field.pf<bls12_381_fq> {
  %c0 = vx_field.constant 0 : !vx_field.pf<bls12_381_fq>
  %r = vx_field.pow %c0, 3 : !vx_field.pf<bls12_381_fq>
  return %r : !vx_field.pf<bls12_381_fq>
}

// CHECK-LABEL: func.func @pow_small_field()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 5 : !vx_field.pf<7>{{$}}
// CHECK-NEXT: return %[[C]] : !vx_field.pf<7>{{$}}
func.func @pow_small_field() -> !vx_field.pf<7> {
  %c0 = vx_field.constant 3 : !vx_field.pf<7>
  %r = vx_field.pow %c0, 5 : !vx_field.pf<7>
  return %r : !vx_field.pf<7>
}

// CHECK-LABEL: func.func @pow_mersenne31_inverse()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1431655765 : !mersenne31{{$}}
// CHECK-NEXT: return %[[C]] : !mersenne31{{$}}
func.func @pow_mersenne31_inverse() -> !vx_field.pf<mersenne31> {
  %c0 = vx_field.constant 3 : !vx_field.pf<mersenne31>
  %r = vx_field.pow %c0, 2147483645 : !vx_field.pf<mersenne31>
  return %r : !vx_field.pf<mersenne31>
}

// Splat constants fold to splats.
// CHECK-LABEL: func.func @add_splat()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 4 : tensor<2x2x!babybear>{{$}}
// CHECK-NEXT: return %[[C]] : tensor<2x2x!babybear>{{$}}
func.func @add_splat() -> tensor<2x2x!vx_field.pf<babybear>> {
  %c0 = vx_field.constant 2013265920 : tensor<2x2x!vx_field.pf<babybear>>
  %c1 = vx_field.constant 5 : tensor<2x2x!vx_field.pf<babybear>>
  %r = vx_field.add %c0, %c1 : tensor<2x2x!vx_field.pf<babybear>>
  return %r : tensor<2x2x!vx_field.pf<babybear>>
}

// CHECK-LABEL: func.func @mul_splat_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2 : tensor<8x!bn254_fr_mont>{{$}}
// CHECK-NEXT: return %[[C]] : tensor<8x!bn254_fr_mont>{{$}}
func.func @mul_splat_bn254_fr() -> tensor<8x!vx_field.pf<bn254_fr, montgomery>> {
  %c0 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : tensor<8x!vx_field.pf<bn254_fr, montgomery>>
  %c1 = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495615 : tensor<8x!vx_field.pf<bn254_fr, montgomery>>
  %r = vx_field.mul %c0, %c1 : tensor<8x!vx_field.pf<bn254_fr, montgomery>>
  return %r : tensor<8x!vx_field.pf<bn254_fr, montgomery>>
}

// CHECK-LABEL: func.func @inv_splat_bls12_381_fq()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2001204777610833696708894912867952078278441409969503942666029068062015825245418932221343814564507832018947136279893 : tensor<3x!bls12_381_fq>{{$}}
// CHECK-NEXT: return %[[C]] : tensor<3x!bls12_381_fq>{{$}}
func.func @inv_splat_bls12_381_fq() -> tensor<3x!vx_field.pf<bls12_381_fq>> {
  %c0 = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : tensor<3x!vx_field.pf<bls12_381_fq>>
  %r = vx_field.inv %c0 : tensor<3x!vx_field.pf<bls12_381_fq>>
  return %r : tensor<3x!vx_field.pf<bls12_381_fq>>
}

// CHECK-LABEL: func.func @pow_splat()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 1 : tensor<4x1x!goldilocks>{{$}}
// CHECK-NEXT: return %[[C]] : tensor<4x1x!goldilocks>{{$}}
func.func @pow_splat() -> tensor<4x1x!vx_field.pf<goldilocks>> {
  %c0 = vx_field.constant 18446744069414584320 : tensor<4x1x!vx_field.pf<goldilocks>>
  %r = vx_field.pow %c0, 2 : tensor<4x1x!vx_field.pf<goldilocks>>
  return %r : tensor<4x1x!vx_field.pf<goldilocks>>
}

// CHECK-LABEL: func.func @neg_splat_rank0()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 2147483642 : tensor<!mersenne31>{{$}}
// CHECK-NEXT: return %[[C]] : tensor<!mersenne31>{{$}}
func.func @neg_splat_rank0() -> tensor<!vx_field.pf<mersenne31>> {
  %c0 = vx_field.constant 5 : tensor<!vx_field.pf<mersenne31>>
  %r = vx_field.neg %c0 : tensor<!vx_field.pf<mersenne31>>
  return %r : tensor<!vx_field.pf<mersenne31>>
}

// Chains fold completely.
// CHECK-LABEL: func.func @chain_bls12_381_fq()
// CHECK-DAG: %[[ONE:.+]] = vx_field.constant 1 : !bls12_381_fq{{$}}
// CHECK-DAG: %[[A:.+]] = vx_field.constant 2462625387274654950767440006258975862817483704404090416746768337765357610718575663213391640930307227550414249406521 : !bls12_381_fq{{$}}
// CHECK-NOT: vx_field.inv
// CHECK-NOT: vx_field.mul
// CHECK: return %[[ONE]], %[[A]] : !bls12_381_fq, !bls12_381_fq
func.func @chain_bls12_381_fq() -> (!vx_field.pf<bls12_381_fq>, !vx_field.pf<bls12_381_fq>) {
  %a = vx_field.constant 2462625387274654950767440006258975862817483704404090416746768337765357610718575663213391640930307227550414249406521 : !vx_field.pf<bls12_381_fq>
  %b = vx_field.constant 4002409555221667393417789825735904156556882819939007885332058136124031650490837864442687629129015664037894272559785 : !vx_field.pf<bls12_381_fq>
  %i = vx_field.inv %a : !vx_field.pf<bls12_381_fq>
  %one = vx_field.mul %a, %i : !vx_field.pf<bls12_381_fq>
  %s = vx_field.add %a, %b : !vx_field.pf<bls12_381_fq>
  %d = vx_field.sub %s, %b : !vx_field.pf<bls12_381_fq>
  return %one, %d : !vx_field.pf<bls12_381_fq>, !vx_field.pf<bls12_381_fq>
}

//===----------------------------------------------------------------------===//
// Identities
//===----------------------------------------------------------------------===//

!fr = !vx_field.pf<bn254_fr>
!bb = !vx_field.pf<babybear, montgomery>

// x + 0 = 0 + x = x
// CHECK-LABEL: func.func @add_zero(
// CHECK-SAME: %[[X:[^:]+]]: !bn254_fr
// CHECK-NEXT: return %[[X]], %[[X]] : !bn254_fr, !bn254_fr
func.func @add_zero(%x: !fr) -> (!fr, !fr) {
  %z = vx_field.constant 0 : !fr
  %0 = vx_field.add %x, %z : !fr
  %1 = vx_field.add %z, %x : !fr
  return %0, %1 : !fr, !fr
}

// x * 1 = 1 * x = x
// CHECK-LABEL: func.func @mul_one(
// CHECK-SAME: %[[X:[^:]+]]: !bn254_fr
// CHECK-NEXT: return %[[X]], %[[X]] : !bn254_fr, !bn254_fr
func.func @mul_one(%x: !fr) -> (!fr, !fr) {
  %o = vx_field.constant 1 : !fr
  %0 = vx_field.mul %x, %o : !fr
  %1 = vx_field.mul %o, %x : !fr
  return %0, %1 : !fr, !fr
}

// x * 0 = 0 * x = 0
// CHECK-LABEL: func.func @mul_zero(
// CHECK-NEXT: %[[Z:.+]] = vx_field.constant 0 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[Z]], %[[Z]] : !bn254_fr, !bn254_fr
func.func @mul_zero(%x: !fr) -> (!fr, !fr) {
  %z = vx_field.constant 0 : !fr
  %0 = vx_field.mul %x, %z : !fr
  %1 = vx_field.mul %z, %x : !fr
  return %0, %1 : !fr, !fr
}

// x - x = 0
// CHECK-LABEL: func.func @sub_self(
// CHECK-NEXT: %[[Z:.+]] = vx_field.constant 0 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[Z]] : !bn254_fr
func.func @sub_self(%x: !fr) -> (!fr) {
  %0 = vx_field.sub %x, %x : !fr
  return %0 : !fr
}

// x - 0 = x
// CHECK-LABEL: func.func @sub_zero(
// CHECK-SAME: %[[X:[^:]+]]: !bn254_fr
// CHECK-NEXT: return %[[X]] : !bn254_fr
func.func @sub_zero(%x: !fr) -> (!fr) {
  %z = vx_field.constant 0 : !fr
  %0 = vx_field.sub %x, %z : !fr
  return %0 : !fr
}

// -(-x) = x
// CHECK-LABEL: func.func @neg_neg(
// CHECK-SAME: %[[X:[^:]+]]: !bn254_fr
// CHECK-NEXT: return %[[X]] : !bn254_fr
func.func @neg_neg(%x: !fr) -> (!fr) {
  %0 = vx_field.neg %x : !fr
  %1 = vx_field.neg %0 : !fr
  return %1 : !fr
}

// x^0 = 1
// CHECK-LABEL: func.func @pow_zero(
// CHECK-NEXT: %[[ONE:.+]] = vx_field.constant 1 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[ONE]] : !bn254_fr
func.func @pow_zero(%x: !fr) -> (!fr) {
  %0 = vx_field.pow %x, 0 : !fr
  return %0 : !fr
}

// 0^0 = 1
// CHECK-LABEL: func.func @pow_zero_of_zero(
// CHECK-NEXT: %[[ONE:.+]] = vx_field.constant 1 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[ONE]] : !bn254_fr
func.func @pow_zero_of_zero() -> (!fr) {
  %z = vx_field.constant 0 : !fr
  %0 = vx_field.pow %z, 0 : !fr
  return %0 : !fr
}

// x^1 = x
// CHECK-LABEL: func.func @pow_one(
// CHECK-SAME: %[[X:[^:]+]]: !bn254_fr
// CHECK-NEXT: return %[[X]] : !bn254_fr
func.func @pow_one(%x: !fr) -> (!fr) {
  %0 = vx_field.pow %x, 1 : !fr
  return %0 : !fr
}

// The identities hold elementwise on tensors.
// CHECK-LABEL: func.func @identities_on_tensors(
// CHECK-SAME: %[[T:[^:]+]]: tensor<4x!babybear_mont>
// CHECK-DAG: %[[Z:.+]] = vx_field.constant 0 : tensor<4x!babybear_mont>{{$}}
// CHECK-DAG: %[[ONE:.+]] = vx_field.constant 1 : tensor<4x!babybear_mont>{{$}}
// CHECK-NOT: vx_field.add
// CHECK-NOT: vx_field.mul
// CHECK-NOT: vx_field.sub
// CHECK-NOT: vx_field.pow
// CHECK: return %[[T]], %[[Z]], %[[Z]], %[[ONE]] : tensor<4x!babybear_mont>, tensor<4x!babybear_mont>, tensor<4x!babybear_mont>, tensor<4x!babybear_mont>
func.func @identities_on_tensors(%t: tensor<4x!bb>) -> (tensor<4x!bb>, tensor<4x!bb>, tensor<4x!bb>, tensor<4x!bb>) {
  %z = vx_field.constant 0 : tensor<4x!bb>
  %o = vx_field.constant 1 : tensor<4x!bb>
  %0 = vx_field.add %t, %z : tensor<4x!bb>
  %1 = vx_field.mul %0, %o : tensor<4x!bb>
  %2 = vx_field.sub %t, %t : tensor<4x!bb>
  %3 = vx_field.mul %t, %z : tensor<4x!bb>
  %4 = vx_field.pow %t, 0 : tensor<4x!bb>
  return %1, %2, %3, %4 : tensor<4x!bb>, tensor<4x!bb>, tensor<4x!bb>, tensor<4x!bb>
}

// No constant has a dynamic shape: x - x and x^0 stay on tensors of dynamic shape.
// CHECK-LABEL: func.func @dynamic_shape_kept(
// CHECK-SAME: %[[T:[^:]+]]: tensor<?x!babybear_mont>
// CHECK-NOT: vx_field.constant
// CHECK-NEXT: %[[S:.+]] = vx_field.sub %[[T]], %[[T]] : tensor<?x!babybear_mont>{{$}}
// CHECK-NEXT: %[[P:.+]] = vx_field.pow %[[T]], 0 : tensor<?x!babybear_mont>{{$}}
// CHECK-NEXT: return %[[S]], %[[P]], %[[T]], %[[T]] : tensor<?x!babybear_mont>, tensor<?x!babybear_mont>, tensor<?x!babybear_mont>, tensor<?x!babybear_mont>
func.func @dynamic_shape_kept(%t: tensor<?x!bb>) -> (tensor<?x!bb>, tensor<?x!bb>, tensor<?x!bb>, tensor<?x!bb>) {
  %0 = vx_field.sub %t, %t : tensor<?x!bb>
  %1 = vx_field.pow %t, 0 : tensor<?x!bb>
  %2 = vx_field.pow %t, 1 : tensor<?x!bb>
  %3 = vx_field.neg %t : tensor<?x!bb>
  %4 = vx_field.neg %3 : tensor<?x!bb>
  return %0, %1, %2, %4 : tensor<?x!bb>, tensor<?x!bb>, tensor<?x!bb>, tensor<?x!bb>
}

// Operations on unknown values without an identity stay.
// CHECK-LABEL: func.func @not_folded(
// CHECK-SAME: %[[X:[^:]+]]: !bn254_fr, %[[Y:[^:]+]]: !bn254_fr
// CHECK-DAG: %[[Z:.+]] = vx_field.constant 0 : !bn254_fr
// CHECK-DAG: %[[O:.+]] = vx_field.constant 1 : !bn254_fr
// CHECK: %[[R0:.+]] = vx_field.sub %[[Z]], %[[X]] : !bn254_fr
// CHECK-NEXT: %[[R1:.+]] = vx_field.add %[[X]], %[[O]] : !bn254_fr
// CHECK-NEXT: %[[R2:.+]] = vx_field.pow %[[X]], 2 : !bn254_fr
// CHECK-NEXT: %[[R3:.+]] = vx_field.neg %[[X]] : !bn254_fr
// CHECK-NEXT: %[[R4:.+]] = vx_field.inv %[[X]] : !bn254_fr
// CHECK-NEXT: %[[R5:.+]] = vx_field.square %[[X]] : !bn254_fr
// CHECK-NEXT: %[[R6:.+]] = vx_field.mul %[[X]], %[[Y]] : !bn254_fr
// CHECK-NEXT: return %[[R0]], %[[R1]], %[[R2]], %[[R3]], %[[R4]], %[[R5]], %[[R6]]
func.func @not_folded(%x: !fr, %y: !fr) -> (!fr, !fr, !fr, !fr, !fr, !fr, !fr) {
  %z = vx_field.constant 0 : !fr
  %o = vx_field.constant 1 : !fr
  %0 = vx_field.sub %z, %x : !fr
  %1 = vx_field.add %x, %o : !fr
  %2 = vx_field.pow %x, 2 : !fr
  %3 = vx_field.neg %x : !fr
  %4 = vx_field.inv %x : !fr
  %5 = vx_field.square %x : !fr
  %6 = vx_field.mul %x, %y : !fr
  return %0, %1, %2, %3, %4, %5, %6 : !fr, !fr, !fr, !fr, !fr, !fr, !fr
}

//===----------------------------------------------------------------------===//
// Equality
//===----------------------------------------------------------------------===//

// x == x is true.
// CHECK-LABEL: func.func @eq_self(
// CHECK-NEXT: %[[T:.+]] = arith.constant true
// CHECK-NEXT: return %[[T]] : i1
func.func @eq_self(%x: !fr) -> (i1) {
  %0 = vx_field.eq %x, %x : !fr
  return %0 : i1
}

// Constants compare by value.
// CHECK-LABEL: func.func @eq_constants(
// CHECK-DAG: %[[F:.+]] = arith.constant false
// CHECK-DAG: %[[T:.+]] = arith.constant true
// CHECK-NOT: vx_field.eq
// CHECK: return %[[F]], %[[T]] : i1, i1
func.func @eq_constants() -> (i1, i1) {
  %a = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !fr
  %b = vx_field.constant 3 : !fr
  %c = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !fr
  %0 = vx_field.eq %a, %b : !fr
  %1 = vx_field.eq %a, %c : !fr
  return %0, %1 : i1, i1
}

// 2 + 3 == 5
// CHECK-LABEL: func.func @eq_folded_values(
// CHECK-NEXT: %[[T:.+]] = arith.constant true
// CHECK-NEXT: return %[[T]] : i1
func.func @eq_folded_values() -> (i1) {
  %a = vx_field.constant 2 : !bb
  %b = vx_field.constant 3 : !bb
  %c = vx_field.constant 5 : !bb
  %s = vx_field.add %a, %b : !bb
  %0 = vx_field.eq %s, %c : !bb
  return %0 : i1
}

// On tensors of static shape, equality folds to a splat of i1.
// CHECK-LABEL: func.func @eq_tensors(
// CHECK-DAG: %[[T:.+]] = arith.constant dense<true> : tensor<2x3xi1>
// CHECK-DAG: %[[F:.+]] = arith.constant dense<false> : tensor<2x3xi1>
// CHECK-NOT: vx_field.eq
// CHECK: return %[[T]], %[[F]] : tensor<2x3xi1>, tensor<2x3xi1>
func.func @eq_tensors(%t: tensor<2x3x!fr>) -> (tensor<2x3xi1>, tensor<2x3xi1>) {
  %a = vx_field.constant 1 : tensor<2x3x!fr>
  %b = vx_field.constant 2 : tensor<2x3x!fr>
  %0 = vx_field.eq %t, %t : tensor<2x3x!fr>
  %1 = vx_field.eq %a, %b : tensor<2x3x!fr>
  return %0, %1 : tensor<2x3xi1>, tensor<2x3xi1>
}

// No constant has a dynamic shape.
// CHECK-LABEL: func.func @eq_dynamic_kept(
// CHECK-SAME: %[[T:[^:]+]]: tensor<?x!bn254_fr>
// CHECK-NEXT: %[[E:.+]] = vx_field.eq %[[T]], %[[T]] : tensor<?x!bn254_fr>
// CHECK-NEXT: return %[[E]] : tensor<?xi1>
func.func @eq_dynamic_kept(%t: tensor<?x!fr>) -> (tensor<?xi1>) {
  %0 = vx_field.eq %t, %t : tensor<?x!fr>
  return %0 : tensor<?xi1>
}

// CHECK-LABEL: func.func @eq_unknown_kept(
// CHECK-SAME: %[[X:[^:]+]]: !bn254_fr, %[[Y:[^:]+]]: !bn254_fr
// CHECK-NEXT: %[[E:.+]] = vx_field.eq %[[X]], %[[Y]] : !bn254_fr
// CHECK-NEXT: return %[[E]] : i1
func.func @eq_unknown_kept(%x: !fr, %y: !fr) -> (i1) {
  %0 = vx_field.eq %x, %y : !fr
  return %0 : i1
}

//===----------------------------------------------------------------------===//
// Division, doubling, zero tests, selects, representations and integers
//===----------------------------------------------------------------------===//

// 5 / 3 = 5 * 3^(p-2)
// CHECK-LABEL: func.func @div_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 7296080957279758407415468581752425029516121466805344781232734728858602831874 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]]
func.func @div_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %a = vx_field.constant 5 : !vx_field.pf<bn254_fr>
  %b = vx_field.constant 3 : !vx_field.pf<bn254_fr>
  %r = vx_field.div %a, %b : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @div_by_one
// CHECK-SAME: (%[[A:.+]]: !babybear)
// CHECK-NEXT: return %[[A]]
func.func @div_by_one(%a: !vx_field.pf<babybear>) -> !vx_field.pf<babybear> {
  %one = vx_field.constant 1 : !vx_field.pf<babybear>
  %r = vx_field.div %a, %one : !vx_field.pf<babybear>
  return %r : !vx_field.pf<babybear>
}

// 2 (p - 1) = p - 2
// CHECK-LABEL: func.func @double_bn254_fr()
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495615 : !bn254_fr{{$}}
// CHECK-NEXT: return %[[C]]
func.func @double_bn254_fr() -> !vx_field.pf<bn254_fr> {
  %a = vx_field.constant 21888242871839275222246405745257275088548364400416034343698204186575808495616 : !vx_field.pf<bn254_fr>
  %r = vx_field.double %a : !vx_field.pf<bn254_fr>
  return %r : !vx_field.pf<bn254_fr>
}

// CHECK-LABEL: func.func @is_zero_constants()
// CHECK-DAG: %[[T:.+]] = arith.constant true
// CHECK-DAG: %[[F:.+]] = arith.constant dense<false> : tensor<2xi1>
// CHECK-NEXT: return %[[T]], %[[F]]
func.func @is_zero_constants() -> (i1, tensor<2xi1>) {
  %z = vx_field.constant 0 : !vx_field.pf<goldilocks>
  %o = vx_field.constant 1 : tensor<2x!vx_field.pf<goldilocks>>
  %a = vx_field.is_zero %z : !vx_field.pf<goldilocks>
  %b = vx_field.is_zero %o : tensor<2x!vx_field.pf<goldilocks>>
  return %a, %b : i1, tensor<2xi1>
}

// CHECK-LABEL: func.func @select_folds
// CHECK-SAME: (%[[C:[^:]+]]: i1, %[[A:[^:]+]]: !mersenne31, %[[B:[^:]+]]: !mersenne31)
// CHECK-NEXT: return %[[A]], %[[B]], %[[A]]
func.func @select_folds(%c: i1, %a: !vx_field.pf<mersenne31>, %b: !vx_field.pf<mersenne31>)
    -> (!vx_field.pf<mersenne31>, !vx_field.pf<mersenne31>, !vx_field.pf<mersenne31>) {
  %t = arith.constant true
  %f = arith.constant false
  %0 = vx_field.select %t, %a, %b : i1, !vx_field.pf<mersenne31>
  %1 = vx_field.select %f, %a, %b : i1, !vx_field.pf<mersenne31>
  %2 = vx_field.select %c, %a, %a : i1, !vx_field.pf<mersenne31>
  return %0, %1, %2 : !vx_field.pf<mersenne31>, !vx_field.pf<mersenne31>, !vx_field.pf<mersenne31>
}

// A change of representation undone right away disappears; constants keep
// their value.
// CHECK-LABEL: func.func @representation_round_trip
// CHECK-SAME: (%[[A:.+]]: !bn254_fq)
// CHECK-NEXT: %[[C:.+]] = vx_field.constant 7 : !bn254_fq_mont{{$}}
// CHECK-NEXT: return %[[A]], %[[C]]
func.func @representation_round_trip(%a: !vx_field.pf<bn254_fq>)
    -> (!vx_field.pf<bn254_fq>, !vx_field.pf<bn254_fq, montgomery>) {
  %m = vx_field.to_mont %a : !vx_field.pf<bn254_fq> to !vx_field.pf<bn254_fq, montgomery>
  %r = vx_field.from_mont %m : !vx_field.pf<bn254_fq, montgomery> to !vx_field.pf<bn254_fq>
  %c = vx_field.constant 7 : !vx_field.pf<bn254_fq>
  %cm = vx_field.to_mont %c : !vx_field.pf<bn254_fq> to !vx_field.pf<bn254_fq, montgomery>
  return %r, %cm : !vx_field.pf<bn254_fq>, !vx_field.pf<bn254_fq, montgomery>
}

// from_int reduces modulo p: 2^256 - 1 mod p.
// CHECK-LABEL: func.func @int_constants()
// CHECK-DAG: %[[F:.+]] = vx_field.constant 6350874878119819312338956282401532410528162663560392320966563075034087161850 : !bn254_fr{{$}}
// CHECK-DAG: %[[I:.+]] = arith.constant dense<5> : tensor<3xi32>
// CHECK-NEXT: return %[[F]], %[[I]]
func.func @int_constants() -> (!vx_field.pf<bn254_fr>, tensor<3xi32>) {
  %max = arith.constant -1 : i256
  %f = vx_field.from_int %max : i256 to !vx_field.pf<bn254_fr>
  %c = vx_field.constant 5 : tensor<3x!vx_field.pf<babybear>>
  %i = vx_field.to_int %c : tensor<3x!vx_field.pf<babybear>> to tensor<3xi32>
  return %f, %i : !vx_field.pf<bn254_fr>, tensor<3xi32>
}

// frobenius to the power of the degree is the identity.
// CHECK-LABEL: func.func @frobenius_degree
// CHECK-SAME: (%[[A:.+]]: !babybear_ext4)
// CHECK-NEXT: %[[F:.+]] = vx_field.frobenius %[[A]], 3 : !babybear_ext4
// CHECK-NEXT: return %[[A]], %[[F]]
func.func @frobenius_degree(%a: !vx_field.ext<babybear_ext4>)
    -> (!vx_field.ext<babybear_ext4>, !vx_field.ext<babybear_ext4>) {
  %0 = vx_field.frobenius %a, 8 : !vx_field.ext<babybear_ext4>
  %1 = vx_field.frobenius %a, 3 : !vx_field.ext<babybear_ext4>
  return %0, %1 : !vx_field.ext<babybear_ext4>, !vx_field.ext<babybear_ext4>
}
