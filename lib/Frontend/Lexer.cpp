//===- Lexer.cpp - Tokens of the .vx language -----------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/Lexer.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/ErrorHandling.h"

using namespace mlir::vortex::vx;
using llvm::StringRef;

StringRef mlir::vortex::vx::spell(TokenKind kind) {
  switch (kind) {
  case TokenKind::eof:
    return "end of file";
  case TokenKind::error:
    return "invalid token";
  case TokenKind::identifier:
    return "identifier";
  case TokenKind::integer:
    return "integer";
  case TokenKind::floating:
    return "floating-point number";
  case TokenKind::string:
    return "string";
  case TokenKind::kw_as:
    return "'as'";
  case TokenKind::kw_const:
    return "'const'";
  case TokenKind::kw_else:
    return "'else'";
  case TokenKind::kw_false:
    return "'false'";
  case TokenKind::kw_fn:
    return "'fn'";
  case TokenKind::kw_for:
    return "'for'";
  case TokenKind::kw_if:
    return "'if'";
  case TokenKind::kw_import:
    return "'import'";
  case TokenKind::kw_in:
    return "'in'";
  case TokenKind::kw_kernel:
    return "'kernel'";
  case TokenKind::kw_let:
    return "'let'";
  case TokenKind::kw_mut:
    return "'mut'";
  case TokenKind::kw_return:
    return "'return'";
  case TokenKind::kw_true:
    return "'true'";
  case TokenKind::kw_while:
    return "'while'";
  case TokenKind::l_paren:
    return "'('";
  case TokenKind::r_paren:
    return "')'";
  case TokenKind::l_square:
    return "'['";
  case TokenKind::r_square:
    return "']'";
  case TokenKind::l_brace:
    return "'{'";
  case TokenKind::r_brace:
    return "'}'";
  case TokenKind::less:
    return "'<'";
  case TokenKind::greater:
    return "'>'";
  case TokenKind::less_equal:
    return "'<='";
  case TokenKind::greater_equal:
    return "'>='";
  case TokenKind::equal_equal:
    return "'=='";
  case TokenKind::bang_equal:
    return "'!='";
  case TokenKind::equal:
    return "'='";
  case TokenKind::plus:
    return "'+'";
  case TokenKind::minus:
    return "'-'";
  case TokenKind::star:
    return "'*'";
  case TokenKind::slash:
    return "'/'";
  case TokenKind::percent:
    return "'%'";
  case TokenKind::bang:
    return "'!'";
  case TokenKind::amp_amp:
    return "'&&'";
  case TokenKind::pipe_pipe:
    return "'||'";
  case TokenKind::comma:
    return "','";
  case TokenKind::colon:
    return "':'";
  case TokenKind::semicolon:
    return "';'";
  case TokenKind::dot:
    return "'.'";
  case TokenKind::dot_dot:
    return "'..'";
  case TokenKind::arrow:
    return "'->'";
  case TokenKind::at:
    return "'@'";
  }
  llvm_unreachable("unknown token kind");
}

static bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool isDigit(char c) { return c >= '0' && c <= '9'; }
static bool isHexDigit(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

Token Lexer::error(const char *start, StringRef message) {
  errorMessage = message;
  if (cur == start && cur != buffer.end())
    ++cur;
  return make(TokenKind::error, start);
}

void Lexer::skipSpaceAndComments() {
  while (cur != buffer.end()) {
    char c = *cur;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++cur;
    } else if (c == '/' && cur + 1 != buffer.end() && cur[1] == '/') {
      while (cur != buffer.end() && *cur != '\n')
        ++cur;
    } else {
      return;
    }
  }
}

