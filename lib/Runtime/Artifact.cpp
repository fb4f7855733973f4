//===- Artifact.cpp - load kernel artifacts and run their launch plans ----===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// A kernel artifact (`vortex-translate --vx-kernel-artifact`, described in
// docs/Runtime.md) is JSON: per function a signature and a launch plan, per
// kernel module a binary. Loading checks every part of it, so that the
// interpreter can trust what it runs: each plan value has one definition and
// one type, every operand is defined before its use and visible there, every
// launch matches its kernel's parameters. A file that fails a check is
// VORTEX_ERROR_INVALID_IMAGE with the place and the reason.
//
// A call checks its arguments against the signature, then interprets the
// plan on the caller's stream through the public API of Runtime.h:
// allocations are stream-ordered, launches asynchronous, nothing waits.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"
#include "Json.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

using vortex::runtime::fail;

// CudaRuntime.cpp: what convert-nvgpu-to-nvvm's host code calls to encode a
// TMA descriptor; returns its device address, or null after a failure.
extern "C" void *mgpuTensorMapEncodeTiledMemref(
    int64_t rank, void *descriptor, int64_t dataType, int64_t interleave,
    int64_t swizzle, int64_t l2Promotion, int64_t oobFill, int64_t *box);
namespace json = vortex::json;

namespace {

constexpr int64_t kArtifactVersion = 1;
/// Bounds that keep a corrupted file from asking for absurd memory.
constexpr int64_t kMaxValues = 1 << 22;
constexpr int kMaxRegionDepth = 64;

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

enum class Kind : uint8_t { Int, Float, MemRef };

struct Type {
  Kind kind = Kind::Int;
  unsigned bits = 64;      // Int: width; Float: 16, 32 or 64
  bool bf16 = false;       // Float 16: bf16 rather than f16
  int rank = 0;            // MemRef
  size_t elementBytes = 0; // MemRef
  std::string element;     // MemRef: its element; scalars: their own name

  /// Slots of 64 bits a value of this type takes in a frame.
  size_t slots() const { return kind == Kind::MemRef ? 3 + 2 * rank : 1; }
  bool operator==(const Type &other) const {
    return kind == other.kind && bits == other.bits && bf16 == other.bf16 &&
           rank == other.rank && element == other.element;
  }
  bool operator!=(const Type &other) const { return !(*this == other); }
};

/// A scalar type name: index, i1..i64, f16, bf16, f32, f64.
bool parseScalar(const std::string &name, Type &type) {
  type = Type();
  type.element = name;
  if (name == "index")
    return true;
  if (name == "f16" || name == "bf16" || name == "f32" || name == "f64") {
    type.kind = Kind::Float;
    type.bits = name == "f32" ? 32 : name == "f64" ? 64 : 16;
    type.bf16 = name == "bf16";
    return true;
  }
  if (name.size() < 2 || name.size() > 3 || name[0] != 'i' || name[1] == '0')
    return false;
  unsigned bits = 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9')
      return false;
    bits = bits * 10 + (name[i] - '0');
  }
  type.bits = bits;
  return bits >= 1 && bits <= 64;
}

/// The size in bytes of a memref element, or 0 for an unknown element:
/// scalars, and wide integers in whole 16-byte units.
size_t elementBytes(const std::string &name) {
  Type scalar;
  if (parseScalar(name, scalar)) {
    if (scalar.kind == Kind::Float)
      return scalar.bits / 8;
    switch (scalar.bits) {
    case 1:
    case 8:
      return 1;
    case 16:
      return 2;
    case 32:
      return 4;
    case 64:
      return 8;
    default:
      return 0;
    }
  }
  if (name.size() < 4 || name[0] != 'i' || name[1] == '0' || name.size() > 7)
    return 0;
  size_t bits = 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9')
      return 0;
    bits = bits * 10 + (name[i] - '0');
  }
  return bits % 128 == 0 ? bits / 8 : 0;
}

/// The element type that holds a tensor element named `name` in GPU memory:
/// `name` itself, except for the integers that vx-widen-buffer-elements
/// stores in wider slots, those whose size LLVM rounds up differently in
/// host code (above 128 bits, to 16 bytes) and in NVPTX kernels (to 32
/// bytes): an i384 (BLS12-381 Fq) lives in an i512 slot.
std::string slotElement(const std::string &name) {
  if (name.size() < 4 || name.size() > 7 || name[0] != 'i' || name[1] == '0')
    return name;
  size_t bits = 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9')
      return name;
    bits = bits * 10 + (name[i] - '0');
  }
  size_t bytes = (bits + 7) / 8;
  size_t host = (bytes + 15) / 16 * 16, kernel = (bytes + 31) / 32 * 32;
  if (bits <= 128 || host == kernel)
    return name;
  return "i" + std::to_string(8 * kernel);
}

/// A scalar name or "memref<?x...x?xELEMENT>".
bool parseType(const std::string &name, Type &type) {
  if (parseScalar(name, type))
    return true;
  const std::string prefix = "memref<";
  if (name.compare(0, prefix.size(), prefix) != 0 || name.back() != '>')
    return false;
  std::string rest =
      name.substr(prefix.size(), name.size() - prefix.size() - 1);
  int rank = 0;
  while (rest.compare(0, 2, "?x") == 0) {
    rest = rest.substr(2);
    ++rank;
  }
  type = Type();
  type.kind = Kind::MemRef;
  type.rank = rank;
  type.element = rest;
  type.elementBytes = elementBytes(rest);
  return rank <= VORTEX_MAX_RANK && type.elementBytes != 0;
}

//===----------------------------------------------------------------------===//
// Plans
//===----------------------------------------------------------------------===//

enum class Op : uint8_t {
  Constant,
  AddI,
  SubI,
  MulI,
  DivSI,
  DivUI,
  RemSI,
  RemUI,
  CeilDivSI,
  CeilDivUI,
  FloorDivSI,
  MinSI,
  MinUI,
  MaxSI,
  MaxUI,
  AndI,
  OrI,
  XOrI,
  ShLI,
  ShRSI,
  ShRUI,
  IndexCast,
  IndexCastUI,
  ExtSI,
  ExtUI,
  TruncI,
  CmpI,
  Select,
  SIToFP,
  UIToFP,
  AddF,
  SubF,
  MulF,
  DivF,
  NegF,
  ExtF,
  TruncF,
  Dim,
  ExtractAlignedPointer,
  ExtractStridedMetadata,
  ReinterpretCast,
  Cast,
  Alloc,
  Dealloc,
  Memcpy,
  Memset,
  Launch,
  TensorMap,
  If,
  For,
  Yield,
  Return,
};

/// How an operation's operands and results are checked at load.
enum class Shape : uint8_t {
  Constant,    // no operands, one scalar result
  IntBinary,   // two integers -> one of the same type
  IntCast,     // integer -> integer
  CmpI,        // two integers of one type -> i1
  Select,      // i1, a, a -> a
  IntToFloat,  // integer -> f32/f64
  FloatBinary, // two f32/f64 -> one of the same type
  FloatUnary,  // f32/f64 -> the same type
  FloatCast,   // f32 <-> f64
  Special,     // checked on its own
};

struct OpInfo {
  const char *name;
  Op op;
  Shape shape;
};

constexpr OpInfo kOps[] = {
    {"arith.constant", Op::Constant, Shape::Constant},
    {"arith.addi", Op::AddI, Shape::IntBinary},
    {"arith.subi", Op::SubI, Shape::IntBinary},
    {"arith.muli", Op::MulI, Shape::IntBinary},
    {"arith.divsi", Op::DivSI, Shape::IntBinary},
    {"arith.divui", Op::DivUI, Shape::IntBinary},
    {"arith.remsi", Op::RemSI, Shape::IntBinary},
    {"arith.remui", Op::RemUI, Shape::IntBinary},
    {"arith.ceildivsi", Op::CeilDivSI, Shape::IntBinary},
    {"arith.ceildivui", Op::CeilDivUI, Shape::IntBinary},
    {"arith.floordivsi", Op::FloorDivSI, Shape::IntBinary},
    {"arith.minsi", Op::MinSI, Shape::IntBinary},
    {"arith.minui", Op::MinUI, Shape::IntBinary},
    {"arith.maxsi", Op::MaxSI, Shape::IntBinary},
    {"arith.maxui", Op::MaxUI, Shape::IntBinary},
    {"arith.andi", Op::AndI, Shape::IntBinary},
    {"arith.ori", Op::OrI, Shape::IntBinary},
    {"arith.xori", Op::XOrI, Shape::IntBinary},
    {"arith.shli", Op::ShLI, Shape::IntBinary},
    {"arith.shrsi", Op::ShRSI, Shape::IntBinary},
    {"arith.shrui", Op::ShRUI, Shape::IntBinary},
    {"arith.index_cast", Op::IndexCast, Shape::IntCast},
    {"arith.index_castui", Op::IndexCastUI, Shape::IntCast},
    {"arith.extsi", Op::ExtSI, Shape::IntCast},
    {"arith.extui", Op::ExtUI, Shape::IntCast},
    {"arith.trunci", Op::TruncI, Shape::IntCast},
    {"arith.cmpi", Op::CmpI, Shape::CmpI},
    {"arith.select", Op::Select, Shape::Select},
    {"arith.sitofp", Op::SIToFP, Shape::IntToFloat},
    {"arith.uitofp", Op::UIToFP, Shape::IntToFloat},
    {"arith.addf", Op::AddF, Shape::FloatBinary},
    {"arith.subf", Op::SubF, Shape::FloatBinary},
    {"arith.mulf", Op::MulF, Shape::FloatBinary},
    {"arith.divf", Op::DivF, Shape::FloatBinary},
    {"arith.negf", Op::NegF, Shape::FloatUnary},
    {"arith.extf", Op::ExtF, Shape::FloatCast},
    {"arith.truncf", Op::TruncF, Shape::FloatCast},
    {"memref.dim", Op::Dim, Shape::Special},
    {"memref.extract_aligned_pointer_as_index", Op::ExtractAlignedPointer,
     Shape::Special},
    {"memref.extract_strided_metadata", Op::ExtractStridedMetadata,
     Shape::Special},
    {"memref.reinterpret_cast", Op::ReinterpretCast, Shape::Special},
    {"memref.cast", Op::Cast, Shape::Special},
    {"gpu.alloc", Op::Alloc, Shape::Special},
    {"gpu.dealloc", Op::Dealloc, Shape::Special},
    {"gpu.memcpy", Op::Memcpy, Shape::Special},
    {"gpu.memset", Op::Memset, Shape::Special},
    {"gpu.launch_func", Op::Launch, Shape::Special},
    {"nvgpu.tma.create.descriptor", Op::TensorMap, Shape::Special},
    {"scf.if", Op::If, Shape::Special},
    {"scf.for", Op::For, Shape::Special},
    {"scf.yield", Op::Yield, Shape::Special},
    {"func.return", Op::Return, Shape::Special},
};

