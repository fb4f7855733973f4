//===- Parser.cpp - Parser of the .vx language ----------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Recursive descent over the grammar of docs/Language.md. Each parse function
// returns null (or failure) after reporting an error; statement and
// declaration loops then skip to a token that can start the next one, so
// that later errors are still found.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/Parser.h"
#include "Vortex/Frontend/Lexer.h"

#include "llvm/Support/MemoryBuffer.h"

#include <cstdlib>

using namespace mlir::vortex::vx;
using llvm::SMLoc;
using llvm::SMRange;
using llvm::StringRef;

StringRef mlir::vortex::vx::spell(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Mul:
    return "*";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::Rem:
    return "%";
  case BinaryOp::Eq:
    return "==";
  case BinaryOp::Ne:
    return "!=";
  case BinaryOp::Lt:
    return "<";
  case BinaryOp::Le:
    return "<=";
  case BinaryOp::Gt:
    return ">";
  case BinaryOp::Ge:
    return ">=";
  case BinaryOp::And:
    return "&&";
  case BinaryOp::Or:
    return "||";
  }
  return "?";
}

namespace {
/// Nesting deeper than this is reported instead of exhausting the stack.
constexpr unsigned kMaxNesting = 256;
/// Expression trees higher than this (long chains such as `a + a + ...`)
/// likewise.
constexpr unsigned kMaxExprHeight = 256;

class Parser {
public:
  Parser(SourceLocator &locator, StringRef buffer)
      : locator(locator), lexer(buffer) {
    consume();
  }

  std::unique_ptr<Module> parseModule();

private:
  //===--- Tokens ---------------------------------------------------------===//
  void consume() {
    prevEnd = tok.getEndLoc();
    tok = lexer.next();
    // Lexical errors are reported here, once; the parser then sees an error
    // token, which no rule accepts, and recovers without reporting more.
    if (tok.is(TokenKind::error))
      locator.emitError(tok.getRange(), lexer.getErrorMessage());
  }
  bool consumeIf(TokenKind kind) {
    if (!tok.is(kind))
      return false;
    consume();
    return true;
  }
  bool expect(TokenKind kind, StringRef context) {
    if (consumeIf(kind))
      return true;
    // A missing ';' belongs at the end of what it should follow, which is
    // often on the line before the next token.
    if (tok.is(TokenKind::error))
      return false;
    if (kind == TokenKind::semicolon && prevEnd.isValid()) {
      locator.emitError(SMRange{prevEnd, prevEnd},
                        llvm::Twine("expected ';' ") + context);
      return false;
    }
    errorAtToken(llvm::Twine("expected ") + spell(kind) + " " + context);
    return false;
  }
  void errorAtToken(const llvm::Twine &message) {
    if (tok.is(TokenKind::error))
      return;
    if (tok.is(TokenKind::eof))
      locator.emitError(tok.getRange(), message + ", found end of file");
    else
      locator.emitError(tok.getRange(), message + ", found '" + tok.text + "'");
  }
  SMRange rangeFrom(SMLoc start) const { return {start, prevEnd}; }

  //===--- Recovery -------------------------------------------------------===//
  bool startsStatement() const {
    switch (tok.kind) {
    case TokenKind::kw_let:
    case TokenKind::kw_if:
    case TokenKind::kw_for:
    case TokenKind::kw_while:
    case TokenKind::kw_return:
      return true;
    default:
      return false;
    }
  }
  bool startsDeclaration() const {
    return tok.is(TokenKind::kw_fn) || tok.is(TokenKind::kw_kernel) ||
           tok.is(TokenKind::kw_const) || tok.is(TokenKind::kw_import) ||
           tok.is(TokenKind::at);
  }
  /// Skips to the end of the current statement: past a `;`, or before a `}`
  /// that closes the enclosing block or a keyword that starts a statement.
  void skipStatement() {
    unsigned depth = 0;
    while (!tok.is(TokenKind::eof)) {
      if (depth == 0 && (startsStatement() || tok.is(TokenKind::kw_fn) ||
                         tok.is(TokenKind::kw_kernel)))
        return;
      if (tok.is(TokenKind::l_brace)) {
        ++depth;
      } else if (tok.is(TokenKind::r_brace)) {
        if (depth == 0)
          return;
        if (--depth == 0) {
          consume();
          return;
        }
      } else if (depth == 0 && tok.is(TokenKind::semicolon)) {
        consume();
        return;
      }
      consume();
    }
  }
  /// Skips to the next top-level declaration, or past the body of the
  /// declaration that failed.
  void skipDeclaration() {
    unsigned depth = 0;
    while (!tok.is(TokenKind::eof)) {
      if (depth == 0 && startsDeclaration())
        return;
      if (tok.is(TokenKind::l_brace)) {
        ++depth;
      } else if (tok.is(TokenKind::r_brace) && depth > 0 && --depth == 0) {
        consume();
        return;
      }
      consume();
    }
  }

