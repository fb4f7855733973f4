//===- MLIRGen.cpp - vx IR from checked .vx programs ----------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Variables are SSA values; a variable assigned inside an `if`, `for` or
// `while` is threaded through the scf op as a result, an iteration argument
// or a loop-carried value, so the IR stays in SSA form without memory.
// Buffers are memrefs and their elements are loaded and stored.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/MLIRGen.h"
#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "Vortex/Dialect/CT/IR/CTOps.h"
#include "Vortex/Dialect/Field/IR/FieldDialect.h"
#include "Vortex/Dialect/Field/IR/FieldOps.h"
#include "Vortex/Dialect/Field/IR/FieldTypes.h"
#include "Vortex/Dialect/Tensor/IR/TensorDialect.h"
#include "Vortex/Dialect/Tensor/IR/TensorOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"

#include "llvm/ADT/StringSwitch.h"

#include <deque>

using namespace mlir;
using namespace mlir::vortex;
using namespace mlir::vortex::vx;
using llvm::SMRange;
using llvm::StringRef;

namespace {

/// Where a variable's current value lives, so that control flow can read and
/// rebind it.
struct Slot {
  llvm::StringMap<Value> *scope;
  std::string name;
  Value get() const { return scope->lookup(name); }
  void set(Value v) const { (*scope)[name] = v; }
};

class Generator {
public:
  Generator(const Program &program, SourceLocator &locator)
      : program(program), locator(locator), ctx(locator.getContext()), b(ctx) {}

  OwningOpRef<ModuleOp> run();

private:
  Location loc(SMRange range) const { return locator.getLoc(range); }
  Type convert(const Ty &ty);
  const Ty &typeOf(const Expr *e) const {
    return inst->exprTypes.find(e)->second;
  }

  void emitFunction(const FnInstance &fn, func::FuncOp op);
  void genBlock(const CodeBlock &block);
  void genStmt(const Stmt &stmt);
  void genIf(const IfStmt &stmt);
  void genFor(const ForStmt &stmt);
  void genWhile(const WhileStmt &stmt);

  Value gen(const Expr *e);
  Value genConst(const ConstValue &c, const Ty &ty, Location l);
  Value genIntLit(const IntLitExpr *e);
  Value genUnary(const UnaryExpr *e);
  Value genBinary(const BinaryExpr *e);
  Value genScalarBinary(BinaryOp op, const Ty &ty, Value l, Value r,
                        Location at);
  Value genCall(const CallExpr *e);
  Value genMethod(const MethodExpr *e);
  Value genIndex(const IndexExpr *e);
  Value genCast(const CastExpr *e);
  Value genScalarCast(Value v, const Ty &from, const Ty &to, Location at);
  SmallVector<Value> indices(const std::vector<ExprPtr> &exprs);
  Value fill(Value scalar, Value like, Type type, Location at);
  Value coerce(Value v, Type type, Location at);

  std::optional<Slot> lookup(StringRef name);
  void bind(StringRef name, Value v) { scopes.back()[name] = v; }
  /// The variables of enclosing scopes that `block` assigns, in order of
  /// first assignment; buffers are excluded (their stores need no threading).
  std::vector<Slot> assignedIn(const CodeBlock &block);
  void collectAssigned(const CodeBlock &block, std::vector<Slot> &slots);

  const Program &program;
  SourceLocator &locator;
  MLIRContext *ctx;
  OpBuilder b;
  const FnInstance *inst = nullptr;
  // A deque: slots point into scopes that must not move as scopes open.
  std::deque<llvm::StringMap<Value>> scopes;
};
} // namespace

//===----------------------------------------------------------------------===//
// Types and module
//===----------------------------------------------------------------------===//

