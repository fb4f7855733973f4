//===- VxFieldToArith.cpp - lower vx.field to limb arithmetic -------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Conversion/VxFieldToArith/VxFieldToArith.h"
#include "Vortex/Dialect/Field/IR/FieldOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Func/Transforms/FuncConversions.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Patterns.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/TypeUtilities.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::vortex {
#define GEN_PASS_DEF_CONVERTVXFIELDTOARITHPASS
#include "Vortex/Conversion/Passes.h.inc"
} // namespace mlir::vortex

using namespace mlir;
using namespace mlir::vortex;
using namespace mlir::vortex::vx_field;


//===----------------------------------------------------------------------===//
// Exponentiation over any multiplication
//===----------------------------------------------------------------------===//

namespace {
using MulFn = std::function<Value(OpBuilder &, Location, Value, Value)>;
} // namespace

/// Bit `n - 1 - index` of `e` (most significant first) as an i1.
static Value bitAt(OpBuilder &b, Location loc, Value e, Type eType,
                   unsigned n, Value index) {
  Value i = arith::IndexCastUIOp::create(b, loc, eType, index);
  Value last = arith::ConstantOp::create(b, loc,
                                         b.getIntegerAttr(eType, n - 1));
  Value shift = arith::SubIOp::create(b, loc, last, i);
  Value shifted = arith::ShRUIOp::create(b, loc, e, shift);
  if (n == 1)
    return shifted;
  return arith::TruncIOp::create(b, loc, b.getI1Type(), shifted);
}

/// A loop over `n` bit positions carrying two stored elements.
template <typename Fn>
static std::pair<Value, Value> bitLoop(OpBuilder &b, Location loc,
                                       unsigned n, Value init0, Value init1,
                                       Fn body) {
  Value lb = arith::ConstantIndexOp::create(b, loc, 0);
  Value ub = arith::ConstantIndexOp::create(b, loc, n);
  Value step = arith::ConstantIndexOp::create(b, loc, 1);
  auto loop = scf::ForOp::create(
      b, loc, lb, ub, step, ValueRange{init0, init1},
      [&](OpBuilder &nb, Location nl, Value index, ValueRange iter) {
        auto [next0, next1] = body(nb, nl, index, iter[0], iter[1]);
        scf::YieldOp::create(nb, nl, ValueRange{next0, next1});
      });
  return {loop.getResult(0), loop.getResult(1)};
}


/// x^e for a public exponent: square-and-multiply, unrolled for short
/// exponents and otherwise a loop over the bits of `e` that multiplies every
/// time and selects, so its timing depends on the bit length of `e` alone.
static Value powPublic(OpBuilder &b, Location loc, Value one, Value x,
                       const APInt &e, const MulFn &mul) {
  unsigned n = e.getActiveBits();
  if (n == 0)
    return one;
  if (n <= 16) {
    Value r = x;
    for (int i = n - 2; i >= 0; --i) {
      r = mul(b, loc, r, r);
      if (e[i])
        r = mul(b, loc, r, x);
    }
    return r;
  }
  // A width the NVPTX back end accepts in kernel parameters (it rejects
  // .u31).
  unsigned width = (n + 63) / 64 * 64;
  Type eType = b.getIntegerType(width);
  Value eValue = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(eType, e.zextOrTrunc(width)));
  return bitLoop(b, loc, n, one, x,
                 [&](OpBuilder &nb, Location nl, Value index, Value acc,
                     Value unused) -> std::pair<Value, Value> {
                   Value bit = bitAt(nb, nl, eValue, eType, n, index);
                   Value sq = mul(nb, nl, acc, acc);
                   Value prod = mul(nb, nl, sq, x);
                   return {arith::SelectOp::create(nb, nl, bit, prod, sq),
                           unused};
                 })
      .first;
}

/// x^e for a secret exponent `e` (an integer of any width): a Montgomery
/// ladder over every bit of its type, two multiplications and selects per
/// bit whatever the bit.
static Value powLadder(OpBuilder &b, Location loc, Value one, Value x, Value e,
                       const MulFn &mul) {
  auto eType = cast<IntegerType>(e.getType());
  unsigned n = eType.getWidth();
  return bitLoop(b, loc, n, one, x,
                 [&](OpBuilder &nb, Location nl, Value index, Value r0,
                     Value r1) -> std::pair<Value, Value> {
                   Value bit = bitAt(nb, nl, e, eType, n, index);
                   // bit ? (r0 r1, r1^2) : (r0^2, r0 r1)
                   Value u = arith::SelectOp::create(nb, nl, bit, r1, r0);
                   Value prod = mul(nb, nl, r0, r1);
                   Value sq = mul(nb, nl, u, u);
                   return {arith::SelectOp::create(nb, nl, bit, prod, sq),
                           arith::SelectOp::create(nb, nl, bit, sq, prod)};
                 })
      .first;
}

//===----------------------------------------------------------------------===//
// Scalar lowering of one field
//===----------------------------------------------------------------------===//

namespace {
/// How a multiplication is reduced.
enum class Reduction { Montgomery, Goldilocks, Mersenne31, Barrett };

/// Emits the arithmetic of one prime field on its storage integers (`iS`,
/// `S` the storage width), in the storage representation of the type:
/// canonical `a`, or Montgomery `a * R mod p` with `R = 2^S`, so that the
/// stored bits do not depend on the limb width.
class FieldLowering {
public:
  FieldLowering(PrimeFieldType field, unsigned limbWidth)
      : p(field.getModulusValue()), bits(field.getModulusBitWidth()),
        storage(field.getStorageBitWidth()),
        montgomeryForm(field.getRepresentation() ==
                       Representation::montgomery) {
    // Limbs must tile the storage exactly (so R = 2^S for every limb width):
    // a 32-bit storage uses 32-bit limbs whatever the option says.
    limb = storage % limbWidth == 0 ? limbWidth : 32;
    limbs = storage / limb;
    p = p.zextOrTrunc(storage);
    APInt wide = p.zext(2 * storage + 2);
    APInt r = APInt::getOneBitSet(2 * storage + 2, storage).urem(wide);
    rModP = r.trunc(storage);
    r2ModP = (r * r).urem(wide).trunc(storage);
    // -p^-1 mod 2^limb, the factor of the Montgomery reduction.
    pPrime = -p.trunc(limb).multiplicativeInverse();
    spareBit = !p.isNegative();
    APInt goldilocks(64, 0xFFFFFFFF00000001ULL);
    if (montgomeryForm)
      kind = Reduction::Montgomery;
    else if (storage == 64 && p == goldilocks)
      kind = Reduction::Goldilocks;
    else if (storage == 32 && p == APInt(32, 0x7FFFFFFF))
      kind = Reduction::Mersenne31;
    else if (bits <= 31)
      kind = Reduction::Barrett;
    else
      kind = Reduction::Montgomery;
  }

  Type storageType(OpBuilder &b) const { return b.getIntegerType(storage); }
  unsigned getStorage() const { return storage; }
  APInt modulus() const { return p; }

  /// The stored form of the canonical value `value`.
  APInt encode(const APInt &value) const {
    APInt v = value.zextOrTrunc(storage);
    if (!montgomeryForm)
      return v;
    unsigned w = 2 * storage + 2;
    return (v.zext(w) * rModP.zext(w)).urem(p.zext(w)).trunc(storage);
  }

