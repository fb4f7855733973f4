//===- Lexer.h - Tokens of the .vx language ---------------------*- C++ -*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// Splits a .vx buffer into tokens. Tokens are views into the buffer, so their
// SMLoc is all a diagnostic needs to point into the source.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_FRONTEND_LEXER_H
#define VORTEX_FRONTEND_LEXER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

namespace mlir {
namespace vortex {
namespace vx {

enum class TokenKind {
  eof,
  error,
  identifier,
  integer,
  floating,
  string,
  // Keywords.
  kw_as,
  kw_const,
  kw_else,
  kw_false,
  kw_fn,
  kw_for,
  kw_if,
  kw_import,
  kw_in,
  kw_kernel,
  kw_let,
  kw_mut,
  kw_return,
  kw_true,
  kw_while,
  // Punctuation and operators.
  l_paren,
  r_paren,
  l_square,
  r_square,
  l_brace,
  r_brace,
  less,
  greater,
  less_equal,
  greater_equal,
  equal_equal,
  bang_equal,
  equal,
  plus,
  minus,
  star,
  slash,
  percent,
  bang,
  amp_amp,
  pipe_pipe,
  comma,
  colon,
  semicolon,
  dot,
  dot_dot,
  arrow,
  at,
};

/// A human-readable spelling of a token kind, for "expected ..." messages.
llvm::StringRef spell(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::eof;
  llvm::StringRef text;

  bool is(TokenKind k) const { return kind == k; }
  llvm::SMLoc getLoc() const {
    return llvm::SMLoc::getFromPointer(text.data());
  }
  llvm::SMLoc getEndLoc() const {
    return llvm::SMLoc::getFromPointer(text.data() + text.size());
  }
  llvm::SMRange getRange() const { return {getLoc(), getEndLoc()}; }
};

class Lexer {
public:
  explicit Lexer(llvm::StringRef buffer)
      : buffer(buffer), cur(buffer.begin()) {}

  /// The next token; `error` tokens cover the offending characters and carry
  /// their message in `errorMessage`.
  Token next();
  llvm::StringRef getErrorMessage() const { return errorMessage; }

private:
  Token make(TokenKind kind, const char *start) const {
    return {kind, llvm::StringRef(start, cur - start)};
  }
  Token error(const char *start, llvm::StringRef message);
  void skipSpaceAndComments();
  Token lexNumber(const char *start);
  Token lexIdentifier(const char *start);
  Token lexString(const char *start);

  llvm::StringRef buffer;
  const char *cur;
  llvm::StringRef errorMessage;
};

} // namespace vx
} // namespace vortex
} // namespace mlir

#endif // VORTEX_FRONTEND_LEXER_H
