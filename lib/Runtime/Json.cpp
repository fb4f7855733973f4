//===- Json.cpp - a small JSON reader for kernel artifacts ----------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Json.h"

#include <charconv>
#include <cstdio>

using namespace vortex::json;

namespace {

/// Deeper nesting is an error (artifacts nest a few levels per scf region).
constexpr int kMaxDepth = 128;

class Parser {
public:
  explicit Parser(std::string_view text) : text(text) {}

  bool parseDocument(Value &out, std::string &error) {
    skipSpace();
    if (!parseValue(out, 0)) {
      error = message;
      return false;
    }
    skipSpace();
    if (pos != text.size()) {
      error = at("text after the JSON value");
      return false;
    }
    return true;
  }

private:
  std::string at(const char *what) {
    char buffer[64];
    std::snprintf(buffer, sizeof(buffer), " at byte %zu", pos);
    return std::string(what) + buffer;
  }

  bool failure(const char *what) {
    if (message.empty())
      message = at(what);
    return false;
  }

  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' ||
                                 text[pos] == '\r' || text[pos] == '\t'))
      ++pos;
  }

  bool consume(std::string_view word) {
    if (text.substr(pos, word.size()) != word)
      return false;
    pos += word.size();
    return true;
  }

  bool parseValue(Value &out, int depth) {
    if (depth > kMaxDepth)
      return failure("JSON nested too deeply");
    if (pos >= text.size())
      return failure("unexpected end of the text");
    char c = text[pos];
    if (c == '{')
      return parseObject(out, depth);
    if (c == '[')
      return parseArray(out, depth);
    if (c == '"') {
      out.kind = Value::Kind::String;
      return parseString(out.string);
    }
    if (c == '-' || (c >= '0' && c <= '9'))
      return parseNumber(out);
    if (consume("true")) {
      out.kind = Value::Kind::Bool;
      out.boolean = true;
      return true;
    }
    if (consume("false")) {
      out.kind = Value::Kind::Bool;
      return true;
    }
    if (consume("null")) {
      out.kind = Value::Kind::Null;
      return true;
    }
    return failure("invalid JSON value");
  }

  bool parseObject(Value &out, int depth) {
    out.kind = Value::Kind::Object;
    ++pos;
    skipSpace();
    if (pos < text.size() && text[pos] == '}') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      if (pos >= text.size() || text[pos] != '"')
        return failure("expected a string key");
      std::string key;
      if (!parseString(key))
        return false;
      skipSpace();
      if (pos >= text.size() || text[pos] != ':')
        return failure("expected ':'");
      ++pos;
      skipSpace();
      out.object.emplace_back(std::move(key), Value());
      if (!parseValue(out.object.back().second, depth + 1))
        return false;
      skipSpace();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == '}') {
        ++pos;
        return true;
      }
      return failure("expected ',' or '}'");
    }
  }

  bool parseArray(Value &out, int depth) {
    out.kind = Value::Kind::Array;
    ++pos;
    skipSpace();
    if (pos < text.size() && text[pos] == ']') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      out.array.emplace_back();
      if (!parseValue(out.array.back(), depth + 1))
        return false;
      skipSpace();
      if (pos < text.size() && text[pos] == ',') {
        ++pos;
        continue;
      }
      if (pos < text.size() && text[pos] == ']') {
        ++pos;
        return true;
      }
      return failure("expected ',' or ']'");
    }
  }

  bool hex4(unsigned &value) {
    if (text.size() - pos < 4)
      return failure("truncated \\u escape");
    value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text[pos++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= c - '0';
      else if (c >= 'a' && c <= 'f')
        value |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        value |= c - 'A' + 10;
      else
        return failure("invalid \\u escape");
    }
    return true;
  }

  static void appendUtf8(std::string &out, unsigned code) {
    if (code < 0x80) {
      out += char(code);
    } else if (code < 0x800) {
      out += char(0xC0 | (code >> 6));
      out += char(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += char(0xE0 | (code >> 12));
      out += char(0x80 | ((code >> 6) & 0x3F));
      out += char(0x80 | (code & 0x3F));
    } else {
      out += char(0xF0 | (code >> 18));
      out += char(0x80 | ((code >> 12) & 0x3F));
      out += char(0x80 | ((code >> 6) & 0x3F));
      out += char(0x80 | (code & 0x3F));
    }
  }

  bool parseString(std::string &out) {
    ++pos; // the opening quote
    while (true) {
      size_t start = pos;
      while (pos < text.size() && text[pos] != '"' && text[pos] != '\\' &&
             static_cast<unsigned char>(text[pos]) >= 0x20)
        ++pos;
      out.append(text.data() + start, pos - start);
      if (pos >= text.size())
        return failure("unterminated string");
      char c = text[pos++];
      if (c == '"')
        return true;
      if (c != '\\')
        return failure("control character in a string");
      if (pos >= text.size())
        return failure("unterminated string");
      char e = text[pos++];
      switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        unsigned code = 0;
        if (!hex4(code))
          return false;
        if (code >= 0xD800 && code < 0xDC00) {
          unsigned low = 0;
          if (!consume("\\u") || !hex4(low) || low < 0xDC00 || low >= 0xE000)
            return failure("unpaired surrogate in a \\u escape");
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        } else if (code >= 0xDC00 && code < 0xE000) {
          return failure("unpaired surrogate in a \\u escape");
        }
        appendUtf8(out, code);
        break;
      }
      default:
        return failure("invalid escape in a string");
      }
    }
  }

  bool parseNumber(Value &out) {
    size_t start = pos;
    bool integral = true;
    if (text[pos] == '-')
      ++pos;
    auto digits = [&] {
      size_t first = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        ++pos;
      return pos > first;
    };
    if (pos < text.size() && text[pos] == '0')
      ++pos;
    else if (!digits())
      return failure("invalid number");
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      integral = false;
      if (!digits())
        return failure("invalid number");
    }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
      ++pos;
      integral = false;
      if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
        ++pos;
      if (!digits())
        return failure("invalid number");
    }
    const char *first = text.data() + start, *last = text.data() + pos;
    if (integral) {
      out.kind = Value::Kind::Integer;
      auto [end, ec] = std::from_chars(first, last, out.integer);
      if (ec != std::errc() || end != last)
        return failure("integer out of range");
      out.number = double(out.integer);
      return true;
    }
    out.kind = Value::Kind::Number;
    auto [end, ec] = std::from_chars(first, last, out.number);
    if (ec != std::errc() || end != last)
      return failure("number out of range");
    return true;
  }

  std::string_view text;
  size_t pos = 0;
  std::string message;
};

} // namespace

const Value *Value::get(std::string_view key) const {
  if (kind != Kind::Object)
    return nullptr;
  for (const auto &[name, value] : object)
    if (name == key)
      return &value;
  return nullptr;
}

bool vortex::json::parse(std::string_view text, Value &out,
                         std::string &error) {
  out = Value();
  return Parser(text).parseDocument(out, error);
}

std::string vortex::json::quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", unsigned(c));
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}
