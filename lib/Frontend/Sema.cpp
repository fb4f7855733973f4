//===- Sema.cpp - Semantic analysis of .vx programs -----------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Checks a program function by function. Each function is checked under a
// substitution of its generic parameters: type parameters by types, and
// dimension parameters by static sizes or by symbols that stand for
// themselves. Calls infer the substitution of their callee from the argument
// types, check the traits, and request the callee's instance, which is
// checked later from a worklist. An expression whose type is an error yields
// the error type, silently, so one mistake is reported once.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/Sema.h"
#include "Vortex/Dialect/Field/IR/FieldTypes.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"

#include <deque>
#include <map>

using namespace mlir;
using namespace mlir::vortex::vx;
namespace vx_field = mlir::vortex::vx_field;
using llvm::SMRange;
using llvm::StringRef;

namespace {

/// What the generic parameters of a function stand for.
struct Subst {
  llvm::StringMap<Ty> types;
  llvm::StringMap<Dim> dims;
};

struct Var {
  Ty type;
  bool isMutable;
  SMRange declRange;
};

/// Methods of tensors and fields; see docs/Language.md for their meaning.
enum class MethodKind {
  Unknown,
  Matmul,
  Linear,
  Transpose,
  UnaryFloat,   // exp, log, sqrt, rsqrt, tanh, silu, gelu
  UnaryNumeric, // relu, neg
  Softmax,
  Reduce,      // sum, max, min, mean
  Elementwise, // maximum, minimum
  RmsNorm,
  Dim,
  FieldUnary, // inv, square
  FieldPow,
};

MethodKind classifyMethod(StringRef name) {
  return llvm::StringSwitch<MethodKind>(name)
      .Case("matmul", MethodKind::Matmul)
      .Case("linear", MethodKind::Linear)
      .Case("transpose", MethodKind::Transpose)
      .Cases({"exp", "log", "sqrt", "rsqrt", "tanh", "silu", "gelu"},
             MethodKind::UnaryFloat)
      .Cases({"relu", "neg"}, MethodKind::UnaryNumeric)
      .Case("softmax", MethodKind::Softmax)
      .Cases({"sum", "max", "min", "mean"}, MethodKind::Reduce)
      .Cases({"maximum", "minimum"}, MethodKind::Elementwise)
      .Case("rms_norm", MethodKind::RmsNorm)
      .Case("dim", MethodKind::Dim)
      .Cases({"inv", "square"}, MethodKind::FieldUnary)
      .Case("pow", MethodKind::FieldPow)
      .Default(MethodKind::Unknown);
}

bool isLiteral(const Expr *e) {
  if (auto *u = llvm::dyn_cast<UnaryExpr>(e))
    return u->op == UnaryOp::Neg && isLiteral(u->operand.get());
  return llvm::isa<IntLitExpr, FloatLitExpr>(e);
}

class Sema {
public:
  Sema(Program &program, SourceLocator &locator)
      : program(program), locator(locator) {}

  LogicalResult run();

private:
  /// Reports an error; inside an instance of a generic function, a note
  /// says which instantiation.
  InFlightDiagnostic error(SMRange range, const llvm::Twine &message) {
    InFlightDiagnostic diag = locator.emitError(range, message);
    if (current && !current->description.empty())
      diag.attachNote(locator.getLoc(current->decl->nameRange))
          << "in '" << current->decl->name << "' instantiated with "
          << current->description;
    return diag;
  }
  void note(InFlightDiagnostic &diag, SMRange range, const llvm::Twine &msg) {
    diag.attachNote(locator.getLoc(range)) << msg;
  }

  //===--- Declarations ---------------------------------------------------===//
  void collectDecls();
  void evaluateConst(const ConstDecl &decl);
  std::optional<ConstValue> evaluate(const Expr *e, const Ty *expected);
  bool checkSignature(const FnDecl &fn);
  bool satisfies(const Ty &ty, StringRef trait) const;

  //===--- Types ----------------------------------------------------------===//
  Ty resolveType(const TypeExpr &te, const Subst &subst, Ty::Space space);
  std::optional<Dim> resolveDim(const DimExpr &d, const Subst &subst);
  bool isScalarTypeName(StringRef name) const;
  std::optional<Ty> scalarType(StringRef name) const;
  bool unify(const TypeExpr &te, const Ty &actual, const FnDecl &callee,
             Subst &subst, std::string &why);

  //===--- Instances ------------------------------------------------------===//
  FnInstance *getInstance(const FnDecl &fn, const Subst &subst,
                          SMRange callRange);
  void checkInstance(FnInstance &inst, const Subst &subst);

  //===--- Bodies ---------------------------------------------------------===//
  void checkBlock(const CodeBlock &block, bool isFnBody);
  void checkStmt(const Stmt &stmt, bool isLast, bool isFnBody);
  /// Checks an expression whose value is used: a call of a function that
  /// returns nothing is an error here.
  Ty checkExpr(const Expr *e, const Ty *expected = nullptr);
  /// Checks an expression statement, whose value may be nothing.
  Ty checkExprOrVoid(const Expr *e, const Ty *expected = nullptr);
  Ty checkExprImpl(const Expr *e, const Ty *expected);
  Ty checkIntLit(const IntLitExpr *e, const Ty *expected, bool negated);
  Ty checkBinary(const BinaryExpr *e, const Ty *expected);
  Ty checkCall(const CallExpr *e, const Ty *expected);
  Ty checkMethod(const MethodExpr *e);
  Ty checkIndex(const IndexExpr *e);
  Ty checkCast(const CastExpr *e);
  bool expectType(SMRange range, const Ty &actual, const Ty &wanted,
                  StringRef what);
  std::optional<int64_t> constIndex(const Expr *e);
  Var *lookup(StringRef name);
  void declare(StringRef name, const Ty &type, bool isMutable, SMRange range);

  Program &program;
  SourceLocator &locator;
  llvm::StringMap<const FnDecl *> fns;
  llvm::StringMap<const ConstDecl *> constDecls;
  std::map<std::string, FnInstance *> instancesByKey;
  // Symbols given to instances of generic functions so far.
  llvm::StringSet<> instanceSymbols;
  std::deque<std::pair<FnInstance *, Subst>> worklist;

  // State of the function being checked.
  FnInstance *current = nullptr;
  const Subst *currentSubst = nullptr;
  std::vector<llvm::StringMap<Var>> scopes;
};
} // namespace

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

static bool isTrait(StringRef name) {
  return name == "Numeric" || name == "Float" || name == "PrimeField";
}

bool Sema::satisfies(const Ty &ty, StringRef trait) const {
  if (trait == "Numeric")
    return ty.isNumericScalar();
  if (trait == "Float")
    return ty.isFloat();
  if (trait == "PrimeField")
    return ty.isField();
  return false;
}

void Sema::collectDecls() {
  for (auto &module : program.modules) {
    for (auto &c : module->consts) {
      auto [it, inserted] = constDecls.try_emplace(c->name, c.get());
      if (!inserted) {
        auto diag = error(c->nameRange, "redefinition of '" + c->name + "'");
        note(diag, it->second->nameRange, "previous definition is here");
        continue;
      }
      if (auto fn = fns.find(c->name); fn != fns.end()) {
        auto diag = error(c->nameRange, "redefinition of '" + c->name + "'");
        note(diag, fn->second->nameRange, "previous definition is here");
        continue;
      }
      evaluateConst(*c);
    }
    for (auto &fn : module->fns) {
      if (auto c = constDecls.find(fn->name); c != constDecls.end()) {
        auto diag = error(fn->nameRange, "redefinition of '" + fn->name + "'");
        note(diag, c->second->nameRange, "previous definition is here");
        continue;
      }
      auto [it, inserted] = fns.try_emplace(fn->name, fn.get());
      if (!inserted) {
        auto diag = error(fn->nameRange, "redefinition of '" + fn->name + "'");
        note(diag, it->second->nameRange, "previous definition is here");
      }
    }
  }
}