  //===--- Grammar --------------------------------------------------------===//
  void parseDeclaration(Module &module);
  bool parseAnnotations(std::vector<Annotation> &annotations);
  bool parseImport(Module &module);
  std::unique_ptr<ConstDecl> parseConst();
  std::unique_ptr<FnDecl> parseFn(std::vector<Annotation> annotations);
  std::optional<TypeExpr> parseType();
  bool parseDims(std::vector<DimExpr> &dims);
  bool parseBlock(CodeBlock &block);
  StmtPtr parseStatement();
  StmtPtr parseLet(std::vector<Annotation> annotations, SMLoc start);
  StmtPtr parseIf();
  StmtPtr parseFor();
  StmtPtr parseWhile();
  ExprPtr parseExpr();
  ExprPtr parseBinary(unsigned minPrecedence);
  ExprPtr parseCast();
  ExprPtr parseUnary();
  ExprPtr parsePostfix();
  ExprPtr parsePrimary();
  bool parseArgs(std::vector<ExprPtr> &args, TokenKind close);

  /// Returns `e`, or null after an error when it is too high.
  ExprPtr limitHeight(ExprPtr e) {
    if (!e || e->getHeight() <= kMaxExprHeight)
      return e;
    if (!reportedHeight) {
      reportedHeight = true;
      locator.emitError(e->getRange(),
                        "expression is too deeply nested; split it with 'let'");
    }
    return nullptr;
  }

  /// Guards recursion; reports once when the nesting is too deep.
  struct DepthGuard {
    Parser &p;
    bool ok;
    DepthGuard(Parser &p) : p(p), ok(++p.depth <= kMaxNesting) {
      if (!ok && !p.reportedDepth) {
        p.reportedDepth = true;
        p.locator.emitError(p.tok.getRange(), "nesting is too deep");
      }
    }
    ~DepthGuard() { --p.depth; }
  };

  SourceLocator &locator;
  Lexer lexer;
  Token tok;
  SMLoc prevEnd;
  unsigned depth = 0;
  bool reportedDepth = false;
  bool reportedHeight = false;
};
} // namespace

std::unique_ptr<Module> Parser::parseModule() {
  auto module = std::make_unique<Module>();
  while (!tok.is(TokenKind::eof)) {
    const char *before = tok.text.data();
    parseDeclaration(*module);
    // Every error path consumes at least one token, but make sure of it.
    if (tok.text.data() == before && !tok.is(TokenKind::eof))
      consume();
  }
  return module;
}

void Parser::parseDeclaration(Module &module) {
  {
    if (tok.is(TokenKind::kw_import)) {
      if (!parseImport(module))
        skipDeclaration();
      return;
    }
    if (tok.is(TokenKind::kw_const)) {
      if (auto decl = parseConst())
        module.consts.push_back(std::move(decl));
      else
        skipDeclaration();
      return;
    }
    std::vector<Annotation> annotations;
    if (!parseAnnotations(annotations)) {
      skipDeclaration();
      return;
    }
    if (tok.is(TokenKind::kw_fn) || tok.is(TokenKind::kw_kernel)) {
      if (auto fn = parseFn(std::move(annotations)))
        module.fns.push_back(std::move(fn));
      else
        skipDeclaration();
      return;
    }
    errorAtToken("expected 'fn', 'kernel fn', 'const' or 'import'");
    consume();
    skipDeclaration();
  }
}