Type Generator::convert(const Ty &ty) {
  switch (ty.getKind()) {
  case Ty::Kind::Bool:
    return b.getI1Type();
  case Ty::Kind::Int:
    return b.getIntegerType(ty.getWidth());
  case Ty::Kind::Float:
    switch (ty.getFloatKind()) {
    case Ty::FloatKind::F16:
      return b.getF16Type();
    case Ty::FloatKind::BF16:
      return b.getBF16Type();
    case Ty::FloatKind::F32:
      return b.getF32Type();
    case Ty::FloatKind::F64:
      return b.getF64Type();
    }
    break;
  case Ty::Kind::Field:
    return vx_field::PrimeFieldType::get(ctx, ty.getModulus());
  case Ty::Kind::Tensor:
  case Ty::Kind::Buffer: {
    SmallVector<int64_t> shape;
    for (const Dim &d : ty.getDims())
      shape.push_back(d.isStatic() ? d.size : ShapedType::kDynamic);
    Type element = convert(ty.getElement());
    if (ty.isTensor())
      return RankedTensorType::get(shape, element);
    Attribute space;
    switch (ty.getSpace()) {
    case Ty::Space::Global:
      space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Global);
      break;
    case Ty::Space::Shared:
      space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
      break;
    case Ty::Space::Local:
      space = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Private);
      break;
    case Ty::Space::Default:
      break;
    }
    return MemRefType::get(shape, element, MemRefLayoutAttrInterface(), space);
  }
  case Ty::Kind::Error:
  case Ty::Kind::Void:
    break;
  }
  return NoneType::get(ctx);
}

OwningOpRef<ModuleOp> Generator::run() {
  Location moduleLoc = UnknownLoc::get(ctx);
  if (!program.modules.empty()) {
    const llvm::MemoryBuffer *buffer = locator.getSourceMgr().getMemoryBuffer(
        program.modules.front()->bufferId);
    moduleLoc = FileLineColLoc::get(ctx, buffer->getBufferIdentifier(), 1, 1);
  }
  OwningOpRef<ModuleOp> module = ModuleOp::create(moduleLoc);
  // Declare every function first, so that calls may refer to any of them.
  std::vector<func::FuncOp> funcs;
  for (const auto &fn : program.instances) {
    b.setInsertionPointToEnd(module->getBody());
    SmallVector<Type> params, results;
    for (const Ty &ty : fn->paramTypes)
      params.push_back(convert(ty));
    if (!fn->resultType.isVoid())
      results.push_back(convert(fn->resultType));
    auto op = func::FuncOp::create(b, loc(fn->decl->nameRange), fn->symbol,
                                   b.getFunctionType(params, results));
    if (!fn->isPublic)
      op.setPrivate();
    for (const Annotation &a : fn->decl->annotations)
      if (a.name == "constant_time")
        op->setAttr(vx_ct::VxCTDialect::kConstantTimeAttrName, b.getUnitAttr());
    for (auto [i, p] : llvm::enumerate(fn->decl->params))
      for (const Annotation &a : p.annotations)
        if (a.name == "secret")
          op.setArgAttr(i, vx_ct::VxCTDialect::kSecretAttrName,
                        b.getUnitAttr());
    funcs.push_back(op);
  }
  for (auto [fn, op] : llvm::zip(program.instances, funcs))
    emitFunction(*fn, op);
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

void Generator::emitFunction(const FnInstance &fn, func::FuncOp op) {
  inst = &fn;
  scopes.clear();
  scopes.emplace_back();
  Block *entry = op.addEntryBlock();
  b.setInsertionPointToStart(entry);
  for (auto [p, arg] : llvm::zip(fn.decl->params, entry->getArguments())) {
    arg.setLoc(loc(p.nameRange));
    bind(p.name, arg);
  }
  genBlock(fn.decl->body);
  const auto &stmts = fn.decl->body.stmts;
  if (stmts.empty() || !llvm::isa<ReturnStmt>(stmts.back().get()))
    func::ReturnOp::create(b, loc(fn.decl->body.range));
}

//===----------------------------------------------------------------------===//
// Variables and statements
//===----------------------------------------------------------------------===//

std::optional<Slot> Generator::lookup(StringRef name) {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it)
    if (it->count(name))
      return Slot{&*it, name.str()};
  return std::nullopt;
}