enum class Predicate : uint8_t {
  EQ,
  NE,
  SLT,
  SLE,
  SGT,
  SGE,
  ULT,
  ULE,
  UGT,
  UGE
};
constexpr const char *kPredicates[] = {"eq",  "ne",  "slt", "sle", "sgt",
                                       "sge", "ult", "ule", "ugt", "uge"};

struct Instr {
  Op op = Op::Constant;
  std::vector<uint32_t> results, operands;
  Predicate predicate = Predicate::EQ;
  int64_t imm = 0;            // constants: the value, or a float's bits
  std::vector<int64_t> shape; // gpu.alloc: static sizes, -1 for dynamic
  uint32_t kernel = 0;        // gpu.launch_func: index of the kernel
  uint32_t grid[3] = {}, block[3] = {}, cluster[3] = {};
  bool hasCluster = false; // gpu.launch_func with thread-block clusters
  int64_t shared = -1;     // gpu.launch_func: register, or -1 for none
  uint32_t induction = 0;  // scf.for
  std::vector<uint32_t> iterArgs;
  std::vector<Instr> regions[2]; // scf.if: then, else; scf.for: body
  int64_t tensorMap[5] = {};     // nvgpu.tma.create.descriptor: data type,
                                 // interleave, swizzle, l2promo, oob
};

struct ValueSpec {
  bool tensor = false;
  std::string element;
  std::vector<int64_t> shape; // tensors, -1 for dynamic
  Type type;                  // as the plan holds it
};

struct Function {
  std::string name, signature;
  std::vector<ValueSpec> arguments, results;
  std::vector<Type> types;   // per value
  std::vector<size_t> slots; // per value: its first slot in a frame
  size_t frameSlots = 0;
  std::vector<Instr> plan;
};

struct Kernel {
  size_t module = 0;
  std::string name;
  std::vector<Type> arguments;
  size_t params = 0;
  VortexFunction function = nullptr; // loaded on first launch
};

struct Module {
  std::string name;
  int jitOptLevel = -1;
  std::string binary;
  VortexModule handle = nullptr; // loaded on first launch
};

} // namespace

struct VortexArtifact_st {
  std::vector<Module> modules;
  std::vector<Kernel> kernels;
  std::vector<Function> functions;
  std::unordered_map<std::string, size_t> byName;
  std::mutex loadMutex;
};

namespace {

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

bool decodeBase64(const std::string &text, std::string &out) {
  auto digit = [](char c) -> int {
    if (c >= 'A' && c <= 'Z')
      return c - 'A';
    if (c >= 'a' && c <= 'z')
      return c - 'a' + 26;
    if (c >= '0' && c <= '9')
      return c - '0' + 52;
    if (c == '+')
      return 62;
    if (c == '/')
      return 63;
    return -1;
  };
  if (text.size() % 4)
    return false;
  out.clear();
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    int d[4];
    int pad = 0;
    for (int j = 0; j < 4; ++j) {
      char c = text[i + j];
      if (c == '=' && i + 4 == text.size() && j >= 2) {
        d[j] = 0;
        ++pad;
        continue;
      }
      if (pad || (d[j] = digit(c)) < 0)
        return false;
    }
    uint32_t word = d[0] << 18 | d[1] << 12 | d[2] << 6 | d[3];
    out += char(word >> 16);
    if (pad < 2)
      out += char(word >> 8 & 0xFF);
    if (pad < 1)
      out += char(word & 0xFF);
  }
  return true;
}

/// Sign-extends the low `bits` of `value`: how plans hold integers.
int64_t normalize(int64_t value, unsigned bits) {
  if (bits >= 64)
    return value;
  unsigned shift = 64 - bits;
  return int64_t(uint64_t(value) << shift) >> shift;
}

/// The low `bits` of `value`, zero-extended.
uint64_t unsignedOf(int64_t value, unsigned bits) {
  return bits >= 64 ? uint64_t(value)
                    : uint64_t(value) & ((uint64_t(1) << bits) - 1);
}

uint32_t floatBits(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  return bits;
}

int64_t doubleBits(double d) {
  int64_t bits;
  std::memcpy(&bits, &d, 8);
  return bits;
}

/// A float value rounded to `type` (f32 or f64, or exactly representable
/// f16/bf16 values from the translation), as the bits plans hold.
bool encodeFloat(double value, const Type &type, int64_t &bits) {
  if (type.bits == 64) {
    bits = doubleBits(value);
    return true;
  }
  uint32_t f = floatBits(float(value));
  if (type.bits == 32) {
    bits = f;
    return true;
  }
  if (type.bf16) {
    // The translation only writes values bf16 holds exactly.
    if (f & 0xFFFF)
      return false;
    bits = f >> 16;
    return true;
  }
  // f16 from f32, for values f16 holds exactly.
  uint32_t sign = (f >> 16) & 0x8000;
  int exponent = int((f >> 23) & 0xFF) - 127;
  uint32_t mantissa = f & 0x7FFFFF;
  if (exponent == 128) { // inf, nan
    bits = sign | 0x7C00 | (mantissa ? 0x200 : 0);
    return true;
  }
  if ((f & 0x7FFFFFFF) == 0) {
    bits = sign;
    return true;
  }
  if (exponent >= -14 && exponent <= 15) {
    if (mantissa & 0x1FFF)
      return false;
    bits = sign | uint32_t(exponent + 15) << 10 | mantissa >> 13;
    return true;
  }
  if (exponent >= -24 && exponent < -14) {
    uint32_t full = mantissa | 0x800000;
    int shift = -exponent - 14 + 13;
    if (full & ((1u << shift) - 1))
      return false;
    bits = sign | full >> shift;
    return true;
  }
  return false;
}

class Loader {
public:
  explicit Loader(VortexArtifact_st &artifact) : artifact(artifact) {}

  bool load(const json::Value &root);
  const std::string &error() const { return message; }

private:
  bool fail(const std::string &what) {
    if (message.empty())
      message = context.empty() ? what : context + ": " + what;
    return false;
  }

  const json::Value *member(const json::Value &object, const char *key,
                            json::Value::Kind kind) {
    const json::Value *value = object.get(key);
    bool ok =
        value && (value->kind == kind ||
                  (kind == json::Value::Kind::Number && value->isNumber()));
    if (!ok) {
      const char *names[] = {"null",     "a boolean", "an integer", "a number",
                             "a string", "an array",  "an object"};
      fail(std::string("'") + key + "' must be " + names[int(kind)]);
      return nullptr;
    }
    return value;
  }

  bool loadModule(const json::Value &value, size_t index);
  bool loadFunction(const json::Value &value, size_t index);
  bool loadSpec(const json::Value &value, ValueSpec &spec);
  bool loadBlock(const json::Value &ops, std::vector<Instr> &out, int depth,
                 const std::vector<Type> *yieldTypes);
  bool loadRegion(const json::Value &ops, std::vector<Instr> &out, int depth,
                  const std::vector<Type> &yieldTypes);
  bool loadOp(const json::Value &value, Instr &instr, int depth,
              const std::vector<Type> *yieldTypes);

  bool id(const json::Value &value, uint32_t &out) {
    if (!value.isInteger() || value.integer < 0 ||
        value.integer >= int64_t(function->types.size()))
      return fail("value id out of range");
    out = uint32_t(value.integer);
    return true;
  }

  /// A use: defined before and visible here.
  bool use(const json::Value &value, uint32_t &out) {
    if (!id(value, out))
      return false;
    if (visible[out] != 1)
      return fail("value " + std::to_string(out) +
                  " is used where it is not defined");
    return true;
  }

  bool define(uint32_t value, const Type &type) {
    if (visible[value] != 0)
      return fail("value " + std::to_string(value) + " is defined twice");
    visible[value] = 1;
    function->types[value] = type;
    scopes.back().push_back(value);
    return true;
  }

  const Type &typeOf(uint32_t value) { return function->types[value]; }

  VortexArtifact_st &artifact;
  std::string message, context;
  std::unordered_map<std::string, size_t> kernelIndex; // "module/kernel"
  Function *function = nullptr;
  std::vector<uint8_t> visible; // 0 undefined, 1 visible, 2 out of scope
  std::vector<std::vector<uint32_t>> scopes;
};