bool Parser::parseAnnotations(std::vector<Annotation> &annotations) {
  while (tok.is(TokenKind::at)) {
    SMLoc start = tok.getLoc();
    consume();
    if (!tok.is(TokenKind::identifier)) {
      errorAtToken("expected an annotation name after '@'");
      return false;
    }
    annotations.push_back({tok.text.str(), {start, tok.getEndLoc()}});
    consume();
  }
  return true;
}

bool Parser::parseImport(Module &module) {
  SMLoc start = tok.getLoc();
  consume();
  if (!tok.is(TokenKind::string)) {
    errorAtToken("expected a file name in quotes after 'import'");
    return false;
  }
  std::string path = tok.text.drop_front().drop_back().str();
  consume();
  SMRange range = rangeFrom(start);
  if (!expect(TokenKind::semicolon, "after an import"))
    return false;
  module.imports.push_back({path, range});
  return true;
}

std::unique_ptr<ConstDecl> Parser::parseConst() {
  consume();
  auto decl = std::make_unique<ConstDecl>();
  if (!tok.is(TokenKind::identifier)) {
    errorAtToken("expected a constant name");
    return nullptr;
  }
  decl->name = tok.text.str();
  decl->nameRange = tok.getRange();
  consume();
  if (consumeIf(TokenKind::colon)) {
    decl->type = parseType();
    if (!decl->type)
      return nullptr;
  }
  if (!expect(TokenKind::equal, "in a constant declaration"))
    return nullptr;
  decl->value = parseExpr();
  if (!decl->value || !expect(TokenKind::semicolon, "after a constant"))
    return nullptr;
  return decl;
}

std::unique_ptr<FnDecl> Parser::parseFn(std::vector<Annotation> annotations) {
  auto fn = std::make_unique<FnDecl>();
  SMLoc start = annotations.empty() ? tok.getLoc() : annotations[0].range.Start;
  fn->annotations = std::move(annotations);
  if (consumeIf(TokenKind::kw_kernel))
    fn->isKernel = true;
  if (!expect(TokenKind::kw_fn,
              fn->isKernel ? "after 'kernel'" : "to start a function"))
    return nullptr;
  if (!tok.is(TokenKind::identifier)) {
    errorAtToken("expected a function name");
    return nullptr;
  }
  fn->name = tok.text.str();
  fn->nameRange = tok.getRange();
  consume();

  if (consumeIf(TokenKind::less)) {
    do {
      if (!tok.is(TokenKind::identifier)) {
        errorAtToken("expected a generic parameter name");
        return nullptr;
      }
      GenericParam param;
      param.name = tok.text.str();
      param.range = tok.getRange();
      consume();
      if (consumeIf(TokenKind::colon)) {
        if (!tok.is(TokenKind::identifier)) {
          errorAtToken("expected a trait after ':'");
          return nullptr;
        }
        param.bound = tok.text.str();
        param.boundRange = tok.getRange();
        consume();
      }
      fn->generics.push_back(std::move(param));
    } while (consumeIf(TokenKind::comma));
    if (!expect(TokenKind::greater, "to close the generic parameters"))
      return nullptr;
  }

  if (!expect(TokenKind::l_paren, "to open the parameter list"))
    return nullptr;
  if (!tok.is(TokenKind::r_paren)) {
    do {
      Param param;
      if (!parseAnnotations(param.annotations))
        return nullptr;
      if (!tok.is(TokenKind::identifier)) {
        errorAtToken("expected a parameter name");
        return nullptr;
      }
      param.name = tok.text.str();
      param.nameRange = tok.getRange();
      consume();
      if (!expect(TokenKind::colon, "after the parameter name"))
        return nullptr;
      std::optional<TypeExpr> type = parseType();
      if (!type)
        return nullptr;
      param.type = std::move(*type);
      fn->params.push_back(std::move(param));
    } while (consumeIf(TokenKind::comma));
  }
  if (!expect(TokenKind::r_paren, "to close the parameter list"))
    return nullptr;
  if (consumeIf(TokenKind::arrow)) {
    fn->result = parseType();
    if (!fn->result)
      return nullptr;
  }
  if (!tok.is(TokenKind::l_brace)) {
    errorAtToken("expected '{' to start the function body");
    return nullptr;
  }
  // A body with errors still yields the function, so that its signature is
  // known to callers and later errors are not cascades of this one.
  parseBlock(fn->body);
  fn->range = rangeFrom(start);
  return fn;
}