  Value constant(OpBuilder &b, Location loc, const APInt &value) const {
    return intConst(b, loc, value.zextOrTrunc(storage));
  }
  Value one(OpBuilder &b, Location loc) const {
    return constant(b, loc, encode(APInt(storage, 1)));
  }

  //===--------------------------------------------------------------------===//
  // Addition and comparison on the whole storage integer
  //===--------------------------------------------------------------------===//

  Value add(OpBuilder &b, Location loc, Value x, Value y) const {
    // x + y < 2p; subtract p when the sum overflows the storage or is >= p.
    auto sum = arith::AddUIExtendedOp::create(b, loc, x, y);
    Value pc = constant(b, loc, p);
    Value ge = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge,
                                     sum.getSum(), pc);
    Value over = arith::OrIOp::create(b, loc, ge, sum.getOverflow());
    Value reduced = arith::SubIOp::create(b, loc, sum.getSum(), pc);
    return arith::SelectOp::create(b, loc, over, reduced, sum.getSum());
  }

  Value sub(OpBuilder &b, Location loc, Value x, Value y) const {
    Value diff = arith::SubIOp::create(b, loc, x, y);
    Value borrow =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, x, y);
    Value wrapped = arith::AddIOp::create(b, loc, diff, constant(b, loc, p));
    return arith::SelectOp::create(b, loc, borrow, wrapped, diff);
  }

  Value neg(OpBuilder &b, Location loc, Value x) const {
    return sub(b, loc, constant(b, loc, APInt(storage, 0)), x);
  }

  Value eq(OpBuilder &b, Location loc, Value x, Value y) const {
    // Both representations are canonical integers in [0, p).
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, y);
  }

  Value isZero(OpBuilder &b, Location loc, Value x) const {
    return eq(b, loc, x, constant(b, loc, APInt(storage, 0)));
  }

  //===--------------------------------------------------------------------===//
  // Multiplication
  //===--------------------------------------------------------------------===//

  Value mul(OpBuilder &b, Location loc, Value x, Value y) const {
    switch (kind) {
    case Reduction::Goldilocks:
      return goldilocksMul(b, loc, x, y);
    case Reduction::Mersenne31:
      return mersenneReduce(b, loc, wideProduct(b, loc, x, y));
    case Reduction::Barrett:
      return barrettMul(b, loc, x, y);
    case Reduction::Montgomery:
      break;
    }
    Value r = montMul(b, loc, x, y, /*reduced=*/true);
    if (montgomeryForm)
      return r;
    // x * y * R^-1 * R^2 * R^-1 = x * y.
    return montMul(b, loc, r, constant(b, loc, r2ModP), /*reduced=*/true);
  }

  /// The stored form of `x`, an arbitrary integer of the storage width,
  /// reduced modulo p.
  Value reduce(OpBuilder &b, Location loc, Value x) const {
    switch (kind) {
    case Reduction::Goldilocks:
    case Reduction::Mersenne31:
      // x < 2^64 < 2p, x < 2^32 < 2p + 2: one subtraction (after the fold).
      if (kind == Reduction::Mersenne31)
        return mersenneReduce(b, loc, arith::ExtUIOp::create(
                                          b, loc, b.getI64Type(), x));
      return conditionalSubtract(b, loc, x, Value());
    case Reduction::Barrett:
      return barrettReduce(b, loc, x);
    case Reduction::Montgomery:
      break;
    }
    // x * R^2 * R^-1 = x * R, valid for any x < R.
    Value r = montMul(b, loc, x, constant(b, loc, r2ModP), /*reduced=*/false);
    return montgomeryForm ? r : fromMont(b, loc, r);
  }

  /// a -> a * R mod p, from canonical storage to Montgomery storage.
  Value toMont(OpBuilder &b, Location loc, Value x) const {
    return montMul(b, loc, x, constant(b, loc, r2ModP), /*reduced=*/true);
  }

  /// a * R -> a, from Montgomery storage to canonical storage.
  Value fromMont(OpBuilder &b, Location loc, Value x) const {
    return montMul(b, loc, x, constant(b, loc, APInt(storage, 1)),
                   /*reduced=*/true);
  }

  /// The canonical value of a stored element.
  Value toCanonical(OpBuilder &b, Location loc, Value x) const {
    return montgomeryForm ? fromMont(b, loc, x) : x;
  }

  //===--------------------------------------------------------------------===//
  // Exponentiation
  //===--------------------------------------------------------------------===//

  /// x^e for a public exponent.
  Value pow(OpBuilder &b, Location loc, Value x, const APInt &e) const {
    return powPublic(b, loc, one(b, loc), x, e, mulFn());
  }

  Value inv(OpBuilder &b, Location loc, Value x) const {
    return pow(b, loc, x, p - 2);
  }

  /// x^e for a secret exponent `e`.
  Value powCt(OpBuilder &b, Location loc, Value x, Value e) const {
    return powLadder(b, loc, one(b, loc), x, e, mulFn());
  }

  /// The multiplication as a callable.
  std::function<Value(OpBuilder &, Location, Value, Value)> mulFn() const {
    return [this](OpBuilder &b, Location loc, Value x, Value y) {
      return mul(b, loc, x, y);
    };
  }