bool Loader::load(const json::Value &root) {
  if (!root.isObject())
    return fail("an artifact is a JSON object");
  const json::Value *format = root.get("format");
  if (!format || !format->isString() ||
      format->string != "vortex-kernel-artifact")
    return fail("not a Vortex kernel artifact (no \"format\": "
                "\"vortex-kernel-artifact\")");
  const json::Value *version =
      member(root, "version", json::Value::Kind::Integer);
  if (!version)
    return false;
  if (version->integer != kArtifactVersion)
    return fail("artifact format version " + std::to_string(version->integer) +
                "; this runtime reads version " +
                std::to_string(kArtifactVersion));
  const json::Value *modules =
      member(root, "modules", json::Value::Kind::Array);
  const json::Value *functions =
      modules ? member(root, "functions", json::Value::Kind::Array) : nullptr;
  if (!functions)
    return false;
  for (size_t i = 0; i < modules->array.size(); ++i) {
    context = "modules[" + std::to_string(i) + "]";
    if (!loadModule(modules->array[i], i))
      return false;
  }
  artifact.functions.resize(functions->array.size());
  for (size_t i = 0; i < functions->array.size(); ++i) {
    context = "functions[" + std::to_string(i) + "]";
    if (!loadFunction(functions->array[i], i))
      return false;
  }
  return true;
}

bool Loader::loadModule(const json::Value &value, size_t index) {
  if (!value.isObject())
    return fail("a module is an object");
  const json::Value *name = member(value, "name", json::Value::Kind::String);
  const json::Value *format =
      name ? member(value, "format", json::Value::Kind::String) : nullptr;
  const json::Value *encoding =
      format ? member(value, "encoding", json::Value::Kind::String) : nullptr;
  const json::Value *binary =
      encoding ? member(value, "binary", json::Value::Kind::String) : nullptr;
  const json::Value *kernels =
      binary ? member(value, "kernels", json::Value::Kind::Array) : nullptr;
  if (!kernels)
    return false;
  Module module;
  module.name = name->string;
  if (format->string != "ptx" && format->string != "cubin" &&
      format->string != "fatbin")
    return fail("unknown binary format '" + format->string + "'");
  if (const json::Value *level = value.get("jit-opt-level")) {
    if (!level->isInteger() || level->integer < 0 || level->integer > 4)
      return fail("'jit-opt-level' must be an integer from 0 to 4");
    module.jitOptLevel = int(level->integer);
  }
  if (encoding->string == "text") {
    module.binary = binary->string;
  } else if (encoding->string != "base64" ||
             !decodeBase64(binary->string, module.binary)) {
    return fail("the binary is not valid base64 (or of an unknown encoding)");
  }
  if (module.binary.empty())
    return fail("empty binary");
  artifact.modules.push_back(std::move(module));
  for (size_t k = 0; k < kernels->array.size(); ++k) {
    const json::Value &entry = kernels->array[k];
    context = "modules[" + std::to_string(index) + "].kernels[" +
              std::to_string(k) + "]";
    const json::Value *kernelName =
        entry.isObject() ? member(entry, "name", json::Value::Kind::String)
                         : nullptr;
    const json::Value *arguments =
        kernelName ? member(entry, "arguments", json::Value::Kind::Array)
                   : nullptr;
    const json::Value *params =
        arguments ? member(entry, "params", json::Value::Kind::Array) : nullptr;
    if (!params)
      return entry.isObject() ? false : fail("a kernel is an object");
    Kernel kernel;
    kernel.module = index;
    kernel.name = kernelName->string;
    // The parameters must be the arguments expanded as the NVVM lowering
    // expands them.
    std::vector<std::string> expected;
    for (const json::Value &argument : arguments->array) {
      Type type;
      if (!argument.isString() || !parseType(argument.string, type))
        return fail("unknown kernel argument type");
      kernel.arguments.push_back(type);
      if (type.kind == Kind::MemRef) {
        expected.insert(expected.end(), {"ptr", "ptr"});
        expected.insert(expected.end(), 1 + 2 * type.rank, "i64");
      } else {
        expected.push_back(type.element == "index" ? "i64" : type.element);
      }
    }
    bool same = expected.size() == params->array.size();
    for (size_t p = 0; same && p < expected.size(); ++p)
      same =
          params->array[p].isString() && params->array[p].string == expected[p];
    if (!same)
      return fail("'params' is not the expansion of 'arguments'");
    kernel.params = expected.size();
    std::string key = artifact.modules.back().name + "/" + kernel.name;
    if (!kernelIndex.emplace(key, artifact.kernels.size()).second)
      return fail("kernel " + kernel.name + " listed twice");
    artifact.kernels.push_back(std::move(kernel));
  }
  return true;
}

bool Loader::loadSpec(const json::Value &value, ValueSpec &spec) {
  if (!value.isObject())
    return fail("an argument or result is an object");
  const json::Value *kind = member(value, "kind", json::Value::Kind::String);
  const json::Value *element =
      kind ? member(value, "element", json::Value::Kind::String) : nullptr;
  if (!element)
    return false;
  spec.element = element->string;
  if (kind->string == "scalar") {
    if (!parseScalar(spec.element, spec.type))
      return fail("unknown scalar type '" + spec.element + "'");
    return true;
  }
  if (kind->string != "tensor")
    return fail("'kind' must be \"tensor\" or \"scalar\"");
  spec.tensor = true;
  const json::Value *shape = member(value, "shape", json::Value::Kind::Array);
  if (!shape)
    return false;
  if (shape->array.size() > VORTEX_MAX_RANK)
    return fail("rank above " + std::to_string(VORTEX_MAX_RANK));
  std::string type = "memref<";
  for (const json::Value &size : shape->array) {
    if (!size.isInteger() || size.integer < -1)
      return fail("a size is a non-negative integer or -1");
    spec.shape.push_back(size.integer);
    type += "?x";
  }
  // Tensors are passed in the layout of the compiled code.
  if (!parseType(type + slotElement(spec.element) + ">", spec.type))
    return fail("unknown element type '" + spec.element + "'");
  return true;
}

bool Loader::loadFunction(const json::Value &value, size_t index) {
  Function &f = artifact.functions[index];
  function = &f;
  if (!value.isObject())
    return fail("a function is an object");
  const json::Value *name = member(value, "name", json::Value::Kind::String);
  const json::Value *arguments =
      name ? member(value, "arguments", json::Value::Kind::Array) : nullptr;
  const json::Value *results =
      arguments ? member(value, "results", json::Value::Kind::Array) : nullptr;
  const json::Value *values =
      results ? member(value, "values", json::Value::Kind::Integer) : nullptr;
  const json::Value *plan =
      values ? member(value, "plan", json::Value::Kind::Array) : nullptr;
  if (!plan)
    return false;
  f.name = name->string;
  if (!artifact.byName.emplace(f.name, index).second)
    return fail("function " + f.name + " defined twice");
  context = "function " + f.name;
  if (values->integer < int64_t(arguments->array.size()) ||
      values->integer > kMaxValues)
    return fail("'values' out of range");
  f.types.resize(size_t(values->integer));
  visible.assign(f.types.size(), 0);
  scopes.assign(1, {});
  std::string signature = "{\"name\":" + json::quote(f.name);
  for (auto [key, list, specs] :
       {std::tuple{"arguments", arguments, &f.arguments},
        std::tuple{"results", results, &f.results}}) {
    signature += std::string(",\"") + key + "\":[";
    for (size_t i = 0; i < list->array.size(); ++i) {
      ValueSpec spec;
      if (!loadSpec(list->array[i], spec))
        return false;
      signature += i ? "," : "";
      signature += "{\"kind\":\"" +
                   std::string(spec.tensor ? "tensor" : "scalar") +
                   "\",\"element\":" + json::quote(spec.element);
      if (spec.tensor) {
        signature += ",\"shape\":[";
        for (size_t d = 0; d < spec.shape.size(); ++d)
          signature += (d ? "," : "") + std::to_string(spec.shape[d]);
        signature += "]";
      }
      signature += "}";
      specs->push_back(std::move(spec));
    }
    signature += "]";
  }
  f.signature = signature + "}";
  for (size_t i = 0; i < f.arguments.size(); ++i)
    if (!define(uint32_t(i), f.arguments[i].type))
      return false;
  if (!loadBlock(*plan, f.plan, 0, nullptr))
    return false;
  if (f.plan.empty() || f.plan.back().op != Op::Return)
    return fail("the plan does not end with func.return");
  const Instr &ret = f.plan.back();
  if (ret.operands.size() != f.results.size())
    return fail("func.return returns " + std::to_string(ret.operands.size()) +
                " values for " + std::to_string(f.results.size()) + " results");
  for (size_t i = 0; i < f.results.size(); ++i)
    if (typeOf(ret.operands[i]) != f.results[i].type)
      return fail("func.return operand " + std::to_string(i) +
                  " does not have the type of the result");
  // Values never defined (ids the translation skipped) take no room.
  f.slots.resize(f.types.size());
  for (size_t v = 0; v < f.types.size(); ++v) {
    f.slots[v] = f.frameSlots;
    if (visible[v])
      f.frameSlots += f.types[v].slots();
  }
  return true;
}

/// A nested region: its values are visible only inside it.
bool Loader::loadRegion(const json::Value &ops, std::vector<Instr> &out,
                        int depth, const std::vector<Type> &yieldTypes) {
  scopes.emplace_back();
  bool ok = loadBlock(ops, out, depth, &yieldTypes);
  for (uint32_t v : scopes.back())
    visible[v] = 2;
  scopes.pop_back();
  return ok;
}