void Sema::evaluateConst(const ConstDecl &decl) {
  Ty declared = Ty::getError();
  if (decl.type) {
    declared = resolveType(*decl.type, Subst(), Ty::Space::Default);
    if (declared.isError())
      return;
    if (!declared.isInt() && !declared.isFloat() && !declared.isBool()) {
      error(decl.type->range, "a constant must be a bool, an integer or a "
                              "float, not " +
                                  declared.str());
      return;
    }
  }
  std::optional<ConstValue> value =
      evaluate(decl.value.get(), decl.type ? &declared : nullptr);
  if (!value)
    return;
  if (decl.type && value->type != declared) {
    error(decl.value->getRange(), "constant '" + decl.name + "' is declared " +
                                      declared.str() + " but its value is " +
                                      value->type.str());
    return;
  }
  program.consts[decl.name] = *value;
}

/// Constant expressions: literals, earlier constants, arithmetic and
/// comparisons on them.
std::optional<ConstValue> Sema::evaluate(const Expr *e, const Ty *expected) {
  ConstValue result;
  if (auto *lit = llvm::dyn_cast<IntLitExpr>(e)) {
    Ty ty = expected && expected->isInt() ? *expected : Ty::getInt(64, true);
    if (expected && expected->isFloat()) {
      result.type = *expected;
      result.floatValue = lit->value.roundToDouble(false);
      return result;
    }
    if (lit->value.getActiveBits() >
        (ty.isSigned() ? ty.getWidth() - 1 : ty.getWidth())) {
      llvm::SmallString<32> digits;
      lit->value.toStringUnsigned(digits);
      error(e->getRange(),
            "integer literal " + digits + " does not fit in " + ty.str());
      return std::nullopt;
    }
    result.type = ty;
    result.intValue = lit->value.zextOrTrunc(ty.getWidth());
    return result;
  }
  if (auto *lit = llvm::dyn_cast<FloatLitExpr>(e)) {
    result.type = expected && expected->isFloat()
                      ? *expected
                      : Ty::getFloat(Ty::FloatKind::F32);
    result.floatValue = lit->value;
    return result;
  }
  if (auto *lit = llvm::dyn_cast<BoolLitExpr>(e)) {
    result.type = Ty::getBool();
    result.boolValue = lit->value;
    return result;
  }
  if (auto *name = llvm::dyn_cast<NameExpr>(e)) {
    auto it = program.consts.find(name->name);
    if (it == program.consts.end()) {
      error(e->getRange(), "'" + name->name + "' is not a constant");
      return std::nullopt;
    }
    return it->second;
  }
  if (auto *u = llvm::dyn_cast<UnaryExpr>(e)) {
    std::optional<ConstValue> v = evaluate(u->operand.get(), expected);
    if (!v)
      return std::nullopt;
    if (u->op == UnaryOp::Not && v->type.isBool()) {
      v->boolValue = !v->boolValue;
      return v;
    }
    if (u->op == UnaryOp::Neg && v->type.isInt()) {
      v->intValue = -v->intValue;
      return v;
    }
    if (u->op == UnaryOp::Neg && v->type.isFloat()) {
      v->floatValue = -v->floatValue;
      return v;
    }
    error(e->getRange(), "invalid operand of a constant expression");
    return std::nullopt;
  }
  if (auto *b = llvm::dyn_cast<BinaryExpr>(e)) {
    std::optional<ConstValue> l = evaluate(b->lhs.get(), expected);
    if (!l)
      return std::nullopt;
    std::optional<ConstValue> r = evaluate(b->rhs.get(), &l->type);
    if (!r)
      return std::nullopt;
    if (l->type != r->type) {
      error(e->getRange(), "operands of '" + spell(b->op) + "' differ: " +
                               l->type.str() + " and " + r->type.str());
      return std::nullopt;
    }
    const llvm::APInt &x = l->intValue, &y = r->intValue;
    bool sign = l->type.isSigned();
    if (l->type.isInt()) {
      result.type = l->type;
      switch (b->op) {
      case BinaryOp::Add:
        result.intValue = x + y;
        return result;
      case BinaryOp::Sub:
        result.intValue = x - y;
        return result;
      case BinaryOp::Mul:
        result.intValue = x * y;
        return result;
      case BinaryOp::Div:
      case BinaryOp::Rem:
        if (y.isZero()) {
          error(e->getRange(), "division by zero in a constant expression");
          return std::nullopt;
        }
        if (b->op == BinaryOp::Div)
          result.intValue = sign ? x.sdiv(y) : x.udiv(y);
        else
          result.intValue = sign ? x.srem(y) : x.urem(y);
        return result;
      default:
        break;
      }
      result.type = Ty::getBool();
      switch (b->op) {
      case BinaryOp::Eq:
        result.boolValue = x == y;
        return result;
      case BinaryOp::Ne:
        result.boolValue = x != y;
        return result;
      case BinaryOp::Lt:
        result.boolValue = sign ? x.slt(y) : x.ult(y);
        return result;
      case BinaryOp::Le:
        result.boolValue = sign ? x.sle(y) : x.ule(y);
        return result;
      case BinaryOp::Gt:
        result.boolValue = sign ? x.sgt(y) : x.ugt(y);
        return result;
      case BinaryOp::Ge:
        result.boolValue = sign ? x.sge(y) : x.uge(y);
        return result;
      default:
        break;
      }
    } else if (l->type.isFloat()) {
      double p = l->floatValue, q = r->floatValue;
      result.type = l->type;
      switch (b->op) {
      case BinaryOp::Add:
        result.floatValue = p + q;
        return result;
      case BinaryOp::Sub:
        result.floatValue = p - q;
        return result;
      case BinaryOp::Mul:
        result.floatValue = p * q;
        return result;
      case BinaryOp::Div:
        result.floatValue = p / q;
        return result;
      default:
        break;
      }
    } else if (l->type.isBool() &&
               (b->op == BinaryOp::And || b->op == BinaryOp::Or)) {
      result.type = l->type;
      result.boolValue = b->op == BinaryOp::And ? l->boolValue && r->boolValue
                                                : l->boolValue || r->boolValue;
      return result;
    }
    error(e->getRange(), "operator '" + spell(b->op) +
                             "' is not supported "
                             "on " +
                             l->type.str() + " in a constant expression");
    return std::nullopt;
  }
  error(e->getRange(), "expected a constant expression");
  return std::nullopt;
}