private:
  Value intConst(OpBuilder &b, Location loc, const APInt &value) const {
    Type type = b.getIntegerType(value.getBitWidth());
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
  }

  Value limbConst(OpBuilder &b, Location loc, const APInt &value) const {
    return intConst(b, loc, value.zextOrTrunc(limb));
  }

  /// Subtracts p from `x` (stored width) when `x >= p` or `carry` (an i1,
  /// optional) is set, with a select.
  Value conditionalSubtract(OpBuilder &b, Location loc, Value x,
                            Value carry) const {
    Value pc = intConst(b, loc, p.zextOrTrunc(
                                    cast<IntegerType>(x.getType()).getWidth()));
    Value ge =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge, x, pc);
    if (carry)
      ge = arith::OrIOp::create(b, loc, ge, carry);
    Value reduced = arith::SubIOp::create(b, loc, x, pc);
    return arith::SelectOp::create(b, loc, ge, reduced, x);
  }

  /// The limbs of `x` (storage width), least significant first.
  SmallVector<Value> split(OpBuilder &b, Location loc, Value x) const {
    SmallVector<Value> out;
    Type limbType = b.getIntegerType(limb);
    for (unsigned j = 0; j < limbs; ++j) {
      Value shifted = x;
      if (j)
        shifted = arith::ShRUIOp::create(
            b, loc, x, intConst(b, loc, APInt(storage, j * limb)));
      out.push_back(limb == storage
                        ? shifted
                        : arith::TruncIOp::create(b, loc, limbType, shifted)
                              .getResult());
    }
    return out;
  }

  /// The integer of `type` whose limb `offset + j` is `parts[j]`.
  Value joinAt(OpBuilder &b, Location loc, ArrayRef<Value> parts,
               unsigned offset, IntegerType type) const {
    Value acc;
    for (auto [j, part] : llvm::enumerate(parts)) {
      Value wide = arith::ExtUIOp::create(b, loc, type, part);
      if (j + offset)
        wide = arith::ShLIOp::create(
            b, loc, wide,
            intConst(b, loc, APInt(type.getWidth(), (j + offset) * limb)));
      acc = acc ? arith::OrIOp::create(b, loc, acc, wide).getResult() : wide;
    }
    return acc;
  }

  /// t + u * v for a limb vector `u` and one limb `v`: the low halves of the
  /// limb products at their limbs and the high halves one limb up, added as
  /// two integers of t's width (each one carry chain).
  Value addProduct(OpBuilder &b, Location loc, Value t, ArrayRef<Value> u,
                   Value v) const {
    auto type = cast<IntegerType>(t.getType());
    SmallVector<Value> lo, hi;
    for (Value x : u) {
      auto prod = arith::MulUIExtendedOp::create(b, loc, x, v);
      lo.push_back(prod.getLow());
      hi.push_back(prod.getHigh());
    }
    t = arith::AddIOp::create(b, loc, t, joinAt(b, loc, lo, 0, type));
    return arith::AddIOp::create(b, loc, t, joinAt(b, loc, hi, 1, type));
  }

  /// x * y * R^-1 mod p by operand scanning with word-by-word Montgomery
  /// reduction (CIOS): per limb of y, t += x y_i, t += m p with
  /// m = t_0 (-p^-1) mod 2^w, t >>= w. The accumulator t is one integer with
  /// limbs above those of p, so every addition is one carry chain over it.
  /// The result is reduced when x * y < p R. With `reduced` (both operands
  /// below p) and p < R / 2, one limb above p holds every intermediate sum
  /// (t + x y_i + m p < 2 p 2^w); otherwise two do.
  Value montMul(OpBuilder &b, Location loc, Value x, Value y,
                bool reduced) const {
    unsigned extra = reduced && spareBit ? 1 : 2;
    auto type = b.getIntegerType(storage + extra * limb);
    SmallVector<Value> a = split(b, loc, x), bv = split(b, loc, y);
    SmallVector<Value> q;
    for (unsigned j = 0; j < limbs; ++j)
      q.push_back(limbConst(b, loc, p.lshr(j * limb)));
    Value pp = limbConst(b, loc, pPrime);
    Value shift = intConst(b, loc, APInt(type.getWidth(), limb));
    Value t = intConst(b, loc, APInt(type.getWidth(), 0));
    for (unsigned i = 0; i < limbs; ++i) {
      t = addProduct(b, loc, t, a, bv[i]);
      Value t0 = arith::TruncIOp::create(b, loc, b.getIntegerType(limb), t);
      Value m = arith::MulIOp::create(b, loc, t0, pp);
      t = addProduct(b, loc, t, q, m);
      t = arith::ShRUIOp::create(b, loc, t, shift);
    }
    // t < 2p: one conditional subtraction, then the storage width.
    t = conditionalSubtract(b, loc, t, Value());
    return arith::TruncIOp::create(b, loc, storageType(b), t);
  }

  /// The 64-bit product of two 32-bit stored elements.
  Value wideProduct(OpBuilder &b, Location loc, Value x, Value y) const {
    Type i64 = b.getI64Type();
    Value xw = arith::ExtUIOp::create(b, loc, i64, x);
    Value yw = arith::ExtUIOp::create(b, loc, i64, y);
    return arith::MulIOp::create(b, loc, xw, yw);
  }

  /// x mod (2^31 - 1) for x < 2^62: x = hi 2^31 + lo = hi + lo.
  Value mersenneReduce(OpBuilder &b, Location loc, Value x) const {
    Type i64 = b.getI64Type();
    Value mask = intConst(b, loc, APInt(64, 0x7FFFFFFF));
    Value lo = arith::AndIOp::create(b, loc, x, mask);
    Value hi = arith::ShRUIOp::create(b, loc, x, intConst(b, loc, APInt(64, 31)));
    (void)i64;
    Value sum = arith::AddIOp::create(b, loc, lo, hi);
    Value narrow = arith::TruncIOp::create(b, loc, b.getI32Type(), sum);
    return conditionalSubtract(b, loc, narrow, Value());
  }

  /// Goldilocks: with x y = hi 2^64 + lo and hi = hh 2^32 + hl,
  /// 2^64 = 2^32 - 1 and 2^96 = -1 give lo - hh + hl (2^32 - 1).
  Value goldilocksMul(OpBuilder &b, Location loc, Value x, Value y) const {
    auto prod = arith::MulUIExtendedOp::create(b, loc, x, y);
    Value lo = prod.getLow(), hi = prod.getHigh();
    Value epsilon = intConst(b, loc, APInt(64, 0xFFFFFFFF));
    Value hh = arith::ShRUIOp::create(b, loc, hi, intConst(b, loc, APInt(64, 32)));
    Value hl = arith::AndIOp::create(b, loc, hi, epsilon);
    // t0 = lo - hh; a borrow added 2^64 = epsilon too many.
    Value t0 = arith::SubIOp::create(b, loc, lo, hh);
    Value borrow =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, lo, hh);
    t0 = arith::SelectOp::create(b, loc, borrow,
                                 arith::SubIOp::create(b, loc, t0, epsilon), t0);
    // t1 = hl * epsilon < 2^64; a carry of t0 + t1 lost 2^64 = epsilon.
    Value t1 = arith::MulIOp::create(b, loc, hl, epsilon);
    auto sum = arith::AddUIExtendedOp::create(b, loc, t0, t1);
    Value t2 = arith::SelectOp::create(
        b, loc, sum.getOverflow(),
        arith::AddIOp::create(b, loc, sum.getSum(), epsilon), sum.getSum());
    return conditionalSubtract(b, loc, t2, Value());
  }

  /// Barrett multiplication for p < 2^31 of k bits: x < 2^2k, m = 2^2k / p,
  /// q = ((x >> (k - 1)) m) >> (k + 1) is at most 2 below x / p, and every
  /// intermediate fits 64 bits.
  Value barrettMul(OpBuilder &b, Location loc, Value x, Value y) const {
    Value prod = wideProduct(b, loc, x, y);
    APInt m = APInt::getOneBitSet(64, 2 * bits).udiv(p.zext(64));
    Value q = arith::ShRUIOp::create(b, loc, prod,
                                     intConst(b, loc, APInt(64, bits - 1)));
    q = arith::MulIOp::create(b, loc, q, intConst(b, loc, m));
    q = arith::ShRUIOp::create(b, loc, q, intConst(b, loc, APInt(64, bits + 1)));
    return barrettFinish(b, loc, prod, q, 2);
  }

  /// Barrett reduction of a 32-bit x: q = (x m) >> 32 with m = 2^32 / p is
  /// at most 1 below x / p.
  Value barrettReduce(OpBuilder &b, Location loc, Value x) const {
    Value xw = arith::ExtUIOp::create(b, loc, b.getI64Type(), x);
    APInt m = APInt::getOneBitSet(64, 32).udiv(p.zext(64));
    Value q = arith::MulIOp::create(b, loc, xw, intConst(b, loc, m));
    q = arith::ShRUIOp::create(b, loc, q, intConst(b, loc, APInt(64, 32)));
    return barrettFinish(b, loc, xw, q, 1);
  }

  /// x - q p, then `subtractions` conditional subtractions of p.
  Value barrettFinish(OpBuilder &b, Location loc, Value x, Value q,
                      unsigned subtractions) const {
    Value qp = arith::MulIOp::create(b, loc, q, intConst(b, loc, p.zext(64)));
    Value r = arith::SubIOp::create(b, loc, x, qp);
    for (unsigned i = 0; i < subtractions; ++i)
      r = conditionalSubtract(b, loc, r, Value());
    return arith::TruncIOp::create(b, loc, b.getI32Type(), r);
  }

  APInt p, rModP, r2ModP, pPrime;
  unsigned bits, storage, limb = 0, limbs = 0;
  bool montgomeryForm, spareBit = false;
  Reduction kind = Reduction::Montgomery;
};
} // namespace