void Generator::collectAssigned(const CodeBlock &block,
                                std::vector<Slot> &slots) {
  for (const StmtPtr &stmt : block.stmts) {
    if (auto *assign = llvm::dyn_cast<AssignStmt>(stmt.get())) {
      const Expr *target = assign->target.get();
      if (auto *index = llvm::dyn_cast<IndexExpr>(target))
        target = index->base.get();
      auto *name = llvm::dyn_cast<NameExpr>(target);
      if (!name)
        continue;
      std::optional<Slot> slot = lookup(name->name);
      if (!slot || isa<MemRefType>(slot->get().getType()))
        continue;
      bool seen = llvm::any_of(slots, [&](const Slot &s) {
        return s.scope == slot->scope && s.name == slot->name;
      });
      if (!seen)
        slots.push_back(*slot);
    } else if (auto *ifStmt = llvm::dyn_cast<IfStmt>(stmt.get())) {
      collectAssigned(ifStmt->thenBlock, slots);
      if (ifStmt->elseBlock)
        collectAssigned(*ifStmt->elseBlock, slots);
    } else if (auto *forStmt = llvm::dyn_cast<ForStmt>(stmt.get())) {
      collectAssigned(forStmt->body, slots);
    } else if (auto *whileStmt = llvm::dyn_cast<WhileStmt>(stmt.get())) {
      collectAssigned(whileStmt->body, slots);
    }
  }
}

std::vector<Slot> Generator::assignedIn(const CodeBlock &block) {
  std::vector<Slot> slots;
  collectAssigned(block, slots);
  return slots;
}

void Generator::genBlock(const CodeBlock &block) {
  for (const StmtPtr &stmt : block.stmts)
    genStmt(*stmt);
}

static SmallVector<Value> current(const std::vector<Slot> &slots) {
  SmallVector<Value> values;
  for (const Slot &s : slots)
    values.push_back(s.get());
  return values;
}

void Generator::genStmt(const Stmt &stmt) {
  Location at = loc(stmt.getRange());
  switch (stmt.getKind()) {
  case Stmt::Kind::Let: {
    auto &let = llvm::cast<LetStmt>(stmt);
    const Ty &ty = inst->letTypes.find(&stmt)->second;
    Type type = convert(ty);
    if (ty.isBuffer()) {
      bind(let.name, memref::AllocaOp::create(b, at, cast<MemRefType>(type)));
      return;
    }
    Value v = coerce(gen(let.init.get()), type, at);
    for (const Annotation &a : let.annotations)
      if (a.name == "secret")
        v = vx_ct::ConcealOp::create(b, at, v);
    bind(let.name, v);
    return;
  }
  case Stmt::Kind::Assign: {
    auto &assign = llvm::cast<AssignStmt>(stmt);
    Value value = gen(assign.value.get());
    if (auto *name = llvm::dyn_cast<NameExpr>(assign.target.get())) {
      std::optional<Slot> slot = lookup(name->name);
      slot->set(coerce(value, slot->get().getType(), at));
      return;
    }
    auto *index = llvm::cast<IndexExpr>(assign.target.get());
    auto *name = llvm::cast<NameExpr>(index->base.get());
    std::optional<Slot> slot = lookup(name->name);
    Value base = slot->get();
    SmallVector<Value> idx = indices(index->indices);
    if (isa<MemRefType>(base.getType())) {
      memref::StoreOp::create(b, at, value, base, idx);
      return;
    }
    slot->set(tensor::InsertOp::create(b, at, value, base, idx));
    return;
  }
  case Stmt::Kind::Expr:
    gen(llvm::cast<ExprStmt>(stmt).expr.get());
    return;
  case Stmt::Kind::If:
    genIf(llvm::cast<IfStmt>(stmt));
    return;
  case Stmt::Kind::For:
    genFor(llvm::cast<ForStmt>(stmt));
    return;
  case Stmt::Kind::While:
    genWhile(llvm::cast<WhileStmt>(stmt));
    return;
  case Stmt::Kind::Return: {
    auto &ret = llvm::cast<ReturnStmt>(stmt);
    SmallVector<Value> values;
    if (ret.value)
      values.push_back(
          coerce(gen(ret.value.get()), convert(inst->resultType), at));
    func::ReturnOp::create(b, at, values);
    return;
  }
  }
}