bool Loader::loadBlock(const json::Value &ops, std::vector<Instr> &out,
                       int depth, const std::vector<Type> *yieldTypes) {
  if (!ops.isArray())
    return fail("a region is an array of operations");
  if (depth > kMaxRegionDepth)
    return fail("regions nested too deeply");
  out.resize(ops.array.size());
  std::string outer = context;
  for (size_t i = 0; i < ops.array.size(); ++i) {
    context = outer + ": operation " + std::to_string(i);
    if (!loadOp(ops.array[i], out[i], depth, yieldTypes))
      return false;
    // Exactly the last operation terminates: scf.yield in a region,
    // func.return in the plan.
    bool terminator = out[i].op == Op::Yield || out[i].op == Op::Return;
    bool last = i + 1 == ops.array.size();
    Op expected = depth ? Op::Yield : Op::Return;
    if (terminator != last || (last && out[i].op != expected))
      return fail(depth ? "a region must end with its only scf.yield"
                        : "the plan must end with its only func.return");
  }
  context = outer;
  if (out.empty())
    return fail(depth ? "a region must end with its only scf.yield"
                      : "the plan must end with its only func.return");
  return true;
}

bool Loader::loadOp(const json::Value &value, Instr &instr, int depth,
                    const std::vector<Type> *yieldTypes) {
  if (!value.isObject())
    return fail("an operation is an object");
  const json::Value *name = member(value, "op", json::Value::Kind::String);
  if (!name)
    return false;
  const OpInfo *info = nullptr;
  for (const OpInfo &candidate : kOps)
    if (name->string == candidate.name)
      info = &candidate;
  if (!info)
    return fail("unknown operation '" + name->string + "'");
  instr.op = info->op;
  context += " (" + name->string + ")";

  static const json::Value kEmpty = [] {
    json::Value v;
    v.kind = json::Value::Kind::Array;
    return v;
  }();
  auto list = [&](const char *key) -> const json::Value * {
    const json::Value *v = value.get(key);
    if (!v)
      return &kEmpty;
    if (!v->isArray()) {
      fail(std::string("'") + key + "' must be an array");
      return nullptr;
    }
    return v;
  };
  const json::Value *operands = list("operands");
  const json::Value *results = operands ? list("results") : nullptr;
  const json::Value *types = results ? list("types") : nullptr;
  if (!types)
    return false;
  for (const json::Value &operand : operands->array) {
    uint32_t v;
    if (!use(operand, v))
      return false;
    instr.operands.push_back(v);
  }
  if (results->array.size() != types->array.size())
    return fail("'results' and 'types' differ in length");
  std::vector<Type> resultTypes(results->array.size());
  for (size_t i = 0; i < results->array.size(); ++i) {
    uint32_t v;
    if (!id(results->array[i], v))
      return false;
    if (!types->array[i].isString() ||
        !parseType(types->array[i].string, resultTypes[i]))
      return fail("unknown type");
    instr.results.push_back(v);
  }
  // Results are defined after the operation (regions included) is read.
  auto defineResults = [&] {
    for (size_t i = 0; i < instr.results.size(); ++i)
      if (!define(instr.results[i], resultTypes[i]))
        return false;
    return true;
  };
  auto counts = [&](size_t numOperands, size_t numResults) {
    if (instr.operands.size() != numOperands ||
        instr.results.size() != numResults)
      return fail("expected " + std::to_string(numOperands) +
                  " operand(s) and " + std::to_string(numResults) +
                  " result(s)");
    return true;
  };
  auto operandType = [&](size_t i) -> const Type & {
    return typeOf(instr.operands[i]);
  };
  auto isInt = [](const Type &t) { return t.kind == Kind::Int; };
  auto isArithFloat = [](const Type &t) {
    return t.kind == Kind::Float && t.bits != 16;
  };
  auto isMemRef = [](const Type &t) { return t.kind == Kind::MemRef; };
  auto isIndex = [](const Type &t) {
    return t.kind == Kind::Int && t.element == "index";
  };
  auto require = [&](bool ok, const char *what) { return ok || fail(what); };

  switch (info->shape) {
  case Shape::Constant: {
    if (!counts(0, 1) ||
        !require(resultTypes[0].kind != Kind::MemRef, "a constant is a scalar"))
      return false;
    const json::Value *constant = value.get("value");
    if (!constant)
      return fail("a constant needs a 'value'");
    const Type &type = resultTypes[0];
    if (type.kind == Kind::Int) {
      if (!constant->isInteger())
        return fail("an integer constant needs an integer 'value'");
      instr.imm = normalize(constant->integer, type.bits);
    } else {
      double d;
      if (constant->isNumber())
        d = constant->number;
      else if (constant->isString() && constant->string == "inf")
        d = std::numeric_limits<double>::infinity();
      else if (constant->isString() && constant->string == "-inf")
        d = -std::numeric_limits<double>::infinity();
      else if (constant->isString() && constant->string == "nan")
        d = std::numeric_limits<double>::quiet_NaN();
      else
        return fail("a float constant needs a number, \"inf\", \"-inf\" or "
                    "\"nan\"");
      if (!encodeFloat(d, type, instr.imm))
        return fail("the constant is not a " + type.element + " value");
    }
    return defineResults();
  }
  case Shape::IntBinary:
    return counts(2, 1) &&
           require(isInt(resultTypes[0]) && operandType(0) == resultTypes[0] &&
                       operandType(1) == resultTypes[0],
                   "operands and result must be integers of one type") &&
           defineResults();
  case Shape::IntCast:
    return counts(1, 1) &&
           require(isInt(operandType(0)) && isInt(resultTypes[0]),
                   "an integer cast takes and makes integers") &&
           defineResults();
  case Shape::CmpI: {
    const json::Value *predicate = value.get("predicate");
    bool known = false;
    for (int p = 0; predicate && predicate->isString() && p < 10; ++p)
      if (predicate->string == kPredicates[p]) {
        instr.predicate = Predicate(p);
        known = true;
      }
    return require(known, "unknown or missing 'predicate'") && counts(2, 1) &&
           require(isInt(operandType(0)) && operandType(0) == operandType(1) &&
                       isInt(resultTypes[0]) && resultTypes[0].bits == 1 &&
                       resultTypes[0].element == "i1",
                   "a comparison of two integers of one type makes an i1") &&
           defineResults();
  }
  case Shape::Select:
    return counts(3, 1) &&
           require(operandType(0).element == "i1" &&
                       operandType(1) == resultTypes[0] &&
                       operandType(2) == resultTypes[0] &&
                       !isMemRef(resultTypes[0]),
                   "a select takes an i1 and two scalars of its type") &&
           defineResults();
  case Shape::IntToFloat:
    return counts(1, 1) &&
           require(isInt(operandType(0)) && isArithFloat(resultTypes[0]),
                   "converts an integer to f32 or f64") &&
           defineResults();
  case Shape::FloatBinary:
    return counts(2, 1) &&
           require(isArithFloat(resultTypes[0]) &&
                       operandType(0) == resultTypes[0] &&
                       operandType(1) == resultTypes[0],
                   "operands and result must be f32 or f64 of one type") &&
           defineResults();
  case Shape::FloatUnary:
    return counts(1, 1) &&
           require(isArithFloat(resultTypes[0]) &&
                       operandType(0) == resultTypes[0],
                   "operand and result must be f32 or f64 of one type") &&
           defineResults();
  case Shape::FloatCast:
    return counts(1, 1) &&
           require(isArithFloat(operandType(0)) && isArithFloat(resultTypes[0]),
                   "converts between f32 and f64") &&
           defineResults();
  case Shape::Special:
    break;
  }

  switch (instr.op) {
  case Op::Dim:
    return counts(2, 1) &&
           require(isMemRef(operandType(0)) && isIndex(operandType(1)) &&
                       isIndex(resultTypes[0]),
                   "memref.dim takes a memref and an index") &&
           defineResults();
  case Op::ExtractAlignedPointer:
    return counts(1, 1) &&
           require(isMemRef(operandType(0)) && isIndex(resultTypes[0]),
                   "takes a memref and makes an index") &&
           defineResults();
  case Op::ExtractStridedMetadata: {
    if (instr.operands.size() != 1 || !isMemRef(operandType(0)))
      return fail("takes one memref");
    const Type &source = operandType(0);
    bool ok = instr.results.size() == size_t(2 + 2 * source.rank) &&
              isMemRef(resultTypes[0]) && resultTypes[0].rank == 0 &&
              resultTypes[0].element == source.element;
    for (size_t i = 1; ok && i < resultTypes.size(); ++i)
      ok = isIndex(resultTypes[i]);
    return require(ok,
                   "makes the base buffer, the offset, sizes and strides") &&
           defineResults();
  }
  case Op::ReinterpretCast: {
    if (instr.results.size() != 1 || !isMemRef(resultTypes[0]))
      return fail("makes one memref");
    const Type &result = resultTypes[0];
    bool ok = instr.operands.size() == size_t(2 + 2 * result.rank) &&
              isMemRef(operandType(0)) &&
              operandType(0).element == result.element;
    for (size_t i = 1; ok && i < instr.operands.size(); ++i)
      ok = isIndex(operandType(i));
    return require(ok, "takes a memref of the element type, the offset, sizes "
                       "and strides") &&
           defineResults();
  }
  case Op::Cast:
    return counts(1, 1) &&
           require(isMemRef(resultTypes[0]) && operandType(0) == resultTypes[0],
                   "casts a memref to one of the same rank and element") &&
           defineResults();
  case Op::Alloc: {
    const json::Value *shape = value.get("shape");
    if (instr.results.size() != 1 || !isMemRef(resultTypes[0]) || !shape ||
        !shape->isArray() || shape->array.size() != size_t(resultTypes[0].rank))
      return fail("makes one memref, whose rank 'shape' gives");
    size_t dynamic = 0;
    for (const json::Value &size : shape->array) {
      if (!size.isInteger() || size.integer < -1)
        return fail("a size is a non-negative integer or -1");
      instr.shape.push_back(size.integer);
      dynamic += size.integer == -1;
    }
    bool ok = instr.operands.size() == dynamic;
    for (size_t i = 0; ok && i < dynamic; ++i)
      ok = isIndex(operandType(i));
    return require(ok, "takes one index per dynamic size") && defineResults();
  }
  case Op::Dealloc:
    return counts(1, 0) && require(isMemRef(operandType(0)), "frees a memref");
  case Op::Memcpy:
    return counts(2, 0) &&
           require(isMemRef(operandType(0)) && isMemRef(operandType(1)) &&
                       operandType(0).elementBytes ==
                           operandType(1).elementBytes,
                   "copies between memrefs of one element size");
  case Op::Memset:
    return counts(2, 0) &&
           require(
               isMemRef(operandType(0)) &&
                   operandType(1).kind != Kind::MemRef &&
                   (operandType(1).bits == 16 || operandType(1).bits == 32) &&
                   operandType(0).elementBytes * 8 == operandType(1).bits,
               "fills a memref with a 16- or 32-bit value of its element "
               "size");
  case Op::TensorMap: {
    const char *keys[] = {"data_type", "interleave", "swizzle", "l2promo",
                          "oob"};
    for (int i = 0; i < 5; ++i) {
      const json::Value *field = value.get(keys[i]);
      if (!field || !field->isInteger() || field->integer < 0 ||
          field->integer > 12)
        return fail(std::string("'") + keys[i] + "' must be a small integer");
      instr.tensorMap[i] = field->integer;
    }
    bool ok = !instr.operands.empty() && isMemRef(operandType(0)) &&
              operandType(0).rank >= 1 && operandType(0).rank <= 5 &&
              instr.operands.size() == size_t(1 + operandType(0).rank) &&
              instr.results.size() == 1 && resultTypes[0].element == "i64";
    for (size_t i = 1; ok && i < instr.operands.size(); ++i)
      ok = isIndex(operandType(i));
    return require(ok, "takes a memref of rank 1 to 5 and one box size per "
                       "dimension, and makes an i64") &&
           defineResults();
  }
  case Op::Launch: {
    const json::Value *module = value.get("module");
    const json::Value *kernel = value.get("kernel");
    if (!module || !module->isString() || !kernel || !kernel->isString())
      return fail("names its 'module' and 'kernel'");
    auto found = kernelIndex.find(module->string + "/" + kernel->string);
    if (found == kernelIndex.end())
      return fail("launches " + module->string + "::" + kernel->string +
                  ", which no module holds");
    instr.kernel = uint32_t(found->second);
    instr.hasCluster = value.get("cluster") != nullptr;
    for (auto [key, dims] :
         {std::pair{"grid", instr.grid}, std::pair{"block", instr.block},
          std::pair{"cluster", instr.cluster}}) {
      const json::Value *list = value.get(key);
      if (!list && dims == instr.cluster)
        continue;
      if (!list || !list->isArray() || list->array.size() != 3)
        return fail(std::string("'") + key + "' must list 3 values");
      for (int i = 0; i < 3; ++i)
        if (!use(list->array[i], dims[i]) ||
            !require(isInt(typeOf(dims[i])), "sizes are integers"))
          return false;
    }
    if (const json::Value *shared = value.get("shared")) {
      uint32_t v;
      if (!use(*shared, v) || !require(isInt(typeOf(v)), "sizes are integers"))
        return false;
      instr.shared = v;
    }
    const Kernel &target = artifact.kernels[instr.kernel];
    if (!instr.results.empty() ||
        instr.operands.size() != target.arguments.size())
      return fail("passes " + std::to_string(instr.operands.size()) +
                  " operands to a kernel of " +
                  std::to_string(target.arguments.size()) + " arguments");
    for (size_t i = 0; i < instr.operands.size(); ++i) {
      const Type &have = operandType(i), &want = target.arguments[i];
      if (have.kind != want.kind || have.rank != want.rank ||
          have.element != want.element)
        return fail("operand " + std::to_string(i) +
                    " does not match the kernel's argument type");
    }
    return true;
  }
  case Op::If: {
    if (instr.operands.size() != 1 || operandType(0).element != "i1")
      return fail("scf.if takes one i1");
    const char *keys[] = {"then", "else"};
    for (int r = 0; r < 2; ++r) {
      const json::Value *region = value.get(keys[r]);
      if (!region)
        return fail(std::string("scf.if needs '") + keys[r] + "'");
      // An empty region of an scf.if without results does nothing.
      if (region->isArray() && region->array.empty() && resultTypes.empty())
        continue;
      if (!loadRegion(*region, instr.regions[r], depth + 1, resultTypes))
        return false;
    }
    return defineResults();
  }
  case Op::For: {
    if (instr.operands.size() < 3 ||
        instr.operands.size() - 3 != instr.results.size())
      return fail("scf.for takes bounds, a step and one initial value per "
                  "result");
    for (int i = 0; i < 3; ++i)
      if (!isInt(operandType(i)) || operandType(i) != operandType(0))
        return fail("bounds and step are integers of one type");
    const json::Value *induction = value.get("induction");
    const json::Value *iterArgs = value.get("iter_args");
    const json::Value *body = value.get("body");
    if (!induction || !iterArgs || !iterArgs->isArray() || !body ||
        iterArgs->array.size() != instr.results.size())
      return fail("scf.for needs 'induction', 'iter_args' (one per result) and "
                  "'body'");
    // The induction variable and iteration arguments belong to the body.
    scopes.emplace_back();
    bool ok = id(*induction, instr.induction) &&
              define(instr.induction, operandType(0));
    for (size_t i = 0; ok && i < iterArgs->array.size(); ++i) {
      uint32_t v;
      ok = id(iterArgs->array[i], v) &&
           require(operandType(3 + i) == resultTypes[i],
                   "an initial value does not have its result's type") &&
           define(v, resultTypes[i]);
      instr.iterArgs.push_back(v);
    }
    ok = ok && loadBlock(*body, instr.regions[0], depth + 1, &resultTypes);
    for (uint32_t v : scopes.back())
      visible[v] = 2;
    scopes.pop_back();
    return ok && defineResults();
  }
  case Op::Yield: {
    if (!yieldTypes)
      return fail("scf.yield outside of a region");
    if (!instr.results.empty() || instr.operands.size() != yieldTypes->size())
      return fail("scf.yield yields " + std::to_string(instr.operands.size()) +
                  " values for " + std::to_string(yieldTypes->size()) +
                  " results");
    for (size_t i = 0; i < instr.operands.size(); ++i)
      if (operandType(i) != (*yieldTypes)[i])
        return fail("scf.yield operand " + std::to_string(i) +
                    " does not have its result's type");
    return true;
  }
  case Op::Return:
    return require(depth == 0 && instr.results.empty(),
                   "func.return ends the plan");
  default:
    return fail("unexpected operation");
  }
}