//===----------------------------------------------------------------------===//
// Extension fields
//===----------------------------------------------------------------------===//

namespace {
/// One level of a tower of binomial extensions: `base[y] / (y^degree -
/// beta)`. Level 0 is the prime field.
struct Level {
  unsigned degree = 1, size = 1; // size: degree over the prime field
  SmallVector<APInt> beta;       // canonical coefficients over the prime
};

/// Compile-time arithmetic in a tower, on canonical coefficients over the
/// prime field, for the constants of Frobenius maps and inversion.
class TowerArithmetic {
public:
  TowerArithmetic(ArrayRef<Level> levels, PrimeFieldType prime)
      : levels(levels), m(prime), width(m.getWidth()) {}

  using Element = SmallVector<APInt>;

  Element one(unsigned level) const {
    Element e(levels[level].size, APInt(width, 0));
    e[0] = APInt(width, 1);
    return e;
  }

  Element mul(unsigned level, ArrayRef<APInt> a, ArrayRef<APInt> b) const {
    if (level == 0)
      return {m.mul(a[0], b[0])};
    const Level &l = levels[level];
    unsigned bs = levels[level - 1].size, d = l.degree;
    SmallVector<Element> t(2 * d - 1, Element(bs, APInt(width, 0)));
    for (unsigned i = 0; i < d; ++i)
      for (unsigned j = 0; j < d; ++j)
        t[i + j] = add(t[i + j], mul(level - 1, a.slice(i * bs, bs),
                                     b.slice(j * bs, bs)));
    Element out;
    for (unsigned k = 0; k < d; ++k) {
      Element c = t[k];
      if (k + d < 2 * d - 1)
        c = add(c, mul(level - 1, t[k + d], l.beta));
      out.append(c);
    }
    return out;
  }

  Element pow(unsigned level, ArrayRef<APInt> a, const APInt &e) const {
    Element result = one(level), base(a.begin(), a.end());
    for (unsigned i = 0, n = e.getActiveBits(); i < n; ++i) {
      if (e[i])
        result = mul(level, result, base);
      base = mul(level, base, base);
    }
    return result;
  }

private:
  Element add(ArrayRef<APInt> a, ArrayRef<APInt> b) const {
    Element out;
    for (auto [x, y] : llvm::zip(a, b))
      out.push_back(m.add(x, y));
    return out;
  }

  ArrayRef<Level> levels;
  ModularArithmetic m;
  unsigned width;
};

/// The constants of one tower: for each level L over base B of degree d,
/// gamma[L][k-1][i] = beta^(i (|B|^k - 1) / d) (the Frobenius of L over B,
/// applied k times, multiplies coefficient i by it) and delta[L][i] =
/// beta^(i (p - 1) / d) (the Frobenius over the prime field).
struct TowerConstants {
  SmallVector<Level> levels;
  SmallVector<SmallVector<SmallVector<SmallVector<APInt>>>> gamma;
  SmallVector<SmallVector<SmallVector<APInt>>> delta;
  std::string error;
};

/// Builds (once per extension type) the levels and constants of `ext`.
static std::shared_ptr<const TowerConstants>
getTowerConstants(ExtensionFieldType ext) {
  static std::mutex mutex;
  static std::map<const void *, std::shared_ptr<const TowerConstants>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto &entry = cache[ext.getAsOpaquePointer()];
  if (entry)
    return entry;
  auto constants = std::make_shared<TowerConstants>();
  PrimeFieldType prime = ext.getPrimeField();
  unsigned width = prime.getModulus().getType().getIntOrFloatBitWidth();
  SmallVector<ExtensionFieldType> chain;
  for (auto e = ext; e; e = dyn_cast<ExtensionFieldType>(e.getBase()))
    chain.insert(chain.begin(), e);
  SmallVector<Level> &levels = constants->levels;
  levels.push_back(Level());
  for (ExtensionFieldType e : chain) {
    Level l;
    l.degree = e.getDegree();
    l.size = levels.back().size * l.degree;
    for (const APInt &v : e.getNonResidueValues())
      l.beta.push_back(v.zextOrTrunc(width));
    levels.push_back(l);
  }
  TowerArithmetic arith(levels, prime);
  APInt p = prime.getModulusValue();
  unsigned big = p.getBitWidth() * (levels.back().size + 1) + 8;
  APInt pBig = p.zext(big);
  constants->gamma.resize(levels.size());
  constants->delta.resize(levels.size());
  for (unsigned level = 1; level < levels.size(); ++level) {
    const Level &l = levels[level];
    unsigned d = l.degree;
    APInt dBig(big, d);
    // |B| = p^size(B).
    APInt order(big, 1);
    for (unsigned i = 0; i < levels[level - 1].size; ++i)
      order = order * pBig;
    APInt power = order;
    for (unsigned k = 1; k < d; ++k, power = power * order) {
      APInt numerator = power - 1;
      if (!numerator.urem(dBig).isZero()) {
        constants->error = "the degree does not divide |base|^k - 1";
        return entry = constants;
      }
      APInt e = numerator.udiv(dBig);
      SmallVector<SmallVector<APInt>> row;
      auto g = arith.pow(level - 1, l.beta, e);
      auto acc = arith.one(level - 1);
      for (unsigned i = 0; i < d; ++i) {
        row.push_back(acc);
        acc = arith.mul(level - 1, acc, g);
      }
      constants->gamma[level].push_back(row);
    }
    APInt numerator = pBig - 1;
    if (!numerator.urem(dBig).isZero()) {
      constants->error = "the degree does not divide p - 1";
      return entry = constants;
    }
    auto g = arith.pow(level - 1, l.beta, numerator.udiv(dBig));
    auto acc = arith.one(level - 1);
    for (unsigned i = 0; i < d; ++i) {
      constants->delta[level].push_back(acc);
      acc = arith.mul(level - 1, acc, g);
    }
  }
  return entry = constants;
}

/// Emits the arithmetic of an extension field on vectors of the prime
/// field's stored elements (coefficients, constant term first, the tower
/// flattened), packed into one integer at the op boundaries.
class ExtLowering {
public:
  using Vec = SmallVector<Value>;

  ExtLowering(ExtensionFieldType ext, unsigned limbWidth)
      : prime(ext.getPrimeField(), limbWidth),
        constants(getTowerConstants(ext)), top(constants->levels.size() - 1) {}

  StringRef getError() const { return constants->error; }