void Generator::genIf(const IfStmt &stmt) {
  Location at = loc(stmt.getRange());
  Value cond = gen(stmt.cond.get());
  std::vector<Slot> slots = assignedIn(stmt.thenBlock);
  if (stmt.elseBlock)
    collectAssigned(*stmt.elseBlock, slots);
  SmallVector<Value> before = current(slots);
  auto branch = [&](const CodeBlock *block) {
    return [&, block](OpBuilder &, Location l) {
      for (auto [s, v] : llvm::zip(slots, before))
        s.set(v);
      if (block) {
        scopes.emplace_back();
        genBlock(*block);
        scopes.pop_back();
      }
      scf::YieldOp::create(b, l, current(slots));
    };
  };
  auto ifOp =
      scf::IfOp::create(b, at, cond, branch(&stmt.thenBlock),
                        branch(stmt.elseBlock ? &*stmt.elseBlock : nullptr));
  for (auto [s, v] : llvm::zip(slots, ifOp.getResults()))
    s.set(v);
}

void Generator::genFor(const ForStmt &stmt) {
  Location at = loc(stmt.getRange());
  Value lower = gen(stmt.lower.get());
  Value upper = gen(stmt.upper.get());
  const Ty &ivType = typeOf(stmt.lower.get());
  Value step =
      arith::ConstantOp::create(b, at, b.getIntegerAttr(lower.getType(), 1));
  std::vector<Slot> slots = assignedIn(stmt.body);
  auto forOp = scf::ForOp::create(
      b, at, lower, upper, step, current(slots),
      [&](OpBuilder &, Location l, Value iv, ValueRange args) {
        for (auto [s, v] : llvm::zip(slots, args))
          s.set(v);
        scopes.emplace_back();
        bind(stmt.var, iv);
        genBlock(stmt.body);
        scopes.pop_back();
        scf::YieldOp::create(b, l, current(slots));
      },
      /*unsignedCmp=*/!ivType.isSigned());
  forOp.getInductionVar().setLoc(loc(stmt.varRange));
  for (auto [s, v] : llvm::zip(slots, forOp.getResults()))
    s.set(v);
}

void Generator::genWhile(const WhileStmt &stmt) {
  Location at = loc(stmt.getRange());
  std::vector<Slot> slots = assignedIn(stmt.body);
  SmallVector<Value> inits = current(slots);
  SmallVector<Type> types;
  for (Value v : inits)
    types.push_back(v.getType());
  auto whileOp = scf::WhileOp::create(
      b, at, types, inits,
      [&](OpBuilder &, Location l, ValueRange args) {
        for (auto [s, v] : llvm::zip(slots, args))
          s.set(v);
        Value cond = gen(stmt.cond.get());
        scf::ConditionOp::create(b, l, cond, current(slots));
      },
      [&](OpBuilder &, Location l, ValueRange args) {
        for (auto [s, v] : llvm::zip(slots, args))
          s.set(v);
        scopes.emplace_back();
        genBlock(stmt.body);
        scopes.pop_back();
        scf::YieldOp::create(b, l, current(slots));
      });
  for (auto [s, v] : llvm::zip(slots, whileOp.getResults()))
    s.set(v);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Value Generator::coerce(Value v, Type type, Location at) {
  if (v.getType() == type)
    return v;
  if (isa<RankedTensorType>(v.getType()) && isa<RankedTensorType>(type))
    return tensor::CastOp::create(b, at, type, v);
  if (isa<MemRefType>(v.getType()) && isa<MemRefType>(type))
    return memref::CastOp::create(b, at, type, v);
  return v;
}

Value Generator::fill(Value scalar, Value like, Type type, Location at) {
  auto tensorType = cast<RankedTensorType>(type);
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < tensorType.getRank(); ++i)
    if (tensorType.isDynamicDim(i))
      sizes.push_back(tensor::DimOp::create(b, at, like, i));
  Value empty = tensor::EmptyOp::create(b, at, tensorType, sizes);
  return linalg::FillOp::create(b, at, ValueRange{scalar}, ValueRange{empty})
      .getResult(0);
}

SmallVector<Value> Generator::indices(const std::vector<ExprPtr> &exprs) {
  SmallVector<Value> result;
  for (const ExprPtr &e : exprs) {
    Value v = gen(e.get());
    result.push_back(
        arith::IndexCastOp::create(b, loc(e->getRange()), b.getIndexType(), v));
  }
  return result;
}