bool Sema::checkSignature(const FnDecl &fn) {
  bool ok = true;
  llvm::StringMap<SMRange> seen;
  Subst subst;
  for (const GenericParam &g : fn.generics) {
    auto [it, inserted] = seen.try_emplace(g.name, g.range);
    if (!inserted) {
      auto diag =
          error(g.range, "duplicate generic parameter '" + g.name + "'");
      note(diag, it->second, "previous declaration is here");
      ok = false;
    }
    if (g.isType()) {
      if (!isTrait(*g.bound)) {
        error(g.boundRange, "unknown trait '" + *g.bound +
                                "'; the traits are Numeric, Float and "
                                "PrimeField");
        ok = false;
      }
      if (fn.isKernel) {
        error(g.range, "a kernel cannot be generic over types; make '" +
                           fn.name + "' a 'fn' and call it from kernels");
        ok = false;
      }
    }
  }
  for (const Annotation &a : fn.annotations)
    if (a.name != "constant_time") {
      error(a.range, "unknown function annotation '@" + a.name +
                         "'; functions take @constant_time");
      ok = false;
    }
  for (const Param &p : fn.params)
    for (const Annotation &a : p.annotations)
      if (a.name != "secret" && a.name != "global" && a.name != "shared" &&
          a.name != "local") {
        error(a.range, "unknown parameter annotation '@" + a.name +
                           "'; parameters take @secret, @global, @shared "
                           "and @local");
        ok = false;
      }
  return ok;
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

std::optional<Ty> Sema::scalarType(StringRef name) const {
  using FK = Ty::FloatKind;
  return llvm::StringSwitch<std::optional<Ty>>(name)
      .Case("bool", Ty::getBool())
      .Case("i8", Ty::getInt(8, true))
      .Case("i16", Ty::getInt(16, true))
      .Case("i32", Ty::getInt(32, true))
      .Case("i64", Ty::getInt(64, true))
      .Case("u8", Ty::getInt(8, false))
      .Case("u16", Ty::getInt(16, false))
      .Case("u32", Ty::getInt(32, false))
      .Case("u64", Ty::getInt(64, false))
      .Case("f16", Ty::getFloat(FK::F16))
      .Case("bf16", Ty::getFloat(FK::BF16))
      .Case("f32", Ty::getFloat(FK::F32))
      .Case("f64", Ty::getFloat(FK::F64))
      .Default(std::nullopt);
}

std::optional<Dim> Sema::resolveDim(const DimExpr &d, const Subst &subst) {
  if (d.size)
    return Dim::getStatic(*d.size);
  auto it = subst.dims.find(d.name);
  if (it != subst.dims.end())
    return it->second;
  auto c = program.consts.find(d.name);
  if (c != program.consts.end()) {
    if (!c->second.type.isInt() || c->second.intValue.isNegative() ||
        c->second.intValue.getActiveBits() > 62) {
      error(d.range, "constant '" + d.name + "' is not a dimension size");
      return std::nullopt;
    }
    return Dim::getStatic(c->second.intValue.getZExtValue());
  }
  error(d.range, "unknown dimension '" + d.name +
                     "'; declare it as a generic parameter <" + d.name + ">");
  return std::nullopt;
}

Ty Sema::resolveType(const TypeExpr &te, const Subst &subst, Ty::Space space) {
  auto noArgs = [&]() {
    if (te.args.empty() && !te.dims && !te.intArg)
      return true;
    error(te.range, "type '" + te.name + "' takes no arguments");
    return false;
  };
  if (std::optional<Ty> scalar = scalarType(te.name))
    return noArgs() ? *scalar : Ty::getError();
  auto it = subst.types.find(te.name);
  if (it != subst.types.end())
    return noArgs() ? it->second : Ty::getError();

  if (te.name == "Field") {
    if (te.dims || te.args.size() + (te.intArg ? 1 : 0) != 1) {
      error(te.range, "expected Field<name> or Field<modulus>");
      return Ty::getError();
    }
    if (te.intArg) {
      std::string digits = *te.intArg;
      digits.erase(std::remove(digits.begin(), digits.end(), '_'),
                   digits.end());
      StringRef text = digits;
      unsigned radix = 10;
      if (text.starts_with_insensitive("0x")) {
        radix = 16;
        text = text.drop_front(2);
      }
      llvm::APInt p(llvm::APInt::getBitsNeeded(text, radix) + 1, text, radix);
      if (!p[0] || p.ule(2)) {
        error(te.intArgRange, "modulus must be an odd integer greater than 2");
        return Ty::getError();
      }
      Ty field = Ty::getField(p, "");
      // A modulus equal to a named field's is that field.
      for (const vx_field::NamedField &named : vx_field::getNamedFields()) {
        std::optional<llvm::APInt> q = vx_field::lookupNamedField(named.name);
        if (llvm::APInt::isSameValue(*q, p))
          return Ty::getField(p, named.name);
      }
      return field;
    }
    const TypeExpr &arg = te.args[0];
    std::optional<llvm::APInt> p = vx_field::lookupNamedField(arg.name);
    if (!p || !arg.args.empty() || arg.dims) {
      std::string names;
      for (const vx_field::NamedField &named : vx_field::getNamedFields())
        names += " " + named.name.str();
      error(arg.range,
            "unknown field '" + arg.name + "'; the named fields are" + names);
      return Ty::getError();
    }
    return Ty::getField(*p, arg.name);
  }

  if (te.name == "Tensor" || te.name == "Buffer") {
    if (te.args.size() != 1 || !te.dims || te.intArg) {
      error(te.range, "expected " + te.name + "<element, [dims]>");
      return Ty::getError();
    }
    Ty element = resolveType(te.args[0], subst, Ty::Space::Default);
    if (element.isError())
      return element;
    bool isTensor = te.name == "Tensor";
    bool okElement = element.isFloat() || element.isField() ||
                     (element.isInt() && element.isSigned()) ||
                     (!isTensor && element.isScalar());
    if (!okElement) {
      error(te.args[0].range,
            te.name + " elements must be " +
                (isTensor ? "signed integers, floats or field elements"
                          : "scalars") +
                ", not " + element.str());
      return Ty::getError();
    }
    std::vector<Dim> dims;
    for (const DimExpr &d : *te.dims) {
      std::optional<Dim> dim = resolveDim(d, subst);
      if (!dim)
        return Ty::getError();
      dims.push_back(*dim);
    }
    if (isTensor)
      return Ty::getTensor(element, std::move(dims));
    return Ty::getBuffer(element, std::move(dims), space);
  }
  error(te.range, "unknown type '" + te.name + "'");
  return Ty::getError();
}

/// Matches a parameter type of `callee` against an argument type, binding
/// the callee's generic parameters in `subst`.
bool Sema::unify(const TypeExpr &te, const Ty &actual, const FnDecl &callee,
                 Subst &subst, std::string &why) {
  auto generic = [&](StringRef name) -> const GenericParam * {
    for (const GenericParam &g : callee.generics)
      if (g.name == name)
        return &g;
    return nullptr;
  };
  if (const GenericParam *g = generic(te.name); g && g->isType()) {
    auto [it, inserted] = subst.types.try_emplace(te.name, actual);
    if (!inserted && it->second != actual) {
      why = te.name + " is " + it->second.str() + " and " + actual.str();
      return false;
    }
    return true;
  }
  if (te.name == "Tensor" || te.name == "Buffer") {
    if (te.args.size() != 1 || !te.dims)
      return false;
    if ((te.name == "Tensor") != actual.isTensor() ||
        (te.name == "Buffer") != actual.isBuffer()) {
      why = "expected a " + te.name + ", found " + actual.str();
      return false;
    }
    if (!unify(te.args[0], actual.getElement(), callee, subst, why))
      return false;
    if (te.dims->size() != actual.getRank()) {
      why = "expected rank " + std::to_string(te.dims->size()) + ", found " +
            actual.str();
      return false;
    }
    for (size_t i = 0; i < te.dims->size(); ++i) {
      const DimExpr &d = (*te.dims)[i];
      const Dim &a = actual.getDims()[i];
      if (const GenericParam *g = generic(d.name); g && !g->isType()) {
        auto [it, inserted] = subst.dims.try_emplace(d.name, a);
        if (!inserted && it->second != a) {
          why = "dimension " + d.name + " is " + it->second.str() + " and " +
                a.str();
          return false;
        }
        continue;
      }
      std::optional<Dim> want = resolveDim(d, Subst());
      if (!want)
        return false;
      if (*want != a) {
        why = "dimension " + std::to_string(i) + " is " + a.str() +
              ", expected " + want->str();
        return false;
      }
    }
    return true;
  }
  Ty want = resolveType(te, subst, Ty::Space::Default);
  if (want.isError())
    return false;
  if (want != actual) {
    why = "expected " + want.str() + ", found " + actual.str();
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Instances
//===----------------------------------------------------------------------===//

static std::string mangle(const Ty &ty) {
  switch (ty.getKind()) {
  case Ty::Kind::Tensor:
  case Ty::Kind::Buffer: {
    std::string s = (ty.isTensor() ? "T" : "B") + mangle(ty.getElement());
    for (const Dim &d : ty.getDims())
      s += "_" + (d.isStatic() ? std::to_string(d.size) : std::string("d"));
    return s;
  }
  case Ty::Kind::Field: {
    if (!ty.getFieldName().empty())
      return ty.getFieldName().str();
    llvm::SmallString<64> digits;
    ty.getModulus().toStringUnsigned(digits);
    return "pf" + std::string(digits);
  }
  default:
    return ty.str();
  }
}

FnInstance *Sema::getInstance(const FnDecl &fn, const Subst &callerSubst,
                              SMRange callRange) {
  // The instance sees its own symbols for dimensions the caller does not
  // know statically, and the static sizes it does know.
  Subst subst;
  // `symbol` names the instance in the IR; `key` identifies it (function
  // and arguments, with a separator no identifier contains, so that an
  // instance never matches another function whose name is its symbol).
  std::string symbol = fn.name, key = fn.name, description;
  // Whether some parameter stands for something other than itself.
  bool specialized = false;
  for (const GenericParam &g : fn.generics) {
    std::string arg;
    if (g.isType()) {
      auto it = callerSubst.types.find(g.name);
      Ty ty = it == callerSubst.types.end() ? Ty::getError() : it->second;
      subst.types[g.name] = ty;
      symbol += "_" + mangle(ty);
      key += "\x01" + mangle(ty);
      arg = ty.str();
      specialized = true;
    } else {
      auto it = callerSubst.dims.find(g.name);
      Dim d = Dim::getSymbol(g.name);
      if (!fn.isKernel && it != callerSubst.dims.end() && it->second.isStatic())
        d = it->second;
      subst.dims[g.name] = d;
      std::string dim = d.isStatic() ? std::to_string(d.size) : "d";
      symbol += "_" + dim;
      key += "\x01" + dim;
      arg = d.str();
      specialized |= d.isStatic();
    }
    description += (description.empty() ? "" : ", ") + g.name + " = " + arg;
  }
  // Kernels and functions without generic parameters have one instance.
  bool single = fn.isKernel || !fn.isGeneric();
  if (single)
    symbol = key = fn.name;
  auto it = instancesByKey.find(key);
  if (it != instancesByKey.end())
    return it->second;
  if (program.instances.size() >= 10000) {
    error(callRange, "too many instantiations of generic functions");
    return nullptr;
  }
  auto inst = std::make_unique<FnInstance>();
  inst->decl = &fn;
  // A generic instance's symbol must not be a declared function's name nor
  // another instance's (`sbox` at babybear and a function `sbox_babybear`).
  if (!single) {
    std::string base = symbol;
    for (unsigned n = 1; fns.count(symbol) || instanceSymbols.count(symbol);
         ++n)
      symbol = base + "_" + std::to_string(n);
    instanceSymbols.insert(symbol);
  }
  inst->symbol = symbol;
  // Kernels and non-generic functions are checked once, as written.
  if (specialized && !fn.isKernel)
    inst->description = description;
  inst->isPublic = fn.isKernel || !fn.isGeneric();
  for (const Param &p : fn.params) {
    Ty::Space space = Ty::Space::Default;
    for (const Annotation &a : p.annotations)
      space = llvm::StringSwitch<Ty::Space>(a.name)
                  .Case("global", Ty::Space::Global)
                  .Case("shared", Ty::Space::Shared)
                  .Case("local", Ty::Space::Local)
                  .Default(space);
    Ty ty = resolveType(p.type, subst, space);
    if (space != Ty::Space::Default && !ty.isBuffer() && !ty.isError())
      error(p.type.range,
            "an address-space annotation needs a Buffer, not " + ty.str());
    inst->paramTypes.push_back(ty);
  }
  if (fn.result)
    inst->resultType = resolveType(*fn.result, subst, Ty::Space::Default);
  if (inst->resultType.isBuffer()) {
    error(fn.result->range, "functions return values, not buffers");
    inst->resultType = Ty::getError();
  }
  FnInstance *result = inst.get();
  instancesByKey[key] = result;
  program.instances.push_back(std::move(inst));
  worklist.emplace_back(result, std::move(subst));
  return result;
}

void Sema::checkInstance(FnInstance &inst, const Subst &subst) {
  current = &inst;
  currentSubst = &subst;
  scopes.clear();
  scopes.emplace_back();
  const FnDecl &fn = *inst.decl;
  for (size_t i = 0; i < fn.params.size(); ++i) {
    const Param &p = fn.params[i];
    if (scopes.back().count(p.name)) {
      error(p.nameRange, "duplicate parameter '" + p.name + "'");
      continue;
    }
    // Tensor parameters are values; Buffer parameters are storage that the
    // function may write.
    declare(p.name, inst.paramTypes[i], false, p.nameRange);
  }
  checkBlock(fn.body, /*isFnBody=*/true);
  if (!inst.resultType.isVoid() && !inst.resultType.isError() &&
      (fn.body.stmts.empty() ||
       !llvm::isa<ReturnStmt>(fn.body.stmts.back().get())))
    error(fn.nameRange, "missing 'return' at the end of '" + fn.name +
                            "', which returns " + inst.resultType.str());
  current = nullptr;
}

LogicalResult Sema::run() {
  collectDecls();
  bool ok = true;
  for (auto &module : program.modules)
    for (auto &fn : module->fns)
      if (fns.lookup(fn->name) == fn.get())
        ok &= checkSignature(*fn);
  if (!ok)
    return failure();
  for (auto &module : program.modules)
    for (auto &fn : module->fns)
      if (fns.lookup(fn->name) == fn.get() &&
          (fn->isKernel || !fn->isGeneric()))
        getInstance(*fn, Subst(), fn->nameRange);
  auto drain = [&]() {
    while (!worklist.empty()) {
      auto [inst, subst] = std::move(worklist.front());
      worklist.pop_front();
      checkInstance(*inst, subst);
    }
  };
  drain();
  // A function generic over dimensions only that no one calls is still
  // checked, with its dimensions symbolic; what that check instantiates is
  // not emitted.
  size_t emitted = program.instances.size();
  for (auto &module : program.modules)
    for (auto &fn : module->fns) {
      bool dimsOnly = llvm::none_of(
          fn->generics, [](const GenericParam &g) { return g.isType(); });
      if (fns.lookup(fn->name) != fn.get() || fn->isKernel ||
          !fn->isGeneric() || !dimsOnly)
        continue;
      bool called = llvm::any_of(program.instances, [&](const auto &inst) {
        return inst->decl == fn.get();
      });
      if (!called)
        getInstance(*fn, Subst(), fn->nameRange);
    }
  drain();
  program.instances.resize(emitted);
  return success(locator.getNumErrors() == 0);
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

Var *Sema::lookup(StringRef name) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it) {
    auto found = it->find(name);
    if (found != it->end())
      return &found->second;
  }
  return nullptr;
}

void Sema::declare(StringRef name, const Ty &type, bool isMutable,
                   SMRange range) {
  scopes.back()[name] = Var{type, isMutable, range};
}

void Sema::checkBlock(const CodeBlock &block, bool isFnBody) {
  for (size_t i = 0; i < block.stmts.size(); ++i)
    checkStmt(*block.stmts[i], i + 1 == block.stmts.size(), isFnBody);
}

bool Sema::expectType(SMRange range, const Ty &actual, const Ty &wanted,
                      StringRef what) {
  if (actual.isError() || wanted.isError() || actual == wanted)
    return true;
  error(range,
        what + " has type " + actual.str() + ", expected " + wanted.str());
  return false;
}

void Sema::checkStmt(const Stmt &stmt, bool isLast, bool isFnBody) {
  const FnDecl &fn = *current->decl;
  auto nested = [&](const CodeBlock &block) {
    scopes.emplace_back();
    checkBlock(block, false);
    scopes.pop_back();
  };
  switch (stmt.getKind()) {
  case Stmt::Kind::Let: {
    auto &let = llvm::cast<LetStmt>(stmt);
    Ty::Space space = Ty::Space::Default;
    bool secret = false;
    for (const Annotation &a : let.annotations) {
      if (a.name == "secret") {
        secret = true;
        continue;
      }
      std::optional<Ty::Space> s =
          llvm::StringSwitch<std::optional<Ty::Space>>(a.name)
              .Case("global", Ty::Space::Global)
              .Case("shared", Ty::Space::Shared)
              .Case("local", Ty::Space::Local)
              .Default(std::nullopt);
      if (!s)
        error(a.range, "unknown annotation '@" + a.name +
                           "'; a let takes @secret, @global, @shared or "
                           "@local");
      else
        space = *s;
    }
    Ty declared = Ty::getError();
    if (let.type)
      declared = resolveType(*let.type, *currentSubst, space);
    Ty type = declared;
    if (declared.isBuffer()) {
      if (let.init)
        error(let.init->getRange(), "a Buffer is storage: it takes no "
                                    "initial value; write its elements");
      for (const Dim &d : declared.getDims())
        if (!d.isStatic()) {
          error(let.type->range, "a local Buffer needs static dimensions, "
                                 "found " +
                                     declared.str());
          break;
        }
      if (secret)
        error(let.getRange(), "@secret applies to values, not buffers");
    } else {
      if (space != Ty::Space::Default && !declared.isError())
        error(let.getRange(), "an address-space annotation needs a Buffer");
      if (!let.init) {
        if (!let.type || !declared.isError())
          error(let.getRange(), "'" + let.name + "' needs an initial value");
      } else {
        Ty init = checkExpr(let.init.get(), let.type ? &declared : nullptr);
        if (let.type)
          expectType(let.init->getRange(), init, declared,
                     "the initial value of '" + let.name + "'");
        else
          type = init;
      }
    }
    current->letTypes[&stmt] = type;
    declare(let.name, type, let.isMutable, let.nameRange);
    return;
  }
  case Stmt::Kind::Assign: {
    auto &assign = llvm::cast<AssignStmt>(stmt);
    const Expr *target = assign.target.get();
    const NameExpr *base = llvm::dyn_cast<NameExpr>(target);
    if (auto *index = llvm::dyn_cast<IndexExpr>(target))
      base = llvm::dyn_cast<NameExpr>(index->base.get());
    if (!base) {
      error(target->getRange(), "can only assign to a variable or to an "
                                "element of one");
      checkExpr(assign.value.get());
      return;
    }
    Ty targetTy = checkExpr(target);
    Var *var = lookup(base->name);
    if (var && !var->isMutable && !var->type.isBuffer() &&
        !targetTy.isError()) {
      auto diag =
          error(target->getRange(), "cannot assign to '" + base->name +
                                        "', which is not declared 'mut'");
      note(diag, var->declRange, "'" + base->name + "' is declared here");
    }
    if (var && var->type.isBuffer() && llvm::isa<NameExpr>(target)) {
      error(target->getRange(), "cannot assign a whole Buffer; write its "
                                "elements");
      return;
    }
    Ty value = checkExpr(assign.value.get(), &targetTy);
    expectType(assign.value->getRange(), value, targetTy, "the value");
    return;
  }
  case Stmt::Kind::Expr:
    checkExprOrVoid(llvm::cast<ExprStmt>(stmt).expr.get());
    return;
  case Stmt::Kind::If: {
    auto &ifStmt = llvm::cast<IfStmt>(stmt);
    Ty bool_ = Ty::getBool();
    Ty cond = checkExpr(ifStmt.cond.get(), &bool_);
    expectType(ifStmt.cond->getRange(), cond, bool_, "the condition");
    nested(ifStmt.thenBlock);
    if (ifStmt.elseBlock)
      nested(*ifStmt.elseBlock);
    return;
  }
  case Stmt::Kind::For: {
    auto &forStmt = llvm::cast<ForStmt>(stmt);
    const Expr *lo = forStmt.lower.get(), *hi = forStmt.upper.get();
    Ty loTy = Ty::getError(), hiTy = Ty::getError();
    if (isLiteral(lo) && !isLiteral(hi)) {
      hiTy = checkExpr(hi);
      loTy = checkExpr(lo, &hiTy);
    } else {
      loTy = checkExpr(lo);
      hiTy = checkExpr(hi, &loTy);
    }
    if (!loTy.isError() && !loTy.isInt())
      error(lo->getRange(),
            "range bounds must be integers, found " + loTy.str());
    else
      expectType(hi->getRange(), hiTy, loTy, "the upper bound");
    scopes.emplace_back();
    declare(forStmt.var, loTy, false, forStmt.varRange);
    checkBlock(forStmt.body, false);
    scopes.pop_back();
    return;
  }
  case Stmt::Kind::While: {
    auto &whileStmt = llvm::cast<WhileStmt>(stmt);
    Ty bool_ = Ty::getBool();
    Ty cond = checkExpr(whileStmt.cond.get(), &bool_);
    expectType(whileStmt.cond->getRange(), cond, bool_, "the condition");
    nested(whileStmt.body);
    return;
  }
  case Stmt::Kind::Return: {
    auto &ret = llvm::cast<ReturnStmt>(stmt);
    if (!isLast || !isFnBody)
      error(stmt.getRange(), "'return' must be the last statement of the "
                             "function body; assign to a 'mut' variable "
                             "and return it at the end");
    const Ty &want = current->resultType;
    if (!ret.value) {
      if (!want.isVoid() && !want.isError())
        error(stmt.getRange(), "'" + fn.name + "' must return " + want.str());
      return;
    }
    if (want.isVoid()) {
      error(ret.value->getRange(), "'" + fn.name + "' returns no value");
      checkExpr(ret.value.get());
      return;
    }
    Ty value = checkExpr(ret.value.get(), &want);
    expectType(ret.value->getRange(), value, want, "the returned value");
    return;
  }
  }
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Ty Sema::checkExprOrVoid(const Expr *e, const Ty *expected) {
  Ty ty = checkExprImpl(e, expected);
  current->exprTypes.insert_or_assign(e, ty);
  return ty;
}

Ty Sema::checkExpr(const Expr *e, const Ty *expected) {
  Ty ty = checkExprOrVoid(e, expected);
  if (!ty.isVoid())
    return ty;
  error(e->getRange(), "this call returns no value");
  current->exprTypes.insert_or_assign(e, Ty::getError());
  return Ty::getError();
}

Ty Sema::checkIntLit(const IntLitExpr *e, const Ty *expected, bool negated) {
  const llvm::APInt &v = e->value;
  Ty ty = Ty::getInt(64, true);
  if (expected) {
    ty = expected->isShaped() ? expected->getElement() : *expected;
    if (!ty.isScalar() || ty.isBool())
      ty = Ty::getInt(64, true);
  }
  llvm::SmallString<32> digits;
  v.toStringUnsigned(digits);
  // The operand of a negation may be one more than the largest signed
  // value: `-128` is an i8.
  bool fits = !ty.isInt() ||
              v.getActiveBits() <=
                  (ty.isSigned() ? ty.getWidth() - 1 : ty.getWidth()) ||
              (negated && ty.isSigned() && v.isPowerOf2() &&
               v.getActiveBits() == ty.getWidth());
  if (!fits) {
    error(e->getRange(),
          "integer literal " + digits + " does not fit in " + ty.str());
    return Ty::getError();
  }
  if (ty.isField() &&
      !v.zextOrTrunc(std::max(v.getBitWidth(), ty.getModulus().getBitWidth()))
           .ult(ty.getModulus().zextOrTrunc(
               std::max(v.getBitWidth(), ty.getModulus().getBitWidth())))) {
    error(e->getRange(), "integer literal " + digits +
                             " is not below the modulus of " + ty.str());
    return Ty::getError();
  }
  return ty;
}

Ty Sema::checkExprImpl(const Expr *e, const Ty *expected) {
  switch (e->getKind()) {
  case Expr::Kind::IntLit:
    return checkIntLit(llvm::cast<IntLitExpr>(e), expected, false);
  case Expr::Kind::FloatLit: {
    Ty want = expected && expected->isShaped() ? expected->getElement()
              : expected                       ? *expected
                                               : Ty::getError();
    if (want.isFloat())
      return want;
    if (expected && !want.isError() && !want.isVoid()) {
      error(e->getRange(),
            "expected " + want.str() + ", found a floating-point literal");
      return Ty::getError();
    }
    return Ty::getFloat(Ty::FloatKind::F32);
  }
  case Expr::Kind::BoolLit:
    return Ty::getBool();
  case Expr::Kind::Name: {
    auto *name = llvm::cast<NameExpr>(e);
    if (Var *var = lookup(name->name))
      return var->type;
    auto c = program.consts.find(name->name);
    if (c != program.consts.end())
      return c->second.type;
    if (constDecls.count(name->name))
      return Ty::getError(); // Its definition was reported.
    if (currentSubst->dims.count(name->name)) {
      error(e->getRange(), "'" + name->name +
                               "' is a dimension, not a "
                               "value; use x.dim(i) for the size of a tensor");
      return Ty::getError();
    }
    error(e->getRange(), "unknown name '" + name->name + "'");
    return Ty::getError();
  }
  case Expr::Kind::Unary: {
    auto *u = llvm::cast<UnaryExpr>(e);
    Ty operand = Ty::getError();
    if (auto *lit = llvm::dyn_cast<IntLitExpr>(u->operand.get());
        lit && u->op == UnaryOp::Neg) {
      operand = checkIntLit(lit, expected, /*negated=*/true);
      current->exprTypes.insert_or_assign(lit, operand);
    } else {
      operand = checkExpr(u->operand.get(), expected);
    }
    if (operand.isError())
      return operand;
    if (u->op == UnaryOp::Not) {
      if (!operand.isBool()) {
        error(e->getRange(), "'!' needs a bool, found " + operand.str());
        return Ty::getError();
      }
      return operand;
    }
    const Ty &scalar = operand.isTensor() ? operand.getElement() : operand;
    if (operand.isBuffer() || !scalar.isNumericScalar() ||
        (scalar.isInt() && !scalar.isSigned())) {
      error(e->getRange(), "'-' needs a signed integer, a float, a field "
                           "element or a tensor of them, found " +
                               operand.str());
      return Ty::getError();
    }
    return operand;
  }
  case Expr::Kind::Binary:
    return checkBinary(llvm::cast<BinaryExpr>(e), expected);
  case Expr::Kind::Call:
    return checkCall(llvm::cast<CallExpr>(e), expected);
  case Expr::Kind::Method:
    return checkMethod(llvm::cast<MethodExpr>(e));
  case Expr::Kind::Index:
    return checkIndex(llvm::cast<IndexExpr>(e));
  case Expr::Kind::Cast:
    return checkCast(llvm::cast<CastExpr>(e));
  }
  return Ty::getError();
}

Ty Sema::checkBinary(const BinaryExpr *e, const Ty *expected) {
  BinaryOp op = e->op;
  bool logical = op == BinaryOp::And || op == BinaryOp::Or;
  bool comparison = !logical && op >= BinaryOp::Eq && op <= BinaryOp::Ge;
  Ty boolTy = Ty::getBool();
  const Ty *hint = logical ? &boolTy : comparison ? nullptr : expected;
  // A literal operand takes the type of the other one.
  Ty lhs = Ty::getError(), rhs = Ty::getError();
  if (isLiteral(e->lhs.get()) && !isLiteral(e->rhs.get())) {
    rhs = checkExpr(e->rhs.get(), hint);
    lhs = checkExpr(e->lhs.get(), &rhs);
  } else {
    lhs = checkExpr(e->lhs.get(), hint);
    rhs = checkExpr(e->rhs.get(), &lhs);
  }
  if (lhs.isError() || rhs.isError())
    return Ty::getError();
  std::string opName = ("'" + spell(op) + "'").str();
  auto mismatch = [&]() {
    error(e->getRange(), "operands of " + opName + " differ: " + lhs.str() +
                             " and " + rhs.str());
    return Ty::getError();
  };
  if (logical) {
    if (!lhs.isBool() || !rhs.isBool()) {
      error(e->getRange(), opName + " needs bool operands, found " + lhs.str() +
                               " and " + rhs.str());
      return Ty::getError();
    }
    return boolTy;
  }
  if (lhs.isBuffer() || rhs.isBuffer()) {
    error(e->getRange(), opName + " does not apply to buffers; read their "
                                  "elements");
    return Ty::getError();
  }
  if (comparison) {
    if (lhs.isTensor() || rhs.isTensor()) {
      error(e->getRange(), "comparisons apply to scalars, not tensors");
      return Ty::getError();
    }
    if (lhs != rhs)
      return mismatch();
    bool equality = op == BinaryOp::Eq || op == BinaryOp::Ne;
    if ((lhs.isField() || lhs.isBool()) && !equality) {
      error(e->getRange(), opName + " does not order " + lhs.str() +
                               "; only '==' and '!=' apply");
      return Ty::getError();
    }
    return boolTy;
  }
  // Arithmetic: scalars of one type, tensors of one shape, or a tensor and
  // a scalar of its element type (the scalar is splatted).
  const Ty &lElem = lhs.isTensor() ? lhs.getElement() : lhs;
  const Ty &rElem = rhs.isTensor() ? rhs.getElement() : rhs;
  if (lElem != rElem)
    return mismatch();
  if (lhs.isTensor() && rhs.isTensor() && lhs.getDims() != rhs.getDims()) {
    error(e->getRange(), "shapes of " + opName + " differ: " + lhs.str() +
                             " and " + rhs.str());
    return Ty::getError();
  }
  if (!lElem.isNumericScalar()) {
    error(e->getRange(), opName + " needs numbers, found " + lhs.str());
    return Ty::getError();
  }
  if (op == BinaryOp::Rem &&
      (lhs.isTensor() || rhs.isTensor() || lElem.isField())) {
    error(e->getRange(), "'%' applies to integer and float scalars");
    return Ty::getError();
  }
  if (op == BinaryOp::Div && lElem.isField() &&
      (lhs.isTensor() || rhs.isTensor())) {
    error(e->getRange(), "'/' on tensors of field elements is not supported; "
                         "multiply by .inv()");
    return Ty::getError();
  }
  return lhs.isTensor() ? lhs : rhs;
}

Ty Sema::checkCall(const CallExpr *e, const Ty *expected) {
  StringRef callee = e->callee;
  auto arity = [&](size_t n) {
    if (e->args.size() == n)
      return true;
    error(e->getRange(), "'" + callee + "' takes " + std::to_string(n) +
                             " argument" + (n == 1 ? "" : "s") + ", found " +
                             std::to_string(e->args.size()));
    for (const ExprPtr &arg : e->args)
      checkExpr(arg.get());
    return false;
  };
  // Builtins of vx.ct.
  if (callee == "conceal" || callee == "declassify") {
    if (!arity(1))
      return Ty::getError();
    Ty ty = checkExpr(e->args[0].get(), expected);
    if (ty.isBuffer() || ty.isVoid()) {
      error(e->args[0]->getRange(), "'" + callee + "' needs a value");
      return Ty::getError();
    }
    return ty;
  }
  if (callee == "select") {
    if (!arity(3))
      return Ty::getError();
    Ty boolTy = Ty::getBool();
    Ty cond = checkExpr(e->args[0].get(), &boolTy);
    expectType(e->args[0]->getRange(), cond, boolTy, "the condition");
    Ty a = checkExpr(e->args[1].get(), expected);
    Ty b = checkExpr(e->args[2].get(), &a);
    if (a.isError() || b.isError())
      return Ty::getError();
    if (a != b) {
      error(e->getRange(),
            "the values of 'select' differ: " + a.str() + " and " + b.str());
      return Ty::getError();
    }
    if (a.isBuffer()) {
      error(e->getRange(), "'select' chooses between values, not buffers");
      return Ty::getError();
    }
    return a;
  }
  if (callee == "full_like") {
    if (!arity(2))
      return Ty::getError();
    Ty like = checkExpr(e->args[0].get());
    if (like.isError())
      return like;
    if (!like.isTensor()) {
      error(e->args[0]->getRange(),
            "'full_like' needs a tensor, found " + like.str());
      return Ty::getError();
    }
    Ty value = checkExpr(e->args[1].get(), &like.getElement());
    expectType(e->args[1]->getRange(), value, like.getElement(), "the value");
    return like;
  }

  auto it = fns.find(callee);
  if (it == fns.end()) {
    error(e->calleeRange, "unknown function '" + callee + "'");
    for (const ExprPtr &arg : e->args)
      checkExpr(arg.get());
    return Ty::getError();
  }
  const FnDecl &fn = *it->second;
  if (!arity(fn.params.size()))
    return Ty::getError();
  auto mentionsGeneric = [&](const TypeExpr &te, auto &self) -> bool {
    for (const GenericParam &g : fn.generics)
      if (g.name == te.name)
        return true;
    if (te.dims)
      for (const DimExpr &d : *te.dims)
        for (const GenericParam &g : fn.generics)
          if (!d.size && g.name == d.name)
            return true;
    for (const TypeExpr &arg : te.args)
      if (self(arg, self))
        return true;
    return false;
  };
  Subst subst;
  bool ok = true;
  // Literal arguments are checked last, so that a type parameter bound by
  // another argument gives them their type: `scale(x, 2)`.
  std::vector<size_t> order;
  for (size_t i = 0; i < fn.params.size(); ++i)
    if (!isLiteral(e->args[i].get()))
      order.push_back(i);
  for (size_t i = 0; i < fn.params.size(); ++i)
    if (isLiteral(e->args[i].get()))
      order.push_back(i);
  for (size_t i : order) {
    const Param &p = fn.params[i];
    const Expr *arg = e->args[i].get();
    Ty want = Ty::getError();
    bool concrete = !mentionsGeneric(p.type, mentionsGeneric);
    if (concrete)
      want = resolveType(p.type, Subst(), Ty::Space::Default);
    else if (auto bound = subst.types.find(p.type.name);
             bound != subst.types.end())
      want = bound->second;
    Ty actual = checkExpr(arg, !want.isError() ? &want : nullptr);
    if (actual.isError() || (concrete && want.isError())) {
      ok = false;
      continue;
    }
    std::string why;
    if (!unify(p.type, actual, fn, subst, why)) {
      auto diag =
          error(arg->getRange(), "argument " + std::to_string(i + 1) + " of '" +
                                     callee + "' does not match parameter '" +
                                     p.name + "': " + why);
      note(diag, p.nameRange, "parameter declared here");
      ok = false;
    }
  }
  if (!ok)
    return Ty::getError();
  for (const GenericParam &g : fn.generics) {
    if (g.isType()) {
      auto t = subst.types.find(g.name);
      if (t == subst.types.end()) {
        error(e->getRange(), "cannot infer type parameter '" + g.name +
                                 "' of '" + callee + "' from the arguments");
        return Ty::getError();
      }
      if (!satisfies(t->second, *g.bound)) {
        auto diag = error(e->getRange(), "type " + t->second.str() +
                                             " does not satisfy trait '" +
                                             *g.bound + "' required by '" +
                                             g.name + "' of '" + callee + "'");
        note(diag, g.boundRange, "required here");
        return Ty::getError();
      }
    } else if (!subst.dims.count(g.name)) {
      error(e->getRange(), "cannot infer dimension '" + g.name + "' of '" +
                               callee + "' from the arguments");
      return Ty::getError();
    }
  }
  FnInstance *inst = getInstance(fn, subst, e->getRange());
  if (!inst)
    return Ty::getError();
  // Buffers keep their address space: the annotation of the parameter must
  // match the argument's.
  for (size_t i = 0; i < fn.params.size(); ++i) {
    const Ty &arg = current->exprTypes.lookup(e->args[i].get());
    const Ty &param = inst->paramTypes[i];
    if (arg.isBuffer() && param.isBuffer() &&
        arg.getSpace() != param.getSpace()) {
      auto diag = error(e->args[i]->getRange(),
                        "argument " + std::to_string(i + 1) + " of '" + callee +
                            "' is " + arg.str() + ", but parameter '" +
                            fn.params[i].name + "' is " + param.str());
      note(diag, fn.params[i].nameRange, "parameter declared here");
      return Ty::getError();
    }
  }
  current->callees[e] = inst;
  if (!fn.result)
    return Ty::getVoid();
  // The result as the caller sees it: with the caller's dimensions.
  return resolveType(*fn.result, subst, Ty::Space::Default);
}

std::optional<int64_t> Sema::constIndex(const Expr *e) {
  Ty i64 = Ty::getInt(64, true);
  std::optional<ConstValue> v = evaluate(e, &i64);
  if (!v)
    return std::nullopt;
  if (!v->type.isInt()) {
    error(e->getRange(), "expected an integer constant");
    return std::nullopt;
  }
  return v->intValue.getSExtValue();
}

Ty Sema::checkMethod(const MethodExpr *e) {
  Ty recv = checkExpr(e->receiver.get());
  if (recv.isError()) {
    for (const ExprPtr &arg : e->args)
      if (!isLiteral(arg.get()))
        checkExpr(arg.get());
    return recv;
  }
  StringRef name = e->method;
  MethodKind kind = classifyMethod(name);
  const Ty &elem = recv.isTensor() ? recv.getElement() : recv;
  auto fail = [&](const llvm::Twine &message) {
    error(e->methodRange, message);
    return Ty::getError();
  };
  auto arity = [&](size_t lo, size_t hi) {
    if (e->args.size() >= lo && e->args.size() <= hi)
      return true;
    error(e->getRange(),
          "'" + name + "' takes " +
              (lo == hi ? std::to_string(lo)
                        : std::to_string(lo) + " to " + std::to_string(hi)) +
              " arguments, found " + std::to_string(e->args.size()));
    return false;
  };
  std::vector<ConstValue> &consts = current->constArgs[e];
  auto constDims = [&](std::vector<int64_t> &dims) {
    for (const ExprPtr &arg : e->args) {
      std::optional<int64_t> d = constIndex(arg.get());
      if (!d)
        return false;
      if (*d < 0 || *d >= (int64_t)recv.getRank()) {
        error(arg->getRange(), "dimension " + std::to_string(*d) +
                                   " is out of range for " + recv.str());
        return false;
      }
      for (int64_t seen : dims)
        if (seen == *d) {
          error(arg->getRange(),
                "dimension " + std::to_string(*d) + " is repeated");
          return false;
        }
      dims.push_back(*d);
      ConstValue c;
      c.type = Ty::getInt(64, true);
      c.intValue = llvm::APInt(64, *d, true);
      consts.push_back(c);
    }
    return true;
  };

  if (kind == MethodKind::Unknown)
    return fail("unknown method '" + name + "' of " + recv.str());
  bool fieldMethod =
      kind == MethodKind::FieldUnary || kind == MethodKind::FieldPow;
  if (fieldMethod) {
    if (!elem.isField() || recv.isBuffer())
      return fail("'" + name +
                  "' applies to field elements and tensors of "
                  "them, not " +
                  recv.str());
    if (kind == MethodKind::FieldUnary)
      return arity(0, 0) ? recv : Ty::getError();
    if (!arity(1, 1))
      return Ty::getError();
    const auto *lit = llvm::dyn_cast<IntLitExpr>(e->args[0].get());
    if (!lit) {
      error(e->args[0]->getRange(), "the exponent of 'pow' must be a "
                                    "non-negative integer literal");
      return Ty::getError();
    }
    ConstValue c;
    c.type = Ty::getInt(lit->value.getBitWidth(), false);
    c.intValue = lit->value;
    consts.push_back(c);
    return recv;
  }
  if (!recv.isTensor())
    return fail("'" + name + "' applies to tensors, not " + recv.str());
  if (elem.isField() && kind != MethodKind::Transpose &&
      kind != MethodKind::Dim && kind != MethodKind::UnaryNumeric)
    return fail("'" + name + "' does not apply to tensors of field elements");

  switch (kind) {
  case MethodKind::Matmul: {
    if (!arity(1, 1))
      return Ty::getError();
    Ty rhs = checkExpr(e->args[0].get());
    if (rhs.isError())
      return rhs;
    if (!rhs.isTensor() || rhs.getElement() != elem) {
      error(e->args[0]->getRange(), "'matmul' needs a tensor of " + elem.str() +
                                        ", found " + rhs.str());
      return Ty::getError();
    }
    unsigned lr = recv.getRank(), rr = rhs.getRank();
    if (lr < 2 || rr < 2 || (rr != 2 && rr != lr)) {
      error(e->getRange(), "'matmul' multiplies [.., M, K] by [K, N] or by a "
                           "batch [.., K, N] of the same rank, found " +
                               recv.str() + " and " + rhs.str());
      return Ty::getError();
    }
    const Dim &k = recv.getDims()[lr - 1], &k2 = rhs.getDims()[rr - 2];
    if (k != k2) {
      error(e->getRange(), "inner dimensions of 'matmul' differ: " + k.str() +
                               " (dimension " + std::to_string(lr - 1) +
                               " of " + recv.str() + ") and " + k2.str() +
                               " (dimension " + std::to_string(rr - 2) +
                               " of " + rhs.str() + ")");
      return Ty::getError();
    }
    std::vector<Dim> dims(recv.getDims().begin(), recv.getDims().end() - 1);
    if (rr == lr)
      for (unsigned i = 0; i + 2 < lr; ++i)
        if (recv.getDims()[i] != rhs.getDims()[i]) {
          error(e->getRange(), "batch dimensions of 'matmul' differ: " +
                                   recv.str() + " and " + rhs.str());
          return Ty::getError();
        }
    dims.push_back(rhs.getDims()[rr - 1]);
    return Ty::getTensor(elem, dims);
  }
  case MethodKind::Linear: {
    if (!arity(1, 2))
      return Ty::getError();
    Ty w = checkExpr(e->args[0].get());
    if (w.isError())
      return w;
    if (!w.isTensor() || w.getElement() != elem || w.getRank() != 2) {
      error(e->args[0]->getRange(), "'linear' needs a weight Tensor<" +
                                        elem.str() + ", [N, K]>, found " +
                                        w.str());
      return Ty::getError();
    }
    unsigned xr = recv.getRank();
    if (xr < 1)
      return fail("'linear' needs an input [.., K], found " + recv.str());
    const Dim &k = recv.getDims()[xr - 1], &k2 = w.getDims()[1];
    if (k != k2) {
      error(e->getRange(), "inner dimensions of 'linear' differ: " + k.str() +
                               " (dimension " + std::to_string(xr - 1) +
                               " of " + recv.str() + ") and " + k2.str() +
                               " (dimension 1 of " + w.str() + ")");
      return Ty::getError();
    }
    const Dim &n = w.getDims()[0];
    if (e->args.size() == 2) {
      Ty bias = checkExpr(e->args[1].get());
      if (bias.isError())
        return bias;
      if (!bias.isTensor() || bias.getElement() != elem ||
          bias.getRank() != 1 || bias.getDims()[0] != n) {
        error(e->args[1]->getRange(), "'linear' needs a bias Tensor<" +
                                          elem.str() + ", [" + n.str() +
                                          "]>, found " + bias.str());
        return Ty::getError();
      }
    }
    std::vector<Dim> dims(recv.getDims().begin(), recv.getDims().end() - 1);
    dims.push_back(n);
    return Ty::getTensor(elem, dims);
  }
  case MethodKind::Transpose: {
    std::vector<int64_t> perm;
    if (e->args.empty()) {
      if (recv.getRank() != 2)
        return fail("'transpose()' without a permutation needs a matrix, "
                    "found " +
                    recv.str());
      perm = {1, 0};
      for (int64_t p : perm) {
        ConstValue c;
        c.type = Ty::getInt(64, true);
        c.intValue = llvm::APInt(64, p, true);
        consts.push_back(c);
      }
    } else {
      if (e->args.size() != recv.getRank()) {
        error(e->getRange(), "'transpose' needs a permutation of all " +
                                 std::to_string(recv.getRank()) +
                                 " dimensions of " + recv.str());
        return Ty::getError();
      }
      if (!constDims(perm))
        return Ty::getError();
    }
    std::vector<Dim> dims;
    for (int64_t p : perm)
      dims.push_back(recv.getDims()[p]);
    return Ty::getTensor(elem, dims);
  }
  case MethodKind::UnaryFloat:
    if (!elem.isFloat())
      return fail("'" + name + "' needs a tensor of floats, found " +
                  recv.str());
    return arity(0, 0) ? recv : Ty::getError();
  case MethodKind::UnaryNumeric:
    if (elem.isField() && name == "relu")
      return fail("'relu' does not apply to field elements");
    return arity(0, 0) ? recv : Ty::getError();
  case MethodKind::Softmax: {
    if (!elem.isFloat())
      return fail("'softmax' needs a tensor of floats, found " + recv.str());
    std::vector<int64_t> dims;
    if (!arity(1, 1) || !constDims(dims))
      return Ty::getError();
    return recv;
  }
  case MethodKind::Reduce: {
    if (name == "mean" && !elem.isFloat())
      return fail("'mean' needs a tensor of floats, found " + recv.str());
    if (e->args.empty())
      return fail("'" + name + "' needs the dimensions to reduce");
    std::vector<int64_t> dims;
    if (!constDims(dims))
      return Ty::getError();
    std::vector<Dim> kept;
    for (unsigned i = 0; i < recv.getRank(); ++i)
      if (llvm::find(dims, (int64_t)i) == dims.end())
        kept.push_back(recv.getDims()[i]);
    return Ty::getTensor(elem, kept);
  }
  case MethodKind::Elementwise: {
    if (!arity(1, 1))
      return Ty::getError();
    Ty other = checkExpr(e->args[0].get(), &recv);
    if (other.isError())
      return other;
    if (other != recv) {
      error(e->args[0]->getRange(),
            "'" + name + "' needs " + recv.str() + ", found " + other.str());
      return Ty::getError();
    }
    return recv;
  }
  case MethodKind::RmsNorm: {
    if (!elem.isFloat())
      return fail("'rms_norm' needs a tensor of floats, found " + recv.str());
    if (!arity(2, 2))
      return Ty::getError();
    Ty weight = checkExpr(e->args[0].get());
    if (weight.isError())
      return weight;
    if (recv.getRank() == 0)
      return fail("'rms_norm' needs a tensor of rank 1 or more");
    Ty want = Ty::getTensor(elem, {recv.getDims().back()});
    if (weight != want) {
      error(e->args[0]->getRange(), "the weight of 'rms_norm' must be " +
                                        want.str() + ", found " + weight.str());
      return Ty::getError();
    }
    Ty f64 = Ty::getFloat(Ty::FloatKind::F64);
    std::optional<ConstValue> eps = evaluate(e->args[1].get(), &f64);
    if (!eps)
      return Ty::getError();
    if (!eps->type.isFloat()) {
      error(e->args[1]->getRange(), "epsilon must be a float constant");
      return Ty::getError();
    }
    consts.push_back(*eps);
    return recv;
  }
  case MethodKind::Dim: {
    std::vector<int64_t> dims;
    if (!arity(1, 1) || !constDims(dims))
      return Ty::getError();
    return Ty::getInt(64, true);
  }
  default:
    return Ty::getError();
  }
}

Ty Sema::checkIndex(const IndexExpr *e) {
  Ty base = checkExpr(e->base.get());
  Ty i64 = Ty::getInt(64, true);
  bool ok = !base.isError();
  for (const ExprPtr &index : e->indices) {
    Ty ty = checkExpr(index.get(), &i64);
    if (!ty.isError() && !ty.isInt()) {
      error(index->getRange(),
            "an index must be an integer, found " + ty.str());
      ok = false;
    }
  }
  if (!ok)
    return Ty::getError();
  if (!base.isShaped()) {
    error(e->base->getRange(),
          "only tensors and buffers are indexed, found " + base.str());
    return Ty::getError();
  }
  if (e->indices.size() != base.getRank()) {
    error(e->getRange(), std::to_string(e->indices.size()) + " indices for " +
                             base.str() + " of rank " +
                             std::to_string(base.getRank()));
    return Ty::getError();
  }
  return base.getElement();
}

Ty Sema::checkCast(const CastExpr *e) {
  Ty from = checkExpr(e->operand.get());
  Ty to = resolveType(e->type, *currentSubst, Ty::Space::Default);
  if (from.isError() || to.isError())
    return Ty::getError();
  auto convertible = [](const Ty &a, const Ty &b) {
    return (a.isInt() || a.isFloat() || a.isBool()) &&
           (b.isInt() || b.isFloat() || b.isBool());
  };
  if (from.isScalar() && to.isScalar() && convertible(from, to))
    return to;
  // `x as bf16` converts the elements of a tensor.
  if (from.isTensor() && to.isScalar() && !to.isBool())
    to = Ty::getTensor(to, from.getDims());
  if (from.isTensor() && to.isTensor() && from.getDims() == to.getDims() &&
      !from.getElement().isField() && !to.getElement().isField())
    return to;
  error(e->getRange(), "cannot convert " + from.str() + " to " + to.str());
  return Ty::getError();
}

LogicalResult mlir::vortex::vx::checkProgram(Program &program,
                                             SourceLocator &locator) {
  return Sema(program, locator).run();
}