//===----------------------------------------------------------------------===//
// Running plans
//===----------------------------------------------------------------------===//

class Runner {
public:
  Runner(VortexArtifact_st &artifact, const Function &function,
         VortexStream stream)
      : artifact(artifact), function(function), stream(stream),
        frame(function.frameSlots) {}

  ~Runner() {
    // Whatever the plan allocated and did not return goes back (after the
    // work queued so far, as the allocator orders frees).
    for (void *block : allocations)
      vortexFreeAsync(block, stream);
  }

  VortexStatus run(const VortexValue *args, VortexValue *results);

private:
  int64_t *slot(uint32_t value) { return &frame[function.slots[value]]; }
  int64_t &scalar(uint32_t value) { return *slot(value); }
  const Type &type(uint32_t value) const { return function.types[value]; }

  void copy(uint32_t to, uint32_t from) {
    std::memmove(slot(to), slot(from), type(from).slots() * sizeof(int64_t));
  }

  VortexStatus error(VortexStatus status, const char *what,
                     const char *detail = "") {
    return fail(status, "%s: %s%s", function.name.c_str(), what, detail);
  }

  VortexStatus block(const std::vector<Instr> &ops, const Instr **terminator);
  VortexStatus step(const Instr &instr);
  VortexStatus integer(const Instr &instr);
  VortexStatus memory(const Instr &instr);
  VortexStatus launch(const Instr &instr);
  VortexStatus loadKernel(Kernel &kernel);

  VortexArtifact_st &artifact;
  const Function &function;
  VortexStream stream;
  std::vector<int64_t> frame;
  std::vector<void *> allocations; // made by this call, not yet released
};

VortexStatus Runner::block(const std::vector<Instr> &ops,
                           const Instr **terminator) {
  for (const Instr &instr : ops) {
    if (instr.op == Op::Yield || instr.op == Op::Return) {
      *terminator = &instr;
      return VORTEX_SUCCESS;
    }
    if (VortexStatus status = step(instr))
      return status;
  }
  *terminator = nullptr;
  return VORTEX_SUCCESS;
}