Value Generator::genConst(const ConstValue &c, const Ty &ty, Location at) {
  Type type = convert(ty);
  if (ty.isBool())
    return arith::ConstantOp::create(b, at, b.getBoolAttr(c.boolValue));
  if (ty.isInt())
    return arith::ConstantOp::create(
        b, at, b.getIntegerAttr(type, c.intValue.sextOrTrunc(ty.getWidth())));
  return arith::ConstantOp::create(b, at, b.getFloatAttr(type, c.floatValue));
}

Value Generator::genIntLit(const IntLitExpr *e) {
  const Ty &ty = typeOf(e);
  Location at = loc(e->getRange());
  Type type = convert(ty);
  if (ty.isField()) {
    auto attr = vx_field::ElementAttr::get(type, e->value);
    return vx_field::ConstantOp::create(b, at, type, attr);
  }
  if (ty.isFloat())
    return arith::ConstantOp::create(
        b, at, b.getFloatAttr(type, e->value.roundToDouble(false)));
  return arith::ConstantOp::create(
      b, at, b.getIntegerAttr(type, e->value.zextOrTrunc(ty.getWidth())));
}

Value Generator::gen(const Expr *e) {
  Location at = loc(e->getRange());
  switch (e->getKind()) {
  case Expr::Kind::IntLit:
    return genIntLit(llvm::cast<IntLitExpr>(e));
  case Expr::Kind::FloatLit:
    return arith::ConstantOp::create(
        b, at,
        b.getFloatAttr(convert(typeOf(e)), llvm::cast<FloatLitExpr>(e)->value));
  case Expr::Kind::BoolLit:
    return arith::ConstantOp::create(
        b, at, b.getBoolAttr(llvm::cast<BoolLitExpr>(e)->value));
  case Expr::Kind::Name: {
    StringRef name = llvm::cast<NameExpr>(e)->name;
    if (std::optional<Slot> slot = lookup(name))
      return slot->get();
    return genConst(program.consts.find(name)->second, typeOf(e), at);
  }
  case Expr::Kind::Unary:
    return genUnary(llvm::cast<UnaryExpr>(e));
  case Expr::Kind::Binary:
    return genBinary(llvm::cast<BinaryExpr>(e));
  case Expr::Kind::Call:
    return genCall(llvm::cast<CallExpr>(e));
  case Expr::Kind::Method:
    return genMethod(llvm::cast<MethodExpr>(e));
  case Expr::Kind::Index:
    return genIndex(llvm::cast<IndexExpr>(e));
  case Expr::Kind::Cast:
    return genCast(llvm::cast<CastExpr>(e));
  }
  return {};
}

Value Generator::genUnary(const UnaryExpr *e) {
  Location at = loc(e->getRange());
  Value v = gen(e->operand.get());
  const Ty &ty = typeOf(e);
  if (e->op == UnaryOp::Not)
    return arith::XOrIOp::create(
        b, at, v, arith::ConstantOp::create(b, at, b.getBoolAttr(true)));
  const Ty &elem = ty.isTensor() ? ty.getElement() : ty;
  if (elem.isField())
    return vx_field::NegOp::create(b, at, v);
  if (ty.isTensor())
    return vx_tensor::NegOp::create(b, at, v);
  if (ty.isFloat())
    return arith::NegFOp::create(b, at, v);
  Value zero =
      arith::ConstantOp::create(b, at, b.getIntegerAttr(v.getType(), 0));
  return arith::SubIOp::create(b, at, zero, v);
}