std::optional<TypeExpr> Parser::parseType() {
  DepthGuard guard(*this);
  if (!guard.ok)
    return std::nullopt;
  if (!tok.is(TokenKind::identifier)) {
    errorAtToken("expected a type");
    return std::nullopt;
  }
  TypeExpr type;
  SMLoc start = tok.getLoc();
  type.name = tok.text.str();
  consume();
  if (consumeIf(TokenKind::less)) {
    do {
      if (tok.is(TokenKind::l_square)) {
        if (type.dims) {
          errorAtToken("expected one dimension list");
          return std::nullopt;
        }
        type.dims.emplace();
        if (!parseDims(*type.dims))
          return std::nullopt;
      } else if (tok.is(TokenKind::integer)) {
        type.intArg = tok.text.str();
        type.intArgRange = tok.getRange();
        consume();
      } else {
        std::optional<TypeExpr> arg = parseType();
        if (!arg)
          return std::nullopt;
        type.args.push_back(std::move(*arg));
      }
    } while (consumeIf(TokenKind::comma));
    if (!expect(TokenKind::greater, "to close the type arguments"))
      return std::nullopt;
  }
  type.range = rangeFrom(start);
  return type;
}

bool Parser::parseDims(std::vector<DimExpr> &dims) {
  consume(); // '['
  if (consumeIf(TokenKind::r_square))
    return true;
  do {
    DimExpr dim;
    dim.range = tok.getRange();
    if (tok.is(TokenKind::integer)) {
      int64_t size;
      std::string digits = tok.text.str();
      digits.erase(std::remove(digits.begin(), digits.end(), '_'),
                   digits.end());
      if (StringRef(digits).getAsInteger(0, size) || size < 0) {
        locator.emitError(tok.getRange(), "dimension size is too large");
        return false;
      }
      dim.size = size;
    } else if (tok.is(TokenKind::identifier)) {
      dim.name = tok.text.str();
    } else {
      errorAtToken("expected a dimension (a size or a name)");
      return false;
    }
    consume();
    dims.push_back(std::move(dim));
  } while (consumeIf(TokenKind::comma));
  return expect(TokenKind::r_square, "to close the dimension list");
}

bool Parser::parseBlock(CodeBlock &block) {
  DepthGuard guard(*this);
  SMLoc start = tok.getLoc();
  if (!expect(TokenKind::l_brace, "to start a block") || !guard.ok)
    return false;
  while (!tok.is(TokenKind::r_brace) && !tok.is(TokenKind::eof)) {
    if (tok.is(TokenKind::kw_fn) || tok.is(TokenKind::kw_kernel)) {
      // A missing '}' before the next function: report it at the function.
      errorAtToken("expected '}' to close the block");
      block.range = rangeFrom(start);
      return false;
    }
    const char *before = tok.text.data();
    if (StmtPtr stmt = parseStatement())
      block.stmts.push_back(std::move(stmt));
    else
      skipStatement();
    if (tok.text.data() == before)
      consume();
  }
  bool closed = expect(TokenKind::r_brace, "to close the block");
  block.range = rangeFrom(start);
  return closed;
}