  Vec unpack(OpBuilder &b, Location loc, Value x) const {
    unsigned s = prime.getStorage(), n = constants->levels[top].size;
    auto type = cast<IntegerType>(x.getType());
    Vec out;
    for (unsigned i = 0; i < n; ++i) {
      Value shifted = x;
      if (i)
        shifted = arith::ShRUIOp::create(
            b, loc, x,
            arith::ConstantOp::create(
                b, loc, b.getIntegerAttr(type, APInt(type.getWidth(), i * s))));
      out.push_back(arith::TruncIOp::create(b, loc, prime.storageType(b), shifted));
    }
    return out;
  }

  Value pack(OpBuilder &b, Location loc, ArrayRef<Value> parts) const {
    unsigned s = prime.getStorage();
    unsigned width = s * parts.size();
    Type type = b.getIntegerType(width);
    Value acc;
    for (auto [i, part] : llvm::enumerate(parts)) {
      Value wide = arith::ExtUIOp::create(b, loc, type, part);
      if (i)
        wide = arith::ShLIOp::create(
            b, loc, wide,
            arith::ConstantOp::create(
                b, loc, b.getIntegerAttr(type, APInt(width, i * s))));
      acc = acc ? arith::OrIOp::create(b, loc, acc, wide).getResult() : wide;
    }
    return acc;
  }

  template <typename Fn>
  Value map(OpBuilder &b, Location loc, ValueRange xs, Fn fn) const {
    SmallVector<Vec> parts;
    for (Value x : xs)
      parts.push_back(unpack(b, loc, x));
    Vec out;
    for (unsigned i = 0; i < parts[0].size(); ++i) {
      SmallVector<Value> args;
      for (Vec &v : parts)
        args.push_back(v[i]);
      out.push_back(fn(args));
    }
    return pack(b, loc, out);
  }

  Value add(OpBuilder &b, Location loc, Value x, Value y) const {
    return map(b, loc, {x, y}, [&](ArrayRef<Value> v) {
      return prime.add(b, loc, v[0], v[1]);
    });
  }
  Value sub(OpBuilder &b, Location loc, Value x, Value y) const {
    return map(b, loc, {x, y}, [&](ArrayRef<Value> v) {
      return prime.sub(b, loc, v[0], v[1]);
    });
  }
  Value neg(OpBuilder &b, Location loc, Value x) const {
    return map(b, loc, {x}, [&](ArrayRef<Value> v) {
      return prime.neg(b, loc, v[0]);
    });
  }
  Value mul(OpBuilder &b, Location loc, Value x, Value y) const {
    return pack(b, loc, mulAt(b, loc, top, unpack(b, loc, x), unpack(b, loc, y)));
  }
  Value inv(OpBuilder &b, Location loc, Value x) const {
    return pack(b, loc, invAt(b, loc, top, unpack(b, loc, x)));
  }
  Value frobenius(OpBuilder &b, Location loc, Value x, int64_t k) const {
    Vec v = unpack(b, loc, x);
    for (int64_t i = 0; i < k % constants->levels[top].size; ++i)
      v = frobAt(b, loc, top, v);
    return pack(b, loc, v);
  }
  Value one(OpBuilder &b, Location loc) const {
    return pack(b, loc, constantAt(b, loc, oneAt(top)));
  }
  Value pow(OpBuilder &b, Location loc, Value x, const APInt &e) const {
    return powPublic(b, loc, one(b, loc), x, e, mulFn());
  }
  Value powCt(OpBuilder &b, Location loc, Value x, Value e) const {
    return powLadder(b, loc, one(b, loc), x, e, mulFn());
  }
  MulFn mulFn() const {
    return [this](OpBuilder &b, Location loc, Value x, Value y) {
      return mul(b, loc, x, y);
    };
  }

private:
  SmallVector<APInt> oneAt(unsigned level) const {
    unsigned width = prime.getStorage() + 64;
    SmallVector<APInt> e(constants->levels[level].size, APInt(width, 0));
    e[0] = APInt(width, 1);
    return e;
  }

  Vec constantAt(OpBuilder &b, Location loc, ArrayRef<APInt> canonical) const {
    Vec out;
    for (const APInt &c : canonical)
      out.push_back(prime.constant(b, loc, prime.encode(c)));
    return out;
  }

  Vec addAt(OpBuilder &b, Location loc, ArrayRef<Value> x,
            ArrayRef<Value> y) const {
    Vec out;
    for (auto [u, v] : llvm::zip(x, y))
      out.push_back(prime.add(b, loc, u, v));
    return out;
  }

  static bool isOneHot(ArrayRef<APInt> v, unsigned index) {
    for (auto [i, c] : llvm::enumerate(v))
      if (i == index ? !c.isOne() : !c.isZero())
        return false;
    return true;
  }

  /// x * beta of `level` (x in the level below).
  Vec mulByNonResidue(OpBuilder &b, Location loc, unsigned level,
                      ArrayRef<Value> x) const {
    const Level &l = constants->levels[level];
    unsigned baseLevel = level - 1;
    if (baseLevel == 0) {
      APInt beta = l.beta[0];
      // -1 (Fq2 over Fq): a negation.
      if (beta.zextOrTrunc(prime.getStorage()) == prime.modulus() - 1)
        return {prime.neg(b, loc, x[0])};
      return {prime.mul(b, loc, x[0], prime.constant(b, loc, prime.encode(beta)))};
    }
    // beta = the generator y of the level below (Fq12 = Fq6[w]/(w^2 - v)):
    // x y shifts the coefficients and reduces the top one by that level's
    // non-residue.
    const Level &below = constants->levels[baseLevel];
    unsigned bs = constants->levels[baseLevel - 1].size;
    if (isOneHot(l.beta, bs)) {
      Vec out = mulByNonResidue(b, loc, baseLevel,
                                x.slice((below.degree - 1) * bs, bs));
      out.append(x.begin(), x.begin() + (below.degree - 1) * bs);
      return out;
    }
    return mulAt(b, loc, baseLevel, x, constantAt(b, loc, l.beta));
  }

  /// Schoolbook multiplication with the reduction y^d = beta.
  Vec mulAt(OpBuilder &b, Location loc, unsigned level, ArrayRef<Value> x,
            ArrayRef<Value> y) const {
    if (level == 0)
      return {prime.mul(b, loc, x[0], y[0])};
    const Level &l = constants->levels[level];
    unsigned bs = constants->levels[level - 1].size, d = l.degree;
    SmallVector<Vec> t(2 * d - 1);
    for (unsigned i = 0; i < d; ++i)
      for (unsigned j = 0; j < d; ++j) {
        Vec p = mulAt(b, loc, level - 1, x.slice(i * bs, bs), y.slice(j * bs, bs));
        t[i + j] = t[i + j].empty() ? p : addAt(b, loc, t[i + j], p);
      }
    Vec out;
    for (unsigned k = 0; k < d; ++k) {
      Vec c = t[k];
      if (k + d < 2 * d - 1)
        c = addAt(b, loc, c, mulByNonResidue(b, loc, level, t[k + d]));
      out.append(c);
    }
    return out;
  }

  /// x times the constant `c` of the level below, coefficient by
  /// coefficient (c = 1 costs nothing).
  Vec scaleAt(OpBuilder &b, Location loc, unsigned level, ArrayRef<Value> x,
              ArrayRef<APInt> c) const {
    unsigned bs = constants->levels[level - 1].size;
    if (isOneHot(c, 0))
      return Vec(x.begin(), x.end());
    Vec cv = constantAt(b, loc, c);
    Vec out;
    for (unsigned i = 0; i < x.size() / bs; ++i)
      out.append(mulAt(b, loc, level - 1, x.slice(i * bs, bs), cv));
    return out;
  }