/// Integer operations on values held sign-extended from their width.
VortexStatus Runner::integer(const Instr &instr) {
  const Type &t = type(instr.results[0]);
  unsigned bits = t.bits;
  int64_t a = scalar(instr.operands[0]);
  int64_t b = instr.operands.size() > 1 ? scalar(instr.operands[1]) : 0;
  uint64_t ua = unsignedOf(a, bits), ub = unsignedOf(b, bits);
  int64_t r = 0;
  bool signedDivision = instr.op == Op::DivSI || instr.op == Op::RemSI ||
                        instr.op == Op::CeilDivSI || instr.op == Op::FloorDivSI;
  bool division = signedDivision || instr.op == Op::DivUI ||
                  instr.op == Op::RemUI || instr.op == Op::CeilDivUI;
  if (division && b == 0)
    return error(VORTEX_ERROR_INVALID_ARGUMENT, "division by zero in the plan");
  // The only signed quotient that overflows a 64-bit value.
  if (signedDivision && bits == 64 && a == INT64_MIN && b == -1)
    return error(VORTEX_ERROR_INVALID_ARGUMENT,
                 "signed division overflow in the plan");
  bool shift =
      instr.op == Op::ShLI || instr.op == Op::ShRSI || instr.op == Op::ShRUI;
  if (shift && ub >= bits)
    return error(VORTEX_ERROR_INVALID_ARGUMENT,
                 "shift by at least the bit width in the plan");
  switch (instr.op) {
  case Op::AddI:
    r = int64_t(ua + ub);
    break;
  case Op::SubI:
    r = int64_t(ua - ub);
    break;
  case Op::MulI:
    r = int64_t(ua * ub);
    break;
  case Op::DivSI:
    r = a / b;
    break;
  case Op::DivUI:
    r = int64_t(ua / ub);
    break;
  case Op::RemSI:
    r = a % b;
    break;
  case Op::RemUI:
    r = int64_t(ua % ub);
    break;
  case Op::CeilDivSI:
    r = a / b + ((a % b != 0) && ((a < 0) == (b < 0)));
    break;
  case Op::CeilDivUI:
    r = int64_t(ua / ub + (ua % ub != 0));
    break;
  case Op::FloorDivSI:
    r = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
    break;
  case Op::MinSI:
    r = a < b ? a : b;
    break;
  case Op::MaxSI:
    r = a > b ? a : b;
    break;
  case Op::MinUI:
    r = ua < ub ? a : b;
    break;
  case Op::MaxUI:
    r = ua > ub ? a : b;
    break;
  case Op::AndI:
    r = a & b;
    break;
  case Op::OrI:
    r = a | b;
    break;
  case Op::XOrI:
    r = a ^ b;
    break;
  case Op::ShLI:
    r = int64_t(ua << ub);
    break;
  case Op::ShRSI:
    r = a >> ub;
    break;
  case Op::ShRUI:
    r = int64_t(ua >> ub);
    break;
  case Op::IndexCast:
  case Op::ExtSI:
  case Op::TruncI:
    r = a; // held sign-extended: normalizing to the new width is the cast
    break;
  case Op::IndexCastUI:
  case Op::ExtUI:
    r = int64_t(unsignedOf(a, type(instr.operands[0]).bits));
    break;
  default:
    return error(VORTEX_ERROR_INVALID_ARGUMENT, "unexpected operation");
  }
  scalar(instr.results[0]) = normalize(r, bits);
  return VORTEX_SUCCESS;
}

float asFloat(int64_t bits) {
  uint32_t b = uint32_t(bits);
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}