Value Generator::genScalarBinary(BinaryOp op, const Ty &ty, Value l, Value r,
                                 Location at) {
  if (ty.isField()) {
    switch (op) {
    case BinaryOp::Add:
      return vx_field::AddOp::create(b, at, l, r);
    case BinaryOp::Sub:
      return vx_field::SubOp::create(b, at, l, r);
    case BinaryOp::Mul:
      return vx_field::MulOp::create(b, at, l, r);
    case BinaryOp::Div:
      return vx_field::MulOp::create(b, at, l,
                                     vx_field::InvOp::create(b, at, r));
    case BinaryOp::Eq:
      return vx_field::EqOp::create(b, at, l, r);
    case BinaryOp::Ne:
      return arith::XOrIOp::create(
          b, at, vx_field::EqOp::create(b, at, l, r),
          arith::ConstantOp::create(b, at, b.getBoolAttr(true)));
    default:
      break;
    }
    return {};
  }
  if (ty.isFloat()) {
    using P = arith::CmpFPredicate;
    auto cmp = [&](P p) { return arith::CmpFOp::create(b, at, p, l, r); };
    switch (op) {
    case BinaryOp::Add:
      return arith::AddFOp::create(b, at, l, r);
    case BinaryOp::Sub:
      return arith::SubFOp::create(b, at, l, r);
    case BinaryOp::Mul:
      return arith::MulFOp::create(b, at, l, r);
    case BinaryOp::Div:
      return arith::DivFOp::create(b, at, l, r);
    case BinaryOp::Rem:
      return arith::RemFOp::create(b, at, l, r);
    case BinaryOp::Eq:
      return cmp(P::OEQ);
    case BinaryOp::Ne:
      return cmp(P::UNE);
    case BinaryOp::Lt:
      return cmp(P::OLT);
    case BinaryOp::Le:
      return cmp(P::OLE);
    case BinaryOp::Gt:
      return cmp(P::OGT);
    case BinaryOp::Ge:
      return cmp(P::OGE);
    default:
      return {};
    }
  }
  using P = arith::CmpIPredicate;
  bool s = !ty.isInt() || ty.isSigned();
  auto cmp = [&](P p) { return arith::CmpIOp::create(b, at, p, l, r); };
  switch (op) {
  case BinaryOp::Add:
    return arith::AddIOp::create(b, at, l, r);
  case BinaryOp::Sub:
    return arith::SubIOp::create(b, at, l, r);
  case BinaryOp::Mul:
    return arith::MulIOp::create(b, at, l, r);
  case BinaryOp::Div:
    return s ? (Value)arith::DivSIOp::create(b, at, l, r)
             : (Value)arith::DivUIOp::create(b, at, l, r);
  case BinaryOp::Rem:
    return s ? (Value)arith::RemSIOp::create(b, at, l, r)
             : (Value)arith::RemUIOp::create(b, at, l, r);
  case BinaryOp::Eq:
    return cmp(P::eq);
  case BinaryOp::Ne:
    return cmp(P::ne);
  case BinaryOp::Lt:
    return cmp(s ? P::slt : P::ult);
  case BinaryOp::Le:
    return cmp(s ? P::sle : P::ule);
  case BinaryOp::Gt:
    return cmp(s ? P::sgt : P::ugt);
  case BinaryOp::Ge:
    return cmp(s ? P::sge : P::uge);
  case BinaryOp::And:
    return arith::AndIOp::create(b, at, l, r);
  case BinaryOp::Or:
    return arith::OrIOp::create(b, at, l, r);
  }
  return {};
}

Value Generator::genBinary(const BinaryExpr *e) {
  Location at = loc(e->getRange());
  Value l = gen(e->lhs.get());
  Value r = gen(e->rhs.get());
  const Ty &lt = typeOf(e->lhs.get()), &rt = typeOf(e->rhs.get());
  if (!lt.isTensor() && !rt.isTensor())
    return genScalarBinary(e->op, lt, l, r, at);
  // A scalar operand is splatted to the tensor's shape.
  if (!lt.isTensor())
    l = fill(l, r, r.getType(), at);
  if (!rt.isTensor())
    r = fill(r, l, l.getType(), at);
  const Ty &elem = (lt.isTensor() ? lt : rt).getElement();
  if (elem.isField()) {
    switch (e->op) {
    case BinaryOp::Add:
      return vx_field::AddOp::create(b, at, l, r);
    case BinaryOp::Sub:
      return vx_field::SubOp::create(b, at, l, r);
    default:
      return vx_field::MulOp::create(b, at, l, r);
    }
  }
  switch (e->op) {
  case BinaryOp::Add:
    return vx_tensor::AddOp::create(b, at, l, r);
  case BinaryOp::Sub:
    return vx_tensor::SubOp::create(b, at, l, r);
  case BinaryOp::Mul:
    return vx_tensor::MulOp::create(b, at, l, r);
  default:
    return vx_tensor::DivOp::create(b, at, l, r);
  }
}