  /// a^-1 = conj(a) / N(a), conj(a) the product of the conjugates of a over
  /// the level below (coefficient i of the k-th conjugate is a_i times
  /// gamma[k][i]) and N(a) = a conj(a), an element of the level below.
  Vec invAt(OpBuilder &b, Location loc, unsigned level, ArrayRef<Value> x) const {
    if (level == 0)
      return {prime.inv(b, loc, x[0])};
    unsigned bs = constants->levels[level - 1].size;
    unsigned d = constants->levels[level].degree;
    Vec conj;
    for (unsigned k = 1; k < d; ++k) {
      Vec c;
      for (unsigned i = 0; i < d; ++i) {
        Vec coefficient(x.begin() + i * bs, x.begin() + (i + 1) * bs);
        if (i)
          coefficient = mulAt(b, loc, level - 1, coefficient,
                              constantAt(b, loc, constants->gamma[level][k - 1][i]));
        c.append(coefficient);
      }
      conj = conj.empty() ? c : mulAt(b, loc, level, conj, c);
    }
    Vec norm = mulAt(b, loc, level, x, conj);
    Vec normInv = invAt(b, loc, level - 1, ArrayRef<Value>(norm).take_front(bs));
    Vec out;
    for (unsigned i = 0; i < d; ++i)
      out.append(mulAt(b, loc, level - 1, ArrayRef<Value>(conj).slice(i * bs, bs),
                       normInv));
    return out;
  }

  /// a^p: the Frobenius of each coefficient times delta[i].
  Vec frobAt(OpBuilder &b, Location loc, unsigned level, ArrayRef<Value> x) const {
    if (level == 0)
      return {x[0]};
    unsigned bs = constants->levels[level - 1].size;
    unsigned d = constants->levels[level].degree;
    Vec out;
    for (unsigned i = 0; i < d; ++i) {
      Vec c = frobAt(b, loc, level - 1, x.slice(i * bs, bs));
      if (i)
        c = mulAt(b, loc, level - 1, c, constantAt(b, loc, constants->delta[level][i]));
      out.append(c);
    }
    return out;
  }

  FieldLowering prime;
  std::shared_ptr<const TowerConstants> constants;
  unsigned top;
};
} // namespace

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// The field an op computes in: that of its first field-typed operand or
/// result (a prime or an extension field).
static Type fieldOf(Operation *op) {
  for (Type type : op->getOperandTypes())
    if (Type field = getAnyFieldType(type))
      return field;
  for (Type type : op->getResultTypes())
    if (Type field = getAnyFieldType(type))
      return field;
  return {};
}

namespace {
/// The scalar lowering of an op from its converted scalar operands, in a
/// prime field and in an extension field.
template <typename OpTy>
using ScalarFn = Value (*)(const FieldLowering &, OpBuilder &, Location, OpTy,
                           ValueRange);
template <typename OpTy>
using ExtFn = Value (*)(const ExtLowering &, OpBuilder &, Location, OpTy,
                        ValueRange);

/// Lowers an elementwise field op: scalars directly, tensors through a
/// `linalg.generic` whose body is the scalar lowering (scalar operands of a
/// tensor op, like the condition of a select on whole tensors, are used from
/// above).
template <typename OpTy>
struct ElementwiseLowering : OpConversionPattern<OpTy> {
  ElementwiseLowering(const TypeConverter &converter, MLIRContext *context,
                      unsigned limbWidth, ScalarFn<OpTy> fn, ExtFn<OpTy> extFn)
      : OpConversionPattern<OpTy>(converter, context), limbWidth(limbWidth),
        fn(fn), extFn(extFn) {}

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type fieldType = fieldOf(op);
    std::function<Value(OpBuilder &, Location, ValueRange)> scalar;
    std::optional<FieldLowering> prime;
    std::optional<ExtLowering> ext;
    if (auto extType = dyn_cast<ExtensionFieldType>(fieldType)) {
      if (!extFn)
        return rewriter.notifyMatchFailure(op, "no extension-field lowering");
      ext.emplace(extType, limbWidth);
      if (!ext->getError().empty())
        return op->emitOpError("cannot lower ")
               << extType << ": " << ext->getError();
      scalar = [&](OpBuilder &b, Location l, ValueRange v) {
        return extFn(*ext, b, l, op, v);
      };
    } else {
      if (!fn)
        return rewriter.notifyMatchFailure(op, "no prime-field lowering");
      prime.emplace(cast<PrimeFieldType>(fieldType), limbWidth);
      scalar = [&](OpBuilder &b, Location l, ValueRange v) {
        return fn(*prime, b, l, op, v);
      };
    }
    Type resultType = this->getTypeConverter()->convertType(op.getType());
    if (!resultType)
      return rewriter.notifyMatchFailure(op, "result type not convertible");
    ValueRange operands = adaptor.getOperands();
    auto tensor = dyn_cast<RankedTensorType>(resultType);
    if (!tensor) {
      rewriter.replaceOp(op, scalar(rewriter, loc, operands));
      return success();
    }
    SmallVector<Value> inputs;
    SmallVector<int> position;
    for (Value operand : operands) {
      if (isa<RankedTensorType>(operand.getType())) {
        position.push_back(inputs.size());
        inputs.push_back(operand);
      } else {
        position.push_back(-1);
      }
    }
    SmallVector<Value> dynamicSizes;
    for (auto [i, size] : llvm::enumerate(tensor.getShape()))
      if (ShapedType::isDynamic(size))
        dynamicSizes.push_back(tensor::DimOp::create(rewriter, loc, inputs[0], i));
    Value init = tensor::EmptyOp::create(rewriter, loc, tensor.getShape(),
                                         tensor.getElementType(), dynamicSizes);
    SmallVector<AffineMap> maps(inputs.size() + 1,
                                rewriter.getMultiDimIdentityMap(tensor.getRank()));
    SmallVector<utils::IteratorType> iterators(tensor.getRank(),
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{tensor}, inputs, ValueRange{init}, maps,
        iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> scalars;
          for (auto [operand, pos] : llvm::zip(operands, position))
            scalars.push_back(pos >= 0 ? args[pos] : operand);
          linalg::YieldOp::create(b, l, scalar(b, l, scalars));
        });
    rewriter.replaceOp(op, generic.getResults());
    return success();
  }

  unsigned limbWidth;
  ScalarFn<OpTy> fn;
  ExtFn<OpTy> extFn;
};

/// Constants become arith constants of their stored form.
struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // The stored form does not depend on the limb width.
    FieldLowering field(op.getValue().getFieldType(), 32);
    Type type = getTypeConverter()->convertType(op.getType());
    APInt value = field.encode(op.getValue().getInt());
    TypedAttr attr;
    if (auto tensor = dyn_cast<RankedTensorType>(type))
      attr = DenseElementsAttr::get(tensor, value);
    else
      attr = rewriter.getIntegerAttr(type, value);
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type, attr);
    return success();
  }
};

