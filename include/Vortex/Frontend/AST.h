//===- AST.h - Syntax trees of the .vx language -----------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// What the parser builds: modules of imports, constants and functions, whose
// bodies are statements and expressions. Every node keeps the source range it
// was parsed from; types are not resolved here (see Sema.h).
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_FRONTEND_AST_H
#define VORTEX_FRONTEND_AST_H

#include "llvm/ADT/APInt.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/SMLoc.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace vortex {
namespace vx {

/// An annotation such as `@secret`; the name excludes the `@`.
struct Annotation {
  std::string name;
  llvm::SMRange range;
};

/// One dimension of a `Tensor<T, [dims]>` or `Buffer<T, [dims]>` type: a
/// literal size or a name (a dimension parameter or a constant).
struct DimExpr {
  std::optional<int64_t> size;
  std::string name;
  llvm::SMRange range;
};

/// A type as written: `f32`, `T`, `Tensor<T, [M, N]>`, `Field<bn254_fr>`,
/// `Field<2013265921>`.
struct TypeExpr {
  std::string name;
  llvm::SMRange range;
  std::vector<TypeExpr> args;
  /// A literal argument (the modulus of `Field<p>`), as written.
  std::optional<std::string> intArg;
  llvm::SMRange intArgRange;
  /// The dimension list, for tensors and buffers.
  std::optional<std::vector<DimExpr>> dims;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind {
    IntLit,
    FloatLit,
    BoolLit,
    Name,
    Unary,
    Binary,
    Call,
    Method,
    Index,
    Cast,
  };
  Expr(Kind kind, llvm::SMRange range) : kind(kind), range(range) {}
  virtual ~Expr() = default;
  Kind getKind() const { return kind; }
  llvm::SMRange getRange() const { return range; }
  /// The height of the tree below this node, which every recursive walk of
  /// it (Sema, MLIRGen, destruction) needs as stack.
  unsigned getHeight() const { return height; }

protected:
  void below(const std::unique_ptr<Expr> &child) {
    if (child)
      height = std::max(height, child->height + 1);
  }
  void below(const std::vector<std::unique_ptr<Expr>> &children) {
    for (const auto &child : children)
      below(child);
  }

private:
  Kind kind;
  llvm::SMRange range;
  unsigned height = 1;
};
using ExprPtr = std::unique_ptr<Expr>;

class IntLitExpr : public Expr {
public:
  IntLitExpr(llvm::SMRange r, llvm::APInt value)
      : Expr(Kind::IntLit, r), value(std::move(value)) {}
  /// Unsigned, as wide as the literal needs plus one bit.
  llvm::APInt value;
  static bool classof(const Expr *e) { return e->getKind() == Kind::IntLit; }
};

class FloatLitExpr : public Expr {
public:
  FloatLitExpr(llvm::SMRange r, double value)
      : Expr(Kind::FloatLit, r), value(value) {}
  double value;
  static bool classof(const Expr *e) { return e->getKind() == Kind::FloatLit; }
};

class BoolLitExpr : public Expr {
public:
  BoolLitExpr(llvm::SMRange r, bool value)
      : Expr(Kind::BoolLit, r), value(value) {}
  bool value;
  static bool classof(const Expr *e) { return e->getKind() == Kind::BoolLit; }
};

class NameExpr : public Expr {
public:
  NameExpr(llvm::SMRange r, std::string name)
      : Expr(Kind::Name, r), name(std::move(name)) {}
  std::string name;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Name; }
};

enum class UnaryOp { Neg, Not };
enum class BinaryOp {
  Add,
  Sub,
  Mul,
  Div,
  Rem,
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  And,
  Or
};
llvm::StringRef spell(BinaryOp op);

class UnaryExpr : public Expr {
public:
  UnaryExpr(llvm::SMRange r, UnaryOp op, ExprPtr operand)
      : Expr(Kind::Unary, r), op(op), operand(std::move(operand)) {
    below(this->operand);
  }
  UnaryOp op;
  ExprPtr operand;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Unary; }
};

class BinaryExpr : public Expr {
public:
  BinaryExpr(llvm::SMRange r, BinaryOp op, ExprPtr lhs, ExprPtr rhs)
      : Expr(Kind::Binary, r), op(op), lhs(std::move(lhs)),
        rhs(std::move(rhs)) {
    below(this->lhs);
    below(this->rhs);
  }
  BinaryOp op;
  ExprPtr lhs, rhs;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Binary; }
};

/// `f(a, b)`: a function or a builtin.
class CallExpr : public Expr {
public:
  CallExpr(llvm::SMRange r, std::string callee, llvm::SMRange calleeRange,
           std::vector<ExprPtr> args)
      : Expr(Kind::Call, r), callee(std::move(callee)),
        calleeRange(calleeRange), args(std::move(args)) {
    below(this->args);
  }
  std::string callee;
  llvm::SMRange calleeRange;
  std::vector<ExprPtr> args;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Call; }
};

/// `x.matmul(y)`: a method-style tensor or field operation.
class MethodExpr : public Expr {
public:
  MethodExpr(llvm::SMRange r, ExprPtr receiver, std::string method,
             llvm::SMRange methodRange, std::vector<ExprPtr> args)
      : Expr(Kind::Method, r), receiver(std::move(receiver)),
        method(std::move(method)), methodRange(methodRange),
        args(std::move(args)) {
    below(this->receiver);
    below(this->args);
  }
  ExprPtr receiver;
  std::string method;
  llvm::SMRange methodRange;
  std::vector<ExprPtr> args;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Method; }
};