Value Generator::genCall(const CallExpr *e) {
  Location at = loc(e->getRange());
  StringRef callee = e->callee;
  if (callee == "conceal")
    return vx_ct::ConcealOp::create(b, at, gen(e->args[0].get()));
  if (callee == "declassify")
    return vx_ct::DeclassifyOp::create(b, at, gen(e->args[0].get()));
  if (callee == "select") {
    Value cond = gen(e->args[0].get());
    Value t = gen(e->args[1].get());
    Value f = gen(e->args[2].get());
    return vx_ct::SelectOp::create(b, at, t.getType(), cond, t, f);
  }
  if (callee == "full_like") {
    Value like = gen(e->args[0].get());
    Value value = gen(e->args[1].get());
    return fill(value, like, like.getType(), at);
  }
  const FnInstance *target = inst->callees.find(e)->second;
  SmallVector<Value> args;
  for (auto [arg, ty] : llvm::zip(e->args, target->paramTypes))
    args.push_back(coerce(gen(arg.get()), convert(ty), at));
  SmallVector<Type> results;
  if (!target->resultType.isVoid())
    results.push_back(convert(target->resultType));
  auto call = func::CallOp::create(b, at, target->symbol, results, args);
  if (results.empty())
    return {};
  return coerce(call.getResult(0), convert(typeOf(e)), at);
}

Value Generator::genMethod(const MethodExpr *e) {
  Location at = loc(e->getRange());
  Value x = gen(e->receiver.get());
  const Ty &recv = typeOf(e->receiver.get());
  const Ty &elem = recv.isTensor() ? recv.getElement() : recv;
  StringRef name = e->method;
  const std::vector<ConstValue> &consts = inst->constArgs.find(e)->second;
  SmallVector<int64_t> ints;
  for (const ConstValue &c : consts)
    if (c.type.isInt() && c.type.isSigned())
      ints.push_back(c.intValue.getSExtValue());
  Type resultType = convert(typeOf(e));
  auto done = [&](Value v) { return coerce(v, resultType, at); };

  if (name == "inv")
    return vx_field::InvOp::create(b, at, x);
  if (name == "square")
    return vx_field::SquareOp::create(b, at, x);
  if (name == "pow") {
    const llvm::APInt &k = consts[0].intValue;
    return vx_field::PowOp::create(
        b, at, x, b.getIntegerAttr(b.getIntegerType(k.getBitWidth()), k));
  }
  if (name == "neg")
    return elem.isField() ? (Value)vx_field::NegOp::create(b, at, x)
                          : (Value)vx_tensor::NegOp::create(b, at, x);
  if (name == "matmul")
    return done(vx_tensor::MatmulOp::create(b, at, x, gen(e->args[0].get())));
  if (name == "linear")
    return done(vx_tensor::LinearOp::create(
        b, at, x, gen(e->args[0].get()),
        e->args.size() == 2 ? gen(e->args[1].get()) : Value()));
  if (name == "maximum")
    return done(vx_tensor::MaxOp::create(b, at, x, gen(e->args[0].get())));
  if (name == "minimum")
    return done(vx_tensor::MinOp::create(b, at, x, gen(e->args[0].get())));
  if (name == "transpose")
    return done(vx_tensor::TransposeOp::create(b, at, x, ints));
  if (name == "softmax")
    return vx_tensor::SoftmaxOp::create(b, at, x, ints[0]);
  if (name == "sum")
    return done(vx_tensor::ReduceSumOp::create(b, at, x, ints));
  if (name == "max")
    return done(vx_tensor::ReduceMaxOp::create(b, at, x, ints));
  if (name == "min")
    return done(vx_tensor::ReduceMinOp::create(b, at, x, ints));
  if (name == "mean")
    return done(vx_tensor::ReduceMeanOp::create(b, at, x, ints));
  if (name == "rms_norm")
    return done(
        vx_tensor::RMSNormOp::create(b, at, x, gen(e->args[0].get()),
                                     b.getF64FloatAttr(consts[0].floatValue)));
  if (name == "dim") {
    Value size = tensor::DimOp::create(b, at, x, ints[0]);
    return arith::IndexCastOp::create(b, at, b.getI64Type(), size);
  }
  if (name == "gelu")
    return vx_tensor::GeluOp::create(b, at, x);
  if (name == "relu")
    return vx_tensor::ReluOp::create(b, at, x);
  if (name == "exp")
    return vx_tensor::ExpOp::create(b, at, x);
  if (name == "log")
    return vx_tensor::LogOp::create(b, at, x);
  if (name == "sqrt")
    return vx_tensor::SqrtOp::create(b, at, x);
  if (name == "rsqrt")
    return vx_tensor::RsqrtOp::create(b, at, x);
  if (name == "tanh")
    return vx_tensor::TanhOp::create(b, at, x);
  return vx_tensor::SiluOp::create(b, at, x);
}