/// Montgomery's trick over a 1-D tensor, in independent chunks: chunk `t` of
/// `T` holds the elements t, t + T, t + 2T, ... (neighbouring chunks read
/// neighbouring elements, so the reads of parallel chunks coalesce). Each
/// chunk takes the running products of its elements (zeros count as one),
/// one inversion, and a backward pass, in place in its slice of the result.
/// `T` is ceil(n / chunk), or 1 when `chunk` is 0; the loops run over the
/// length only, never over the values.
struct BatchInvLowering : OpConversionPattern<BatchInvOp> {
  BatchInvLowering(const TypeConverter &converter, MLIRContext *context,
                   unsigned limbWidth, unsigned chunk)
      : OpConversionPattern(converter, context), limbWidth(limbWidth),
        chunk(chunk) {}

  LogicalResult
  matchAndRewrite(BatchInvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    FieldLowering field(getFieldType(op.getType()), limbWidth);
    Value input = adaptor.getInput();
    auto type = cast<RankedTensorType>(input.getType());
    Value zeroIndex = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value oneIndex = arith::ConstantIndexOp::create(rewriter, loc, 1);
    Value n = tensor::DimOp::create(rewriter, loc, input, 0);
    Value chunks = oneIndex;
    if (chunk)
      chunks = arith::CeilDivUIOp::create(
          rewriter, loc, n, arith::ConstantIndexOp::create(rewriter, loc, chunk));
    SmallVector<Value> dynamic;
    if (type.isDynamicDim(0))
      dynamic.push_back(n);
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          type.getElementType(), dynamic);
    // x, or one for zero.
    auto nonZero = [&](OpBuilder &b, Location l, Value x) -> Value {
      return arith::SelectOp::create(b, l, field.isZero(b, l, x),
                                     field.one(b, l), x);
    };
    auto forall = scf::ForallOp::create(
        rewriter, loc, ArrayRef<OpFoldResult>{chunks}, ValueRange{empty},
        std::nullopt, [&](OpBuilder &b, Location l, ValueRange args) {
          Value t = args[0], out = args[1];
          // Chunk t holds ceil((n - t) / T) elements.
          Value length = arith::CeilDivUIOp::create(
              b, l, arith::SubIOp::create(b, l, n, t), chunks);
          auto slice = tensor::ExtractSliceOp::create(
              b, l, out, ArrayRef<OpFoldResult>{t},
              ArrayRef<OpFoldResult>{length}, ArrayRef<OpFoldResult>{chunks});
          auto element = [&](OpBuilder &b, Location l, Value j) -> Value {
            Value index = arith::AddIOp::create(
                b, l, t, arith::MulIOp::create(b, l, j, chunks));
            return tensor::ExtractOp::create(b, l, input, index);
          };
          // prefix[j] = x_0 ... x_j of the chunk, in its slice.
          auto forward = scf::ForOp::create(
              b, l, zeroIndex, length, oneIndex,
              ValueRange{field.one(b, l), slice.getResult()},
              [&](OpBuilder &b, Location l, Value j, ValueRange iter) {
                Value acc =
                    field.mul(b, l, iter[0], nonZero(b, l, element(b, l, j)));
                Value prefix = tensor::InsertOp::create(b, l, acc, iter[1], j);
                scf::YieldOp::create(b, l, ValueRange{acc, prefix});
              });
          Value inverse = field.inv(b, l, forward.getResult(0));
          // From the last element down: out[j] = inv * prefix[j - 1], which
          // overwrites prefix[j], no longer needed; then inv *= x_j.
          auto backward = scf::ForOp::create(
              b, l, zeroIndex, length, oneIndex,
              ValueRange{inverse, forward.getResult(1)},
              [&](OpBuilder &b, Location l, Value k, ValueRange iter) {
                Value last = arith::SubIOp::create(b, l, length, oneIndex);
                Value j = arith::SubIOp::create(b, l, last, k);
                Value first = arith::CmpIOp::create(
                    b, l, arith::CmpIPredicate::eq, j, zeroIndex);
                Value before = arith::SelectOp::create(
                    b, l, first, zeroIndex,
                    arith::SubIOp::create(b, l, j, oneIndex));
                Value previous = arith::SelectOp::create(
                    b, l, first, field.one(b, l),
                    tensor::ExtractOp::create(b, l, iter[1], before));
                Value x = element(b, l, j);
                Value result = arith::SelectOp::create(
                    b, l, field.isZero(b, l, x),
                    field.constant(b, l, APInt(1, 0)),
                    field.mul(b, l, iter[0], previous));
                Value next = field.mul(b, l, iter[0], nonZero(b, l, x));
                Value written =
                    tensor::InsertOp::create(b, l, result, iter[1], j);
                scf::YieldOp::create(b, l, ValueRange{next, written});
              });
          auto parallel = scf::InParallelOp::create(b, l);
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(parallel.getBody());
          tensor::ParallelInsertSliceOp::create(
              b, l, backward.getResult(1), out, ArrayRef<OpFoldResult>{t},
              ArrayRef<OpFoldResult>{length}, ArrayRef<OpFoldResult>{chunks});
        });
    rewriter.replaceOp(op, forall.getResult(0));
    return success();
  }

  unsigned limbWidth;
  unsigned chunk;
};

/// A bitcast is the stored integer itself.
struct BitcastLowering : OpConversionPattern<BitcastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BitcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// Rebuilds an op of another dialect (tensor.extract, tensor.empty, ...)
/// with its field types converted.
struct ConvertOpTypes : ConversionPattern {
  ConvertOpTypes(const TypeConverter &converter, MLIRContext *context)
      : ConversionPattern(converter, MatchAnyOpTypeTag(), 1, context) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    if (op->getNumRegions() || !isa<tensor::TensorDialect>(op->getDialect()))
      return failure();
    SmallVector<Type> types;
    if (failed(getTypeConverter()->convertTypes(op->getResultTypes(), types)))
      return failure();
    OperationState state(op->getLoc(), op->getName(), operands, types,
                         op->getAttrs(), op->getSuccessors());
    state.propertiesAttr = op->getPropertiesAsAttribute();
    Operation *converted = rewriter.create(state);
    rewriter.replaceOp(op, converted->getResults());
    return success();
  }
};
} // namespace

template <typename OpTy>
static void add(RewritePatternSet &patterns, const TypeConverter &converter,
                unsigned limbWidth, ScalarFn<OpTy> fn,
                ExtFn<OpTy> extFn = nullptr) {
  patterns.add<ElementwiseLowering<OpTy>>(converter, patterns.getContext(),
                                          limbWidth, fn, extFn);
}

/// An op lowered by the same expression over prime fields and extensions
/// (both lowerings offer add, sub, mul, neg and inv).
template <typename OpTy, typename Fn>
static void addForEveryField(RewritePatternSet &patterns,
                             const TypeConverter &converter,
                             unsigned limbWidth, Fn fn) {
  add<OpTy>(patterns, converter, limbWidth, ScalarFn<OpTy>(fn),
            ExtFn<OpTy>(fn));
}

/// The integer `x` of any width as one of `width` bits.
static Value resizeInt(OpBuilder &b, Location loc, Value x, unsigned width) {
  unsigned from = cast<IntegerType>(x.getType()).getWidth();
  Type type = b.getIntegerType(width);
  if (from < width)
    return arith::ExtUIOp::create(b, loc, type, x);
  if (from > width)
    return arith::TruncIOp::create(b, loc, type, x);
  return x;
}