double asDouble(int64_t bits) {
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

/// Reads an f32 or f64 value as a double, and writes one back rounded.
double readFloat(int64_t bits, const Type &t) {
  return t.bits == 64 ? asDouble(bits) : double(asFloat(bits));
}

int64_t writeFloat(double value, const Type &t) {
  return t.bits == 64 ? doubleBits(value) : int64_t(floatBits(float(value)));
}

/// Multiplies sizes, failing on overflow or a negative size.
bool product(const int64_t *sizes, int rank, int64_t scale, int64_t &out) {
  out = scale;
  for (int i = 0; i < rank; ++i)
    if (sizes[i] < 0 || __builtin_mul_overflow(out, sizes[i], &out))
      return false;
  return true;
}

VortexStatus Runner::memory(const Instr &instr) {
  switch (instr.op) {
  case Op::Dim: {
    const int64_t *m = slot(instr.operands[0]);
    int64_t i = scalar(instr.operands[1]);
    if (i < 0 || i >= type(instr.operands[0]).rank)
      return error(VORTEX_ERROR_INVALID_ARGUMENT,
                   "memref.dim of a dimension out of range");
    scalar(instr.results[0]) = m[3 + i];
    return VORTEX_SUCCESS;
  }
  case Op::ExtractAlignedPointer:
    scalar(instr.results[0]) = slot(instr.operands[0])[1];
    return VORTEX_SUCCESS;
  case Op::ExtractStridedMetadata: {
    const int64_t *m = slot(instr.operands[0]);
    int64_t *base = slot(instr.results[0]);
    base[0] = m[0];
    base[1] = m[1];
    base[2] = 0;
    for (size_t i = 1; i < instr.results.size(); ++i)
      scalar(instr.results[i]) = m[1 + i];
    return VORTEX_SUCCESS;
  }
  case Op::ReinterpretCast: {
    const int64_t *source = slot(instr.operands[0]);
    int64_t *m = slot(instr.results[0]);
    int64_t fields[2 + 2 * VORTEX_MAX_RANK];
    fields[0] = source[0];
    fields[1] = source[1];
    for (size_t i = 1; i < instr.operands.size(); ++i)
      fields[1 + i] = scalar(instr.operands[i]);
    std::memcpy(m, fields, (1 + instr.operands.size()) * sizeof(int64_t));
    return VORTEX_SUCCESS;
  }
  case Op::Cast:
    copy(instr.results[0], instr.operands[0]);
    return VORTEX_SUCCESS;
  case Op::Alloc: {
    const Type &t = type(instr.results[0]);
    int64_t sizes[VORTEX_MAX_RANK];
    size_t next = 0;
    for (int i = 0; i < t.rank; ++i)
      sizes[i] = instr.shape[i] == -1 ? scalar(instr.operands[next++])
                                      : instr.shape[i];
    int64_t bytes;
    if (!product(sizes, t.rank, int64_t(t.elementBytes), bytes))
      return error(VORTEX_ERROR_INVALID_ARGUMENT,
                   "gpu.alloc of a negative or overflowing size");
    void *ptr = nullptr;
    if (VortexStatus status = vortexMallocAsync(&ptr, size_t(bytes), stream))
      return status;
    allocations.push_back(ptr);
    int64_t *m = slot(instr.results[0]);
    m[0] = m[1] = int64_t(reinterpret_cast<uintptr_t>(ptr));
    m[2] = 0;
    int64_t stride = 1;
    for (int i = t.rank - 1; i >= 0; --i) {
      m[3 + i] = sizes[i];
      m[3 + t.rank + i] = stride;
      stride *= sizes[i];
    }
    return VORTEX_SUCCESS;
  }
  case Op::Dealloc: {
    void *ptr = reinterpret_cast<void *>(uintptr_t(slot(instr.operands[0])[0]));
    for (size_t i = 0; i < allocations.size(); ++i)
      if (allocations[i] == ptr) {
        allocations.erase(allocations.begin() + i);
        return vortexFreeAsync(ptr, stream);
      }
    return error(VORTEX_ERROR_INVALID_ARGUMENT,
                 "gpu.dealloc of memory the plan did not allocate");
  }
  case Op::Memcpy: {
    // As gpu-to-llvm lowers it: the source's elements, between the aligned
    // pointers (the memrefs have identity layouts).
    const Type &t = type(instr.operands[1]);
    const int64_t *dst = slot(instr.operands[0]),
                  *src = slot(instr.operands[1]);
    int64_t bytes;
    if (!product(src + 3, t.rank, int64_t(t.elementBytes), bytes))
      return error(VORTEX_ERROR_INVALID_ARGUMENT, "gpu.memcpy of a bad size");
    return vortexMemcpyAsync(reinterpret_cast<void *>(uintptr_t(dst[1])),
                             reinterpret_cast<const void *>(uintptr_t(src[1])),
                             size_t(bytes), stream);
  }
  case Op::Memset: {
    const Type &t = type(instr.operands[0]);
    const int64_t *dst = slot(instr.operands[0]);
    int64_t count;
    if (!product(dst + 3, t.rank, 1, count))
      return error(VORTEX_ERROR_INVALID_ARGUMENT, "gpu.memset of a bad size");
    void *ptr = reinterpret_cast<void *>(uintptr_t(dst[1]));
    uint64_t value =
        unsignedOf(scalar(instr.operands[1]), type(instr.operands[1]).bits);
    return type(instr.operands[1]).bits == 32
               ? vortexMemsetD32Async(ptr, uint32_t(value), size_t(count),
                                      stream)
               : vortexMemsetD16Async(ptr, uint16_t(value), size_t(count),
                                      stream);
  }
  default:
    return error(VORTEX_ERROR_INVALID_ARGUMENT, "unexpected operation");
  }
}

VortexStatus Runner::loadKernel(Kernel &kernel) {
  std::lock_guard<std::mutex> lock(artifact.loadMutex);
  if (kernel.function)
    return VORTEX_SUCCESS;
  Module &module = artifact.modules[kernel.module];
  if (!module.handle)
    if (VortexStatus status =
            vortexModuleLoadData(&module.handle, module.binary.data(),
                                 module.binary.size(), module.jitOptLevel))
      return fail(status, "%s: kernel module %s did not load: %s",
                  function.name.c_str(), module.name.c_str(),
                  vortexRuntimeLastError());
  return vortexModuleGetFunction(&kernel.function, module.handle,
                                 kernel.name.c_str());
}

VortexStatus Runner::launch(const Instr &instr) {
  Kernel &kernel = artifact.kernels[instr.kernel];
  int64_t grid[3], block[3];
  for (int i = 0; i < 3; ++i) {
    grid[i] = scalar(instr.grid[i]);
    block[i] = scalar(instr.block[i]);
  }
  // As mgpuLaunchKernel: an empty grid has nothing to do.
  if (grid[0] <= 0 || grid[1] <= 0 || grid[2] <= 0)
    return VORTEX_SUCCESS;
  int64_t shared = instr.shared >= 0 ? scalar(uint32_t(instr.shared)) : 0;
  constexpr int64_t kMax = std::numeric_limits<unsigned>::max();
  for (int i = 0; i < 3; ++i)
    if (grid[i] > kMax || block[i] <= 0 || block[i] > kMax)
      return fail(VORTEX_ERROR_LAUNCH_FAILED,
                  "%s: kernel %s: grid %lld x %lld x %lld, block %lld x %lld x "
                  "%lld cannot be launched",
                  function.name.c_str(), kernel.name.c_str(),
                  (long long)grid[0], (long long)grid[1], (long long)grid[2],
                  (long long)block[0], (long long)block[1],
                  (long long)block[2]);
  if (shared < 0 || shared > INT32_MAX)
    return error(VORTEX_ERROR_LAUNCH_FAILED, "bad dynamic shared memory size");
  int64_t cluster[3] = {1, 1, 1};
  for (int i = 0; instr.hasCluster && i < 3; ++i) {
    cluster[i] = scalar(instr.cluster[i]);
    if (cluster[i] <= 0 || cluster[i] > kMax)
      return error(VORTEX_ERROR_LAUNCH_FAILED, "bad thread-block cluster size");
  }
  if (VortexStatus status = loadKernel(kernel))
    return status;
  // Each parameter in a 64-bit slot of its own, little-endian: a parameter
  // of fewer bytes reads the low ones.
  std::vector<uint64_t> values;
  values.reserve(kernel.params);
  for (uint32_t operand : instr.operands) {
    const Type &t = type(operand);
    if (t.kind == Kind::MemRef) {
      const int64_t *m = slot(operand);
      values.insert(values.end(), m, m + t.slots());
    } else {
      values.push_back(t.kind == Kind::Int ? unsignedOf(scalar(operand), t.bits)
                                           : uint64_t(scalar(operand)));
    }
  }
  std::vector<void *> params(values.size());
  for (size_t i = 0; i < values.size(); ++i)
    params[i] = &values[i];
  VortexStatus status =
      instr.hasCluster
          ? vortexLaunchClusterKernel(
                kernel.function, unsigned(cluster[0]), unsigned(cluster[1]),
                unsigned(cluster[2]), unsigned(grid[0]), unsigned(grid[1]),
                unsigned(grid[2]), unsigned(block[0]), unsigned(block[1]),
                unsigned(block[2]), unsigned(shared), stream, params.data())
          : vortexLaunchKernel(
                kernel.function, unsigned(grid[0]), unsigned(grid[1]),
                unsigned(grid[2]), unsigned(block[0]), unsigned(block[1]),
                unsigned(block[2]), unsigned(shared), stream, params.data());
  if (status)
    return fail(status, "%s: launching kernel %s: %s", function.name.c_str(),
                kernel.name.c_str(), vortexRuntimeLastError());
  return VORTEX_SUCCESS;
}

VortexStatus Runner::step(const Instr &instr) {
  switch (instr.op) {
  case Op::Constant:
    scalar(instr.results[0]) = instr.imm;
    return VORTEX_SUCCESS;
  case Op::CmpI: {
    unsigned bits = type(instr.operands[0]).bits;
    int64_t a = scalar(instr.operands[0]), b = scalar(instr.operands[1]);
    uint64_t ua = unsignedOf(a, bits), ub = unsignedOf(b, bits);
    bool r = false;
    switch (instr.predicate) {
    case Predicate::EQ:
      r = a == b;
      break;
    case Predicate::NE:
      r = a != b;
      break;
    case Predicate::SLT:
      r = a < b;
      break;
    case Predicate::SLE:
      r = a <= b;
      break;
    case Predicate::SGT:
      r = a > b;
      break;
    case Predicate::SGE:
      r = a >= b;
      break;
    case Predicate::ULT:
      r = ua < ub;
      break;
    case Predicate::ULE:
      r = ua <= ub;
      break;
    case Predicate::UGT:
      r = ua > ub;
      break;
    case Predicate::UGE:
      r = ua >= ub;
      break;
    }
    scalar(instr.results[0]) = r ? -1 : 0;
    return VORTEX_SUCCESS;
  }
  case Op::Select:
    copy(instr.results[0],
         scalar(instr.operands[0]) ? instr.operands[1] : instr.operands[2]);
    return VORTEX_SUCCESS;
  case Op::SIToFP:
  case Op::UIToFP: {
    const Type &from = type(instr.operands[0]), &to = type(instr.results[0]);
    int64_t v = scalar(instr.operands[0]);
    uint64_t u = unsignedOf(v, from.bits);
    bool isSigned = instr.op == Op::SIToFP;
    // Convert straight to the result type: one rounding, as LLVM does.
    scalar(instr.results[0]) =
        to.bits == 64 ? doubleBits(isSigned ? double(v) : double(u))
                      : int64_t(floatBits(isSigned ? float(v) : float(u)));
    return VORTEX_SUCCESS;
  }
  case Op::AddF:
  case Op::SubF:
  case Op::MulF:
  case Op::DivF: {
    const Type &t = type(instr.results[0]);
    if (t.bits == 32) {
      float a = asFloat(scalar(instr.operands[0]));
      float b = asFloat(scalar(instr.operands[1]));
      float r = instr.op == Op::AddF   ? a + b
                : instr.op == Op::SubF ? a - b
                : instr.op == Op::MulF ? a * b
                                       : a / b;
      scalar(instr.results[0]) = floatBits(r);
    } else {
      double a = asDouble(scalar(instr.operands[0]));
      double b = asDouble(scalar(instr.operands[1]));
      double r = instr.op == Op::AddF   ? a + b
                 : instr.op == Op::SubF ? a - b
                 : instr.op == Op::MulF ? a * b
                                        : a / b;
      scalar(instr.results[0]) = doubleBits(r);
    }
    return VORTEX_SUCCESS;
  }
  case Op::NegF:
  case Op::ExtF:
  case Op::TruncF: {
    const Type &from = type(instr.operands[0]), &to = type(instr.results[0]);
    double v = readFloat(scalar(instr.operands[0]), from);
    scalar(instr.results[0]) = writeFloat(instr.op == Op::NegF ? -v : v, to);
    return VORTEX_SUCCESS;
  }
  case Op::Dim:
  case Op::ExtractAlignedPointer:
  case Op::ExtractStridedMetadata:
  case Op::ReinterpretCast:
  case Op::Cast:
  case Op::Alloc:
  case Op::Dealloc:
  case Op::Memcpy:
  case Op::Memset:
    return memory(instr);
  case Op::Launch:
    return launch(instr);
  case Op::TensorMap: {
    const Type &t = type(instr.operands[0]);
    int64_t descriptor[3 + 2 * VORTEX_MAX_RANK], box[5] = {};
    std::memcpy(descriptor, slot(instr.operands[0]),
                t.slots() * sizeof(int64_t));
    for (size_t i = 1; i < instr.operands.size(); ++i)
      box[i - 1] = scalar(instr.operands[i]);
    void *map = mgpuTensorMapEncodeTiledMemref(
        t.rank, descriptor, instr.tensorMap[0], instr.tensorMap[1],
        instr.tensorMap[2], instr.tensorMap[3], instr.tensorMap[4], box);
    if (!map)
      return fail(VORTEX_ERROR_CUDA, "%s: encoding a TMA descriptor: %s",
                  function.name.c_str(), vortexRuntimeLastError());
    scalar(instr.results[0]) = int64_t(reinterpret_cast<uintptr_t>(map));
    return VORTEX_SUCCESS;
  }
  case Op::If: {
    const std::vector<Instr> &region =
        instr.regions[scalar(instr.operands[0]) ? 0 : 1];
    const Instr *yield = nullptr;
    if (VortexStatus status = block(region, &yield))
      return status;
    for (size_t i = 0; i < instr.results.size(); ++i)
      copy(instr.results[i], yield->operands[i]);
    return VORTEX_SUCCESS;
  }
  case Op::For: {
    int64_t lower = scalar(instr.operands[0]),
            upper = scalar(instr.operands[1]);
    int64_t stepSize = scalar(instr.operands[2]);
    if (stepSize <= 0)
      return error(VORTEX_ERROR_INVALID_ARGUMENT,
                   "scf.for with a step that is not positive");
    for (size_t i = 0; i < instr.iterArgs.size(); ++i)
      copy(instr.iterArgs[i], instr.operands[3 + i]);
    unsigned bits = type(instr.operands[0]).bits;
    for (int64_t i = lower; i < upper;) {
      scalar(instr.induction) = i;
      const Instr *yield = nullptr;
      if (VortexStatus status = block(instr.regions[0], &yield))
        return status;
      // Through the results, so that yields may permute the arguments.
      for (size_t k = 0; k < instr.results.size(); ++k)
        copy(instr.results[k], yield->operands[k]);
      for (size_t k = 0; k < instr.results.size(); ++k)
        copy(instr.iterArgs[k], instr.results[k]);
      int64_t next;
      if (__builtin_add_overflow(i, stepSize, &next) ||
          next != normalize(next, bits))
        break;
      i = next;
    }
    for (size_t k = 0; k < instr.results.size(); ++k)
      copy(instr.results[k], instr.iterArgs[k]);
    return VORTEX_SUCCESS;
  }
  case Op::Yield:
  case Op::Return:
    return VORTEX_SUCCESS;
  default:
    return integer(instr);
  }
}

VortexStatus Runner::run(const VortexValue *args, VortexValue *results) {
  // Arguments: descriptors of C-contiguous arrays, scalars.
  for (size_t i = 0; i < function.arguments.size(); ++i) {
    const ValueSpec &spec = function.arguments[i];
    const VortexValue &arg = args[i];
    int64_t *s = slot(uint32_t(i));
    if (!spec.tensor) {
      const Type &t = spec.type;
      if (t.kind == Kind::Int) {
        s[0] = normalize(arg.intValue, t.bits);
      } else if (!encodeFloat(arg.floatValue, t, s[0]) || t.bits == 16) {
        return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                    "%s: argument %zu: %s scalars are not supported",
                    function.name.c_str(), i, spec.element.c_str());
      }
      continue;
    }
    int rank = int(spec.shape.size());
    s[0] = s[1] = int64_t(reinterpret_cast<uintptr_t>(arg.data));
    s[2] = 0;
    int64_t stride = 1;
    for (int d = rank - 1; d >= 0; --d) {
      s[3 + d] = arg.sizes[d];
      s[3 + rank + d] = stride;
      stride *= arg.sizes[d];
    }
  }

  const Instr *ret = nullptr;
  if (VortexStatus status = block(function.plan, &ret))
    return status;

  // Results: the caller owns each returned block, which must be one the
  // call allocated, returned once.
  std::vector<void *> owned;
  for (size_t i = 0; i < function.results.size(); ++i) {
    const ValueSpec &spec = function.results[i];
    uint32_t value = ret->operands[i];
    VortexValue &out = results[i];
    out.element = spec.element.c_str();
    if (!spec.tensor) {
      out.rank = -1;
      const Type &t = spec.type;
      if (t.kind == Kind::Int)
        out.intValue = scalar(value);
      else if (t.bits == 16)
        out.intValue = scalar(value); // the raw bits of an f16/bf16 scalar
      else
        out.floatValue = readFloat(scalar(value), t);
      continue;
    }
    const int64_t *m = slot(value);
    void *allocation = reinterpret_cast<void *>(uintptr_t(m[0]));
    auto it = std::find(allocations.begin(), allocations.end(), allocation);
    if (it == allocations.end()) {
      // Released with the rest at the end of the call.
      allocations.insert(allocations.end(), owned.begin(), owned.end());
      return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                  "%s: result %zu is not memory the call allocated (or is "
                  "returned twice)",
                  function.name.c_str(), i);
    }
    allocations.erase(it);
    owned.push_back(allocation);
    out.rank = int32_t(spec.shape.size());
    out.allocation = allocation;
    out.data = reinterpret_cast<char *>(uintptr_t(m[1])) +
               m[2] * int64_t(spec.type.elementBytes);
    for (int d = 0; d < out.rank; ++d) {
      out.sizes[d] = m[3 + d];
      out.strides[d] = m[3 + out.rank + d];
    }
  }
  return VORTEX_SUCCESS;
}