Value Generator::genIndex(const IndexExpr *e) {
  Location at = loc(e->getRange());
  Value base = gen(e->base.get());
  SmallVector<Value> idx = indices(e->indices);
  if (isa<MemRefType>(base.getType()))
    return memref::LoadOp::create(b, at, base, idx);
  return tensor::ExtractOp::create(b, at, base, idx);
}

Value Generator::genScalarCast(Value v, const Ty &from, const Ty &to,
                               Location at) {
  Type type = convert(to);
  if (from == to)
    return v;
  if (to.isBool()) {
    if (from.isFloat())
      return arith::CmpFOp::create(
          b, at, arith::CmpFPredicate::UNE, v,
          arith::ConstantOp::create(b, at, b.getFloatAttr(v.getType(), 0)));
    return arith::CmpIOp::create(
        b, at, arith::CmpIPredicate::ne, v,
        arith::ConstantOp::create(b, at, b.getIntegerAttr(v.getType(), 0)));
  }
  bool fromSigned = from.isInt() && from.isSigned();
  if (from.isFloat() && to.isFloat()) {
    if (from.getWidth() < to.getWidth())
      return arith::ExtFOp::create(b, at, type, v);
    if (from.getWidth() > to.getWidth())
      return arith::TruncFOp::create(b, at, type, v);
    // f16 <-> bf16 goes through f32, which holds both exactly.
    Value wide = arith::ExtFOp::create(b, at, b.getF32Type(), v);
    return arith::TruncFOp::create(b, at, type, wide);
  }
  if (to.isFloat())
    return fromSigned ? (Value)arith::SIToFPOp::create(b, at, type, v)
                      : (Value)arith::UIToFPOp::create(b, at, type, v);
  if (from.isFloat())
    return to.isSigned() ? (Value)arith::FPToSIOp::create(b, at, type, v)
                         : (Value)arith::FPToUIOp::create(b, at, type, v);
  unsigned fw = from.isBool() ? 1 : from.getWidth();
  if (fw < to.getWidth())
    return fromSigned ? (Value)arith::ExtSIOp::create(b, at, type, v)
                      : (Value)arith::ExtUIOp::create(b, at, type, v);
  if (fw > to.getWidth())
    return arith::TruncIOp::create(b, at, type, v);
  return v;
}

Value Generator::genCast(const CastExpr *e) {
  Location at = loc(e->getRange());
  Value v = gen(e->operand.get());
  const Ty &from = typeOf(e->operand.get());
  const Ty &to = typeOf(e);
  if (from.isTensor()) {
    if (from == to)
      return v;
    return vx_tensor::CastOp::create(b, at, convert(to), v);
  }
  return genScalarCast(v, from, to, at);
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

void mlir::vortex::vx::registerFrontendDialects(DialectRegistry &registry) {
  registry.insert<func::FuncDialect, arith::ArithDialect, scf::SCFDialect,
                  tensor::TensorDialect, linalg::LinalgDialect,
                  memref::MemRefDialect, gpu::GPUDialect,
                  vx_tensor::VxTensorDialect, vx_field::VxFieldDialect,
                  vx_ct::VxCTDialect>();
}

OwningOpRef<ModuleOp> mlir::vortex::vx::emitModule(const Program &program,
                                                   SourceLocator &locator) {
  return Generator(program, locator).run();
}