/// `x[i, j]`.
class IndexExpr : public Expr {
public:
  IndexExpr(llvm::SMRange r, ExprPtr base, std::vector<ExprPtr> indices)
      : Expr(Kind::Index, r), base(std::move(base)),
        indices(std::move(indices)) {
    below(this->base);
    below(this->indices);
  }
  ExprPtr base;
  std::vector<ExprPtr> indices;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Index; }
};

/// `x as T`.
class CastExpr : public Expr {
public:
  CastExpr(llvm::SMRange r, ExprPtr operand, TypeExpr type)
      : Expr(Kind::Cast, r), operand(std::move(operand)),
        type(std::move(type)) {
    below(this->operand);
  }
  ExprPtr operand;
  TypeExpr type;
  static bool classof(const Expr *e) { return e->getKind() == Kind::Cast; }
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt;
using StmtPtr = std::unique_ptr<Stmt>;

struct CodeBlock {
  std::vector<StmtPtr> stmts;
  llvm::SMRange range;
};

class Stmt {
public:
  enum class Kind { Let, Assign, Expr, If, For, While, Return };
  Stmt(Kind kind, llvm::SMRange range) : kind(kind), range(range) {}
  virtual ~Stmt() = default;
  Kind getKind() const { return kind; }
  llvm::SMRange getRange() const { return range; }
  /// For the parser, which knows where a statement ends only at its end.
  void setRange(llvm::SMRange r) { range = r; }

private:
  Kind kind;
  llvm::SMRange range;
};

/// `@shared let mut x: T = e;` (the type or the initializer may be absent).
class LetStmt : public Stmt {
public:
  LetStmt(llvm::SMRange r) : Stmt(Kind::Let, r) {}
  std::vector<Annotation> annotations;
  bool isMutable = false;
  std::string name;
  llvm::SMRange nameRange;
  std::optional<TypeExpr> type;
  ExprPtr init;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Let; }
};

/// `x = e;` or `x[i] = e;`.
class AssignStmt : public Stmt {
public:
  AssignStmt(llvm::SMRange r, ExprPtr target, ExprPtr value)
      : Stmt(Kind::Assign, r), target(std::move(target)),
        value(std::move(value)) {}
  ExprPtr target, value;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Assign; }
};

class ExprStmt : public Stmt {
public:
  ExprStmt(llvm::SMRange r, ExprPtr expr)
      : Stmt(Kind::Expr, r), expr(std::move(expr)) {}
  ExprPtr expr;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Expr; }
};

/// `if c { ... } else { ... }`; `else if` nests an IfStmt in the else block.
class IfStmt : public Stmt {
public:
  IfStmt(llvm::SMRange r) : Stmt(Kind::If, r) {}
  ExprPtr cond;
  CodeBlock thenBlock;
  std::optional<CodeBlock> elseBlock;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::If; }
};

/// `for i in lo..hi { ... }`.
class ForStmt : public Stmt {
public:
  ForStmt(llvm::SMRange r) : Stmt(Kind::For, r) {}
  std::string var;
  llvm::SMRange varRange;
  ExprPtr lower, upper;
  CodeBlock body;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::For; }
};

class WhileStmt : public Stmt {
public:
  WhileStmt(llvm::SMRange r) : Stmt(Kind::While, r) {}
  ExprPtr cond;
  CodeBlock body;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::While; }
};

class ReturnStmt : public Stmt {
public:
  ReturnStmt(llvm::SMRange r, ExprPtr value)
      : Stmt(Kind::Return, r), value(std::move(value)) {}
  ExprPtr value;
  static bool classof(const Stmt *s) { return s->getKind() == Kind::Return; }
};

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

/// `T: Numeric` (a type parameter bounded by a trait) or `N` (a dimension).
struct GenericParam {
  std::string name;
  llvm::SMRange range;
  std::optional<std::string> bound;
  llvm::SMRange boundRange;
  bool isType() const { return bound.has_value(); }
};

struct Param {
  std::vector<Annotation> annotations;
  std::string name;
  llvm::SMRange nameRange;
  TypeExpr type;
};

struct FnDecl {
  std::vector<Annotation> annotations;
  bool isKernel = false;
  std::string name;
  llvm::SMRange nameRange;
  std::vector<GenericParam> generics;
  std::vector<Param> params;
  std::optional<TypeExpr> result;
  CodeBlock body;
  llvm::SMRange range;
  bool isGeneric() const { return !generics.empty(); }
};

struct ConstDecl {
  std::string name;
  llvm::SMRange nameRange;
  std::optional<TypeExpr> type;
  ExprPtr value;
};

struct ImportDecl {
  std::string path;
  llvm::SMRange range;
};

/// One parsed .vx file.
struct Module {
  unsigned bufferId = 0;
  std::vector<ImportDecl> imports;
  std::vector<std::unique_ptr<ConstDecl>> consts;
  std::vector<std::unique_ptr<FnDecl>> fns;
};

} // namespace vx
} // namespace vortex
} // namespace mlir

#endif // VORTEX_FRONTEND_AST_H