StmtPtr Parser::parseStatement() {
  SMLoc start = tok.getLoc();
  if (tok.is(TokenKind::at) || tok.is(TokenKind::kw_let)) {
    std::vector<Annotation> annotations;
    if (!parseAnnotations(annotations))
      return nullptr;
    if (!tok.is(TokenKind::kw_let)) {
      errorAtToken("expected 'let' after annotations");
      return nullptr;
    }
    return parseLet(std::move(annotations), start);
  }
  if (tok.is(TokenKind::kw_if))
    return parseIf();
  if (tok.is(TokenKind::kw_for))
    return parseFor();
  if (tok.is(TokenKind::kw_while))
    return parseWhile();
  if (consumeIf(TokenKind::kw_return)) {
    ExprPtr value;
    if (!tok.is(TokenKind::semicolon)) {
      value = parseExpr();
      if (!value)
        return nullptr;
    }
    SMRange range = rangeFrom(start);
    if (!expect(TokenKind::semicolon, "after the return value"))
      return nullptr;
    return std::make_unique<ReturnStmt>(range, std::move(value));
  }
  ExprPtr expr = parseExpr();
  if (!expr)
    return nullptr;
  if (consumeIf(TokenKind::equal)) {
    ExprPtr value = parseExpr();
    if (!value)
      return nullptr;
    SMRange range = rangeFrom(start);
    if (!expect(TokenKind::semicolon, "after an assignment"))
      return nullptr;
    return std::make_unique<AssignStmt>(range, std::move(expr),
                                        std::move(value));
  }
  SMRange range = rangeFrom(start);
  if (!expect(TokenKind::semicolon, "after an expression"))
    return nullptr;
  return std::make_unique<ExprStmt>(range, std::move(expr));
}

StmtPtr Parser::parseLet(std::vector<Annotation> annotations, SMLoc start) {
  consume(); // 'let'
  auto let = std::make_unique<LetStmt>(SMRange{start, start});
  let->annotations = std::move(annotations);
  let->isMutable = consumeIf(TokenKind::kw_mut);
  if (!tok.is(TokenKind::identifier)) {
    errorAtToken("expected a variable name");
    return nullptr;
  }
  let->name = tok.text.str();
  let->nameRange = tok.getRange();
  consume();
  if (consumeIf(TokenKind::colon)) {
    let->type = parseType();
    if (!let->type)
      return nullptr;
  }
  if (consumeIf(TokenKind::equal)) {
    let->init = parseExpr();
    if (!let->init)
      return nullptr;
  }
  if (!expect(TokenKind::semicolon, "after a let statement"))
    return nullptr;
  let->setRange(rangeFrom(start));
  return let;
}

StmtPtr Parser::parseIf() {
  DepthGuard guard(*this);
  if (!guard.ok)
    return nullptr;
  SMLoc start = tok.getLoc();
  consume(); // 'if'
  auto stmt = std::make_unique<IfStmt>(SMRange{start, start});
  stmt->cond = parseExpr();
  if (!stmt->cond || !parseBlock(stmt->thenBlock))
    return nullptr;
  if (consumeIf(TokenKind::kw_else)) {
    stmt->elseBlock.emplace();
    if (tok.is(TokenKind::kw_if)) {
      SMLoc elseStart = tok.getLoc();
      StmtPtr nested = parseIf();
      if (!nested)
        return nullptr;
      stmt->elseBlock->range = rangeFrom(elseStart);
      stmt->elseBlock->stmts.push_back(std::move(nested));
    } else if (!parseBlock(*stmt->elseBlock)) {
      return nullptr;
    }
  }
  stmt->setRange(rangeFrom(start));
  return stmt;
}

StmtPtr Parser::parseFor() {
  SMLoc start = tok.getLoc();
  consume(); // 'for'
  if (!tok.is(TokenKind::identifier)) {
    errorAtToken("expected a loop variable after 'for'");
    return nullptr;
  }
  std::string var = tok.text.str();
  SMRange varRange = tok.getRange();
  consume();
  if (!expect(TokenKind::kw_in, "after the loop variable"))
    return nullptr;
  ExprPtr lower = parseExpr();
  if (!lower || !expect(TokenKind::dot_dot, "in a range 'lo..hi'"))
    return nullptr;
  ExprPtr upper = parseExpr();
  if (!upper)
    return nullptr;
  CodeBlock body;
  if (!parseBlock(body))
    return nullptr;
  auto stmt = std::make_unique<ForStmt>(rangeFrom(start));
  stmt->var = std::move(var);
  stmt->varRange = varRange;
  stmt->lower = std::move(lower);
  stmt->upper = std::move(upper);
  stmt->body = std::move(body);
  return stmt;
}