/// Checks the arguments of a call against the signature of `function`.
VortexStatus checkArguments(const Function &function, const VortexValue *args,
                            size_t numArgs, size_t numResults) {
  const char *name = function.name.c_str();
  if (numArgs != function.arguments.size() ||
      numResults != function.results.size())
    return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                "%s takes %zu argument(s) and returns %zu result(s); the call "
                "passes %zu and expects %zu",
                name, function.arguments.size(), function.results.size(),
                numArgs, numResults);
  if (numArgs && !args)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "%s: null arguments", name);
  for (size_t i = 0; i < numArgs; ++i) {
    const ValueSpec &spec = function.arguments[i];
    const VortexValue &arg = args[i];
    const char *element = arg.element ? arg.element : "(none)";
    if (spec.element != element)
      return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                  "%s: argument %zu: expected %s elements, got %s", name, i,
                  spec.element.c_str(), element);
    if (!spec.tensor) {
      if (arg.rank != -1)
        return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                    "%s: argument %zu: expected a scalar, got an array of "
                    "rank %d",
                    name, i, int(arg.rank));
      continue;
    }
    int rank = int(spec.shape.size());
    if (arg.rank != rank)
      return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                  "%s: argument %zu: expected rank %d, got %s %d", name, i,
                  rank, arg.rank < 0 ? "a scalar, rank" : "rank",
                  int(arg.rank));
    int64_t elements = 1;
    for (int d = 0; d < rank; ++d) {
      if (arg.sizes[d] < 0)
        return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                    "%s: argument %zu: dim %d has the negative size %lld", name,
                    i, d, (long long)arg.sizes[d]);
      if (spec.shape[d] != -1 && arg.sizes[d] != spec.shape[d])
        return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                    "%s: argument %zu: dim %d is %lld but the kernel was "
                    "compiled for %lld",
                    name, i, d, (long long)arg.sizes[d],
                    (long long)spec.shape[d]);
      if (__builtin_mul_overflow(elements, arg.sizes[d], &elements))
        return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                    "%s: argument %zu: too many elements", name, i);
    }
    if (elements == 0)
      continue;
    int64_t stride = 1;
    for (int d = rank - 1; d >= 0; --d) {
      if (arg.sizes[d] != 1 && arg.strides[d] != stride)
        return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                    "%s: argument %zu is not C-contiguous (dim %d has stride "
                    "%lld, expected %lld)",
                    name, i, d, (long long)arg.strides[d], (long long)stride);
      stride *= arg.sizes[d];
    }
    if (!arg.data)
      return fail(VORTEX_ERROR_ARGUMENT_MISMATCH,
                  "%s: argument %zu: null data for %lld elements", name, i,
                  (long long)elements);
  }
  return VORTEX_SUCCESS;
}

VortexStatus invalidArtifact(const std::string &what) {
  return fail(VORTEX_ERROR_INVALID_IMAGE, "bad kernel artifact: %s",
              what.c_str());
}

} // namespace

//===----------------------------------------------------------------------===//
// C API
//===----------------------------------------------------------------------===//

extern "C" {

VortexStatus vortexArtifactLoadData(VortexArtifact *artifact, const void *data,
                                    size_t bytes) {
  if (!artifact || (bytes && !data))
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexArtifactLoadData: null pointer");
  *artifact = nullptr;
  json::Value root;
  std::string error;
  if (!json::parse(std::string_view(static_cast<const char *>(data), bytes),
                   root, error))
    return invalidArtifact("not JSON: " + error);
  auto loaded = std::make_unique<VortexArtifact_st>();
  Loader loader(*loaded);
  if (!loader.load(root))
    return invalidArtifact(loader.error());
  *artifact = loaded.release();
  return VORTEX_SUCCESS;
}

VortexStatus vortexArtifactLoad(VortexArtifact *artifact, const char *path) {
  if (!artifact || !path)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexArtifactLoad: null pointer");
  *artifact = nullptr;
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "cannot open kernel artifact %s",
                path);
  std::string text((std::istreambuf_iterator<char>(file)),
                   std::istreambuf_iterator<char>());
  if (file.bad())
    return fail(VORTEX_ERROR_INVALID_ARGUMENT, "cannot read kernel artifact %s",
                path);
  VortexStatus status =
      vortexArtifactLoadData(artifact, text.data(), text.size());
  if (status)
    return fail(status, "%s: %s", path, vortexRuntimeLastError());
  return VORTEX_SUCCESS;
}

VortexStatus vortexArtifactDestroy(VortexArtifact artifact) {
  if (!artifact)
    return VORTEX_SUCCESS;
  VortexStatus first = VORTEX_SUCCESS;
  for (Module &module : artifact->modules)
    if (module.handle) {
      VortexStatus status = vortexModuleUnload(module.handle);
      if (!first)
        first = status;
    }
  delete artifact;
  return first;
}

size_t vortexArtifactFunctionCount(VortexArtifact artifact) {
  return artifact ? artifact->functions.size() : 0;
}

const char *vortexArtifactFunctionName(VortexArtifact artifact, size_t index) {
  if (!artifact || index >= artifact->functions.size())
    return nullptr;
  return artifact->functions[index].name.c_str();
}

const char *vortexArtifactFunctionSignature(VortexArtifact artifact,
                                            size_t index) {
  if (!artifact || index >= artifact->functions.size())
    return nullptr;
  return artifact->functions[index].signature.c_str();
}

VortexStatus vortexArtifactCall(VortexArtifact artifact, const char *name,
                                const VortexValue *args, size_t numArgs,
                                VortexValue *results, size_t numResults,
                                VortexStream stream) {
  if (!artifact || !name || (numResults && !results))
    return fail(VORTEX_ERROR_INVALID_ARGUMENT,
                "vortexArtifactCall: null pointer");
  auto found = artifact->byName.find(name);
  if (found == artifact->byName.end())
    return fail(VORTEX_ERROR_NOT_FOUND, "the artifact has no function named %s",
                name);
  const Function &function = artifact->functions[found->second];
  if (numResults)
    std::memset(results, 0, numResults * sizeof(VortexValue));
  if (VortexStatus status = checkArguments(function, args, numArgs, numResults))
    return status;
  if (VortexStatus status = vortexRuntimeInit())
    return status;
  VortexStatus status;
  {
    Runner runner(*artifact, function, stream);
    status = runner.run(args, results);
  }
  if (status && numResults)
    std::memset(results, 0, numResults * sizeof(VortexValue));
  return status;
}

} // extern "C"