void mlir::vortex::populateVxFieldToArithTypeConversion(
    TypeConverter &converter) {
  converter.addConversion([](Type type) { return type; });
  converter.addConversion([](PrimeFieldType field) -> Type {
    return IntegerType::get(field.getContext(), field.getStorageBitWidth());
  });
  converter.addConversion([](ExtensionFieldType field) -> Type {
    return IntegerType::get(field.getContext(), field.getStorageBitWidth());
  });
  converter.addConversion([](RankedTensorType tensor) -> Type {
    Type field = getAnyFieldType(tensor);
    if (!field)
      return tensor;
    unsigned width =
        isa<ExtensionFieldType>(field)
            ? cast<ExtensionFieldType>(field).getStorageBitWidth()
            : cast<PrimeFieldType>(field).getStorageBitWidth();
    return tensor.clone(IntegerType::get(field.getContext(), width));
  });
  auto cast = [](OpBuilder &b, Type type, ValueRange inputs,
                 Location loc) -> Value {
    return UnrealizedConversionCastOp::create(b, loc, type, inputs)
        .getResult(0);
  };
  converter.addSourceMaterialization(cast);
  converter.addTargetMaterialization(cast);
}

void mlir::vortex::populateVxFieldToArithConversionPatterns(
    TypeConverter &converter, RewritePatternSet &patterns,
    unsigned limbWidth, unsigned batchInvChunk) {
  using F = const FieldLowering &;
  using E = const ExtLowering &;
  using B = OpBuilder &;
  using V = ValueRange;
  addForEveryField<AddOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, AddOp, V v) {
                           return f.add(b, l, v[0], v[1]);
                         });
  addForEveryField<SubOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, SubOp, V v) {
                           return f.sub(b, l, v[0], v[1]);
                         });
  addForEveryField<MulOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, MulOp, V v) {
                           return f.mul(b, l, v[0], v[1]);
                         });
  addForEveryField<DivOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, DivOp, V v) {
                           return f.mul(b, l, v[0], f.inv(b, l, v[1]));
                         });
  addForEveryField<NegOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, NegOp, V v) {
                           return f.neg(b, l, v[0]);
                         });
  addForEveryField<DoubleOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, DoubleOp, V v) {
                           return f.add(b, l, v[0], v[0]);
                         });
  addForEveryField<SquareOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, SquareOp, V v) {
                           return f.mul(b, l, v[0], v[0]);
                         });
  addForEveryField<InvOp>(patterns, converter, limbWidth,
                         [](const auto &f, B b, Location l, InvOp, V v) {
                           return f.inv(b, l, v[0]);
                         });
  add<PowOp>(patterns, converter, limbWidth,
             [](F f, B b, Location l, PowOp op, V v) {
               return f.pow(b, l, v[0], op.getExponent());
             },
             [](E f, B b, Location l, PowOp op, V v) {
               return f.pow(b, l, v[0], op.getExponent());
             });
  add<PowCtOp>(patterns, converter, limbWidth,
               [](F f, B b, Location l, PowCtOp, V v) {
                 return f.powCt(b, l, v[0], v[1]);
               },
               [](E f, B b, Location l, PowCtOp, V v) {
                 return f.powCt(b, l, v[0], v[1]);
               });
  add<EqOp>(patterns, converter, limbWidth,
            [](F f, B b, Location l, EqOp, V v) {
              return f.eq(b, l, v[0], v[1]);
            },
            [](E, B b, Location l, EqOp, V v) -> Value {
              // Stored coefficients are canonical: equal integers.
              return arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                           v[0], v[1]);
            });
  add<IsZeroOp>(patterns, converter, limbWidth,
                [](F f, B b, Location l, IsZeroOp, V v) {
                  return f.isZero(b, l, v[0]);
                },
                [](E, B b, Location l, IsZeroOp, V v) -> Value {
                  Value zero = arith::ConstantOp::create(
                      b, l, b.getIntegerAttr(v[0].getType(), 0));
                  return arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq,
                                               v[0], zero);
                });
  add<SelectOp>(patterns, converter, limbWidth,
                [](F, B b, Location l, SelectOp, V v) -> Value {
                  return arith::SelectOp::create(b, l, v[0], v[1], v[2]);
                },
                [](E, B b, Location l, SelectOp, V v) -> Value {
                  return arith::SelectOp::create(b, l, v[0], v[1], v[2]);
                });
  add<ToMontOp>(patterns, converter, limbWidth,
                [](F f, B b, Location l, ToMontOp, V v) {
                  return f.toMont(b, l, v[0]);
                });
  add<FromMontOp>(patterns, converter, limbWidth,
                  [](F f, B b, Location l, FromMontOp, V v) {
                    return f.fromMont(b, l, v[0]);
                  });
  add<ToIntOp>(patterns, converter, limbWidth,
               [](F f, B b, Location l, ToIntOp op, V v) {
                 return resizeInt(
                     b, l, f.toCanonical(b, l, v[0]),
                     getElementTypeOrSelf(op.getType()).getIntOrFloatBitWidth());
               });
  add<FromIntOp>(patterns, converter, limbWidth,
                 [](F f, B b, Location l, FromIntOp op, V v) {
                   unsigned width = getFieldType(op.getType()).getStorageBitWidth();
                   return f.reduce(b, l, resizeInt(b, l, v[0], width));
                 });
  patterns.add<ConstantLowering, BitcastLowering, ConvertOpTypes>(converter,
                                                 patterns.getContext());
  patterns.add<BatchInvLowering>(converter, patterns.getContext(), limbWidth,
                                batchInvChunk);
  add<FrobeniusOp>(patterns, converter, limbWidth, nullptr,
                   [](E f, B b, Location l, FrobeniusOp op, V v) {
                     return f.frobenius(b, l, v[0], op.getPower());
                   });
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

namespace {
struct ConvertVxFieldToArithPass
    : mlir::vortex::impl::ConvertVxFieldToArithPassBase<
          ConvertVxFieldToArithPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    if (limbWidth != 32 && limbWidth != 64) {
      getOperation()->emitError("limb-width must be 32 or 64, got ")
          << static_cast<unsigned>(limbWidth);
      return signalPassFailure();
    }
    TypeConverter converter;
    populateVxFieldToArithTypeConversion(converter);
    ConversionTarget target(*context);
    target.addIllegalDialect<VxFieldDialect>();
    target.markUnknownOpDynamicallyLegal(
        [&](Operation *op) { return converter.isLegal(op); });
    target.addDynamicallyLegalOp<func::FuncOp>([&](func::FuncOp op) {
      return converter.isSignatureLegal(op.getFunctionType()) &&
             converter.isLegal(&op.getBody());
    });
    RewritePatternSet patterns(context);
    populateVxFieldToArithConversionPatterns(converter, patterns, limbWidth,
                                             batchInvChunk);
    populateFunctionOpInterfaceTypeConversionPattern<func::FuncOp>(patterns,
                                                                   converter);
    populateCallOpTypeConversionPattern(patterns, converter);
    populateReturnOpTypeConversionPattern(patterns, converter);
    scf::populateSCFStructuralTypeConversions(converter, patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
