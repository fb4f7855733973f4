//===- Sema.h - Types and semantic analysis of .vx programs -----*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Sema resolves names and types, checks every function body, and
// monomorphizes generic functions: each distinct set of type arguments and
// static dimensions a generic function is called with becomes one
// `FnInstance`, checked on its own. Dimensions are static sizes or symbols
// (`M`); symbols are compared by name, so shape errors such as a matmul whose
// inner dimensions differ are found at compile time without knowing sizes.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_FRONTEND_SEMA_H
#define VORTEX_FRONTEND_SEMA_H

#include "Vortex/Frontend/AST.h"
#include "Vortex/Frontend/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

namespace mlir {
namespace vortex {
namespace vx {

/// A dimension: a static size, or a symbol that stands for a size known
/// only at run time.
struct Dim {
  int64_t size = 0;
  std::string symbol;

  static Dim getStatic(int64_t size) { return {size, ""}; }
  static Dim getSymbol(llvm::StringRef name) { return {0, name.str()}; }
  bool isStatic() const { return symbol.empty(); }
  bool operator==(const Dim &other) const {
    return symbol == other.symbol && (!isStatic() || size == other.size);
  }
  bool operator!=(const Dim &other) const { return !(*this == other); }
  std::string str() const;
};

/// A resolved type of the language.
class Ty {
public:
  enum class Kind { Error, Void, Bool, Int, Float, Field, Tensor, Buffer };
  enum class FloatKind { F16, BF16, F32, F64 };
  enum class Space { Default, Global, Shared, Local };

  /// The error type, as the default.
  Ty() : kind(Kind::Error) {}
  static Ty getError() { return Ty(Kind::Error); }
  static Ty getVoid() { return Ty(Kind::Void); }
  static Ty getBool() { return Ty(Kind::Bool); }
  static Ty getInt(unsigned width, bool isSigned);
  static Ty getFloat(FloatKind kind);
  static Ty getField(const llvm::APInt &modulus, llvm::StringRef name);
  static Ty getTensor(const Ty &element, std::vector<Dim> dims);
  static Ty getBuffer(const Ty &element, std::vector<Dim> dims, Space space);

  Kind getKind() const { return kind; }
  bool isError() const { return kind == Kind::Error; }
  bool isVoid() const { return kind == Kind::Void; }
  bool isBool() const { return kind == Kind::Bool; }
  bool isInt() const { return kind == Kind::Int; }
  bool isFloat() const { return kind == Kind::Float; }
  bool isField() const { return kind == Kind::Field; }
  bool isTensor() const { return kind == Kind::Tensor; }
  bool isBuffer() const { return kind == Kind::Buffer; }
  bool isShaped() const { return isTensor() || isBuffer(); }
  bool isScalar() const {
    return isBool() || isInt() || isFloat() || isField();
  }
  bool isNumericScalar() const { return isInt() || isFloat() || isField(); }

  unsigned getWidth() const { return width; }
  bool isSigned() const { return isSignedInt; }
  FloatKind getFloatKind() const { return floatKind; }
  const llvm::APInt &getModulus() const { return modulus; }
  llvm::StringRef getFieldName() const { return fieldName; }
  const Ty &getElement() const { return *element; }
  const std::vector<Dim> &getDims() const { return dims; }
  unsigned getRank() const { return dims.size(); }
  Space getSpace() const { return space; }

  bool operator==(const Ty &other) const;
  bool operator!=(const Ty &other) const { return !(*this == other); }
  /// The type as the language writes it: `Tensor<f32, [M, 64]>`.
  std::string str() const;

private:
  explicit Ty(Kind kind) : kind(kind) {}

  Kind kind;
  unsigned width = 0;
  bool isSignedInt = true;
  FloatKind floatKind = FloatKind::F32;
  llvm::APInt modulus;
  std::string fieldName;
  std::shared_ptr<const Ty> element;
  std::vector<Dim> dims;
  Space space = Space::Default;
};

/// The value of a compile-time constant.
struct ConstValue {
  Ty type = Ty::getError();
  llvm::APInt intValue;
  double floatValue = 0;
  bool boolValue = false;
};

/// One function as it is emitted: a non-generic function or kernel, or one
/// instantiation of a generic function.
struct FnInstance {
  const FnDecl *decl = nullptr;
  std::string symbol;
  /// Type arguments, for notes that name the instantiation.
  std::string description;
  bool isPublic = true;
  std::vector<Ty> paramTypes;
  Ty resultType = Ty::getVoid();
  /// The type of every expression of the body.
  llvm::DenseMap<const Expr *, Ty> exprTypes;
  /// The declared (or inferred) type of every `let`.
  llvm::DenseMap<const Stmt *, Ty> letTypes;
  /// The function each call of the body calls.
  llvm::DenseMap<const Expr *, FnInstance *> callees;
  /// Constants the method calls take (dimensions, exponents, epsilons).
  llvm::DenseMap<const Expr *, std::vector<ConstValue>> constArgs;
};

/// A checked program: the parsed files, the constants and the instances to
/// emit, in order.
struct Program {
  std::vector<std::unique_ptr<Module>> modules;
  llvm::StringMap<ConstValue> consts;
  std::vector<std::unique_ptr<FnInstance>> instances;
};

/// Checks `program` (whose modules are parsed) and fills its constants and
/// instances. Returns failure when any error was reported.
LogicalResult checkProgram(Program &program, SourceLocator &locator);

} // namespace vx
} // namespace vortex
} // namespace mlir

#endif // VORTEX_FRONTEND_SEMA_H
