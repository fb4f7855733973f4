//===- Json.h - a small JSON reader for kernel artifacts ---------*- C++
//-*-===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// libvortex_runtime.so depends on nothing beyond libc and libstdc++, so it
// reads kernel artifacts with this reader rather than LLVM's. It accepts
// RFC 8259 JSON, keeps integers exact (64-bit), bounds nesting, and reports
// the byte offset of the first error instead of failing any other way.
//
//===----------------------------------------------------------------------===//

#ifndef VORTEX_RUNTIME_JSON_H
#define VORTEX_RUNTIME_JSON_H

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vortex::json {

struct Value {
  enum class Kind { Null, Bool, Integer, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  int64_t integer = 0; // Kind::Integer: a number without fraction or exponent
  double number = 0;   // Kind::Integer and Kind::Number
  std::string string;
  std::vector<Value> array;
  std::vector<std::pair<std::string, Value>> object;

  bool isInteger() const { return kind == Kind::Integer; }
  bool isNumber() const {
    return kind == Kind::Integer || kind == Kind::Number;
  }
  bool isString() const { return kind == Kind::String; }
  bool isArray() const { return kind == Kind::Array; }
  bool isObject() const { return kind == Kind::Object; }

  /// The member `key` of an object, or null (also for a non-object).
  const Value *get(std::string_view key) const;
};

/// Parses `text` into `out`. On failure returns false with `error` saying
/// what is wrong and where.
bool parse(std::string_view text, Value &out, std::string &error);

/// `text` as a JSON string literal, quotes included.
std::string quote(std::string_view text);

} // namespace vortex::json

#endif // VORTEX_RUNTIME_JSON_H