StmtPtr Parser::parseWhile() {
  SMLoc start = tok.getLoc();
  consume(); // 'while'
  ExprPtr cond = parseExpr();
  if (!cond)
    return nullptr;
  CodeBlock body;
  if (!parseBlock(body))
    return nullptr;
  auto stmt = std::make_unique<WhileStmt>(rangeFrom(start));
  stmt->cond = std::move(cond);
  stmt->body = std::move(body);
  return stmt;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

ExprPtr Parser::parseExpr() { return parseBinary(1); }

/// Binary operators and their precedence (higher binds tighter); 0 for
/// tokens that are not binary operators.
static unsigned precedence(TokenKind kind, BinaryOp &op) {
  switch (kind) {
  case TokenKind::pipe_pipe:
    op = BinaryOp::Or;
    return 1;
  case TokenKind::amp_amp:
    op = BinaryOp::And;
    return 2;
  case TokenKind::equal_equal:
    op = BinaryOp::Eq;
    return 3;
  case TokenKind::bang_equal:
    op = BinaryOp::Ne;
    return 3;
  case TokenKind::less:
    op = BinaryOp::Lt;
    return 3;
  case TokenKind::less_equal:
    op = BinaryOp::Le;
    return 3;
  case TokenKind::greater:
    op = BinaryOp::Gt;
    return 3;
  case TokenKind::greater_equal:
    op = BinaryOp::Ge;
    return 3;
  case TokenKind::plus:
    op = BinaryOp::Add;
    return 4;
  case TokenKind::minus:
    op = BinaryOp::Sub;
    return 4;
  case TokenKind::star:
    op = BinaryOp::Mul;
    return 5;
  case TokenKind::slash:
    op = BinaryOp::Div;
    return 5;
  case TokenKind::percent:
    op = BinaryOp::Rem;
    return 5;
  default:
    return 0;
  }
}

ExprPtr Parser::parseBinary(unsigned minPrecedence) {
  DepthGuard guard(*this);
  if (!guard.ok)
    return nullptr;
  SMLoc start = tok.getLoc();
  ExprPtr lhs = parseCast();
  if (!lhs)
    return nullptr;
  while (true) {
    BinaryOp op;
    unsigned prec = precedence(tok.kind, op);
    if (prec == 0 || prec < minPrecedence)
      return lhs;
    consume();
    // Comparisons do not chain: `a < b < c` is an error.
    ExprPtr rhs = parseBinary(prec == 3 ? 4 : prec + 1);
    if (!rhs)
      return nullptr;
    lhs = limitHeight(std::make_unique<BinaryExpr>(
        rangeFrom(start), op, std::move(lhs), std::move(rhs)));
    if (!lhs)
      return nullptr;
    if (prec == 3 && precedence(tok.kind, op) == 3) {
      errorAtToken("comparisons do not chain; use '&&'");
      return nullptr;
    }
  }
}

ExprPtr Parser::parseCast() {
  SMLoc start = tok.getLoc();
  ExprPtr expr = parseUnary();
  while (expr && consumeIf(TokenKind::kw_as)) {
    std::optional<TypeExpr> type = parseType();
    if (!type)
      return nullptr;
    expr = limitHeight(std::make_unique<CastExpr>(
        rangeFrom(start), std::move(expr), std::move(*type)));
  }
  return expr;
}

ExprPtr Parser::parseUnary() {
  DepthGuard guard(*this);
  if (!guard.ok)
    return nullptr;
  SMLoc start = tok.getLoc();
  if (consumeIf(TokenKind::minus)) {
    ExprPtr operand = parseUnary();
    if (!operand)
      return nullptr;
    return std::make_unique<UnaryExpr>(rangeFrom(start), UnaryOp::Neg,
                                       std::move(operand));
  }
  if (consumeIf(TokenKind::bang)) {
    ExprPtr operand = parseUnary();
    if (!operand)
      return nullptr;
    return std::make_unique<UnaryExpr>(rangeFrom(start), UnaryOp::Not,
                                       std::move(operand));
  }
  return parsePostfix();
}

bool Parser::parseArgs(std::vector<ExprPtr> &args, TokenKind close) {
  if (consumeIf(close))
    return true;
  do {
    ExprPtr arg = parseExpr();
    if (!arg)
      return false;
    args.push_back(std::move(arg));
  } while (consumeIf(TokenKind::comma));
  return expect(close, close == TokenKind::r_paren ? "to close the arguments"
                                                   : "to close the indices");
}

ExprPtr Parser::parsePostfix() {
  SMLoc start = tok.getLoc();
  ExprPtr expr = parsePrimary();
  while (expr) {
    if (consumeIf(TokenKind::dot)) {
      if (!tok.is(TokenKind::identifier)) {
        errorAtToken("expected a method name after '.'");
        return nullptr;
      }
      std::string method = tok.text.str();
      SMRange methodRange = tok.getRange();
      consume();
      if (!expect(TokenKind::l_paren, "after the method name"))
        return nullptr;
      std::vector<ExprPtr> args;
      if (!parseArgs(args, TokenKind::r_paren))
        return nullptr;
      expr = limitHeight(std::make_unique<MethodExpr>(
          rangeFrom(start), std::move(expr), std::move(method), methodRange,
          std::move(args)));
    } else if (consumeIf(TokenKind::l_square)) {
      std::vector<ExprPtr> indices;
      if (tok.is(TokenKind::r_square)) {
        errorAtToken("expected an index");
        return nullptr;
      }
      if (!parseArgs(indices, TokenKind::r_square))
        return nullptr;
      expr = limitHeight(std::make_unique<IndexExpr>(
          rangeFrom(start), std::move(expr), std::move(indices)));
    } else {
      break;
    }
  }
  return expr;
}

ExprPtr Parser::parsePrimary() {
  SMRange range = tok.getRange();
  switch (tok.kind) {
  case TokenKind::integer: {
    std::string digits = tok.text.str();
    digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
    unsigned radix = 10;
    StringRef text = digits;
    if (text.starts_with_insensitive("0x")) {
      radix = 16;
      text = text.drop_front(2);
    }
    consume();
    if (text.empty()) {
      locator.emitError(range, "expected digits in the integer literal");
      return nullptr;
    }
    unsigned bits = llvm::APInt::getBitsNeeded(text, radix) + 1;
    llvm::APInt value(bits, text, radix);
    value = value.zextOrTrunc(std::max(2u, value.getActiveBits() + 1));
    return std::make_unique<IntLitExpr>(range, value);
  }
  case TokenKind::floating: {
    std::string digits = tok.text.str();
    digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
    consume();
    return std::make_unique<FloatLitExpr>(range,
                                          std::strtod(digits.c_str(), nullptr));
  }
  case TokenKind::kw_true:
  case TokenKind::kw_false: {
    bool value = tok.is(TokenKind::kw_true);
    consume();
    return std::make_unique<BoolLitExpr>(range, value);
  }
  case TokenKind::identifier: {
    std::string name = tok.text.str();
    consume();
    if (consumeIf(TokenKind::l_paren)) {
      std::vector<ExprPtr> args;
      if (!parseArgs(args, TokenKind::r_paren))
        return nullptr;
      return std::make_unique<CallExpr>(rangeFrom(range.Start), name, range,
                                        std::move(args));
    }
    return std::make_unique<NameExpr>(range, name);
  }
  case TokenKind::l_paren: {
    consume();
    ExprPtr inner = parseExpr();
    if (!inner || !expect(TokenKind::r_paren, "to close the parenthesis"))
      return nullptr;
    return inner;
  }
  default:
    errorAtToken("expected an expression");
    return nullptr;
  }
}

std::unique_ptr<Module> mlir::vortex::vx::parseModule(SourceLocator &locator,
                                                      unsigned bufferId) {
  const llvm::MemoryBuffer *buffer =
      locator.getSourceMgr().getMemoryBuffer(bufferId);
  Parser parser(locator, buffer->getBuffer());
  std::unique_ptr<Module> module = parser.parseModule();
  module->bufferId = bufferId;
  return module;
}