Token Lexer::next() {
  skipSpaceAndComments();
  const char *start = cur;
  if (cur == buffer.end())
    return make(TokenKind::eof, start);
  char c = *cur++;
  auto peek = [&](char expected) {
    if (cur != buffer.end() && *cur == expected) {
      ++cur;
      return true;
    }
    return false;
  };
  if (isIdentStart(c))
    return lexIdentifier(start);
  if (isDigit(c))
    return lexNumber(start);
  switch (c) {
  case '"':
    return lexString(start);
  case '(':
    return make(TokenKind::l_paren, start);
  case ')':
    return make(TokenKind::r_paren, start);
  case '[':
    return make(TokenKind::l_square, start);
  case ']':
    return make(TokenKind::r_square, start);
  case '{':
    return make(TokenKind::l_brace, start);
  case '}':
    return make(TokenKind::r_brace, start);
  case '<':
    return make(peek('=') ? TokenKind::less_equal : TokenKind::less, start);
  case '>':
    return make(peek('=') ? TokenKind::greater_equal : TokenKind::greater,
                start);
  case '=':
    return make(peek('=') ? TokenKind::equal_equal : TokenKind::equal, start);
  case '!':
    return make(peek('=') ? TokenKind::bang_equal : TokenKind::bang, start);
  case '+':
    return make(TokenKind::plus, start);
  case '-':
    return make(peek('>') ? TokenKind::arrow : TokenKind::minus, start);
  case '*':
    return make(TokenKind::star, start);
  case '/':
    return make(TokenKind::slash, start);
  case '%':
    return make(TokenKind::percent, start);
  case '&':
    if (peek('&'))
      return make(TokenKind::amp_amp, start);
    return error(start, "expected '&&'");
  case '|':
    if (peek('|'))
      return make(TokenKind::pipe_pipe, start);
    return error(start, "expected '||'");
  case ',':
    return make(TokenKind::comma, start);
  case ':':
    return make(TokenKind::colon, start);
  case ';':
    return make(TokenKind::semicolon, start);
  case '.':
    return make(peek('.') ? TokenKind::dot_dot : TokenKind::dot, start);
  case '@':
    return make(TokenKind::at, start);
  default:
    return error(start, "unexpected character");
  }
}

Token Lexer::lexIdentifier(const char *start) {
  while (cur != buffer.end() && (isIdentStart(*cur) || isDigit(*cur)))
    ++cur;
  StringRef text(start, cur - start);
  TokenKind kind = llvm::StringSwitch<TokenKind>(text)
                       .Case("as", TokenKind::kw_as)
                       .Case("const", TokenKind::kw_const)
                       .Case("else", TokenKind::kw_else)
                       .Case("false", TokenKind::kw_false)
                       .Case("fn", TokenKind::kw_fn)
                       .Case("for", TokenKind::kw_for)
                       .Case("if", TokenKind::kw_if)
                       .Case("import", TokenKind::kw_import)
                       .Case("in", TokenKind::kw_in)
                       .Case("kernel", TokenKind::kw_kernel)
                       .Case("let", TokenKind::kw_let)
                       .Case("mut", TokenKind::kw_mut)
                       .Case("return", TokenKind::kw_return)
                       .Case("true", TokenKind::kw_true)
                       .Case("while", TokenKind::kw_while)
                       .Default(TokenKind::identifier);
  return make(kind, start);
}

/// Integers are decimal or `0x` hexadecimal, of any length, with optional `_`
/// separators. Floats have a fraction (`1.5`, not `1.`: `0..n` is a range)
/// or an exponent.
Token Lexer::lexNumber(const char *start) {
  auto end = buffer.end();
  if (*start == '0' && cur != end && (*cur == 'x' || *cur == 'X')) {
    ++cur;
    const char *digits = cur;
    while (cur != end && (isHexDigit(*cur) || *cur == '_'))
      ++cur;
    if (cur == digits)
      return error(start, "expected hexadecimal digits after '0x'");
    if (cur != end && (isIdentStart(*cur) || isDigit(*cur)))
      return error(start, "invalid character in hexadecimal literal");
    return make(TokenKind::integer, start);
  }
  while (cur != end && (isDigit(*cur) || *cur == '_'))
    ++cur;
  bool isFloat = false;
  if (cur + 1 < end && *cur == '.' && isDigit(cur[1])) {
    isFloat = true;
    ++cur;
    while (cur != end && (isDigit(*cur) || *cur == '_'))
      ++cur;
  }
  if (cur != end && (*cur == 'e' || *cur == 'E')) {
    const char *save = cur++;
    if (cur != end && (*cur == '+' || *cur == '-'))
      ++cur;
    if (cur == end || !isDigit(*cur)) {
      cur = save + 1;
      return error(start, "expected digits in the exponent");
    }
    isFloat = true;
    while (cur != end && isDigit(*cur))
      ++cur;
  }
  if (cur != end && isIdentStart(*cur))
    return error(start, "invalid character in number");
  return make(isFloat ? TokenKind::floating : TokenKind::integer, start);
}

Token Lexer::lexString(const char *start) {
  while (cur != buffer.end() && *cur != '"' && *cur != '\n')
    ++cur;
  if (cur == buffer.end() || *cur != '"')
    return error(start, "unterminated string");
  ++cur;
  return make(TokenKind::string, start);
}
