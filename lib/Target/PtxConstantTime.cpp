//===- PtxConstantTime.cpp - constant-time check of PTX -------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//
//
// The last of the three constant-time checks: on the PTX that LLVM's NVPTX
// back end emitted, where a selection LLVM turned into a branch, or an
// address computed from a secret, shows as it will run (ptxas schedules and
// allocates registers, but keeps branches and memory accesses).
//
// Secrets enter through kernel parameters (`ld.param`): their values, or
// the memory a pointer parameter points to. The check follows them through
// registers, flow-insensitively (a register is secret if any instruction
// that writes it reads a secret; sound for PTX's virtual registers, which
// keep one meaning for the whole function), through the carry flag
// (`add.cc`/`addc`), and through memory: each register carries the roots
// of the addresses it may hold (parameters, `.global`/`.shared`/`.local`
// symbols); a store of a secret makes its roots hold secrets, and a load
// from a root that holds secrets gives a secret.
//
// Reported, in the kernels that have secret parameters:
// - a branch (`@%p bra`, `brx.idx`) or an early exit (`@%p ret/exit/trap`)
//   on a secret predicate, and a memory access predicated on one;
// - a memory access (ld, st, atom, red, cp.async, prefetch, ...) at an
//   address that depends on a secret;
// - a variable-latency instruction on a secret: integer division and
//   remainder (software sequences with data-dependent paths), and the
//   special-function and IEEE-rounded instructions div, rcp, sqrt, rsqrt,
//   ex2, lg2, sin, cos, tanh, whose .approx forms run on the SFU with a
//   latency NVIDIA does not document as independent of the operand;
// - a call with a secret argument (callees are not followed).
//
//===----------------------------------------------------------------------===//

#include "Vortex/Target/PtxConstantTime.h"
#include "Vortex/Dialect/CT/IR/CTDialect.h"
#include "Vortex/InitAll.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;
using namespace mlir::vortex;

namespace {

//===----------------------------------------------------------------------===//
// Reading PTX
//===----------------------------------------------------------------------===//

/// One operand: its text and the registers and symbols it names.
struct Operand {
  StringRef text;
  /// An address (`[...]`).
  bool address = false;
  SmallVector<StringRef> registers;
  /// A symbol inside an address (`[name]`, `[name+8]`).
  StringRef symbol;
};

/// A statement of a function body: an instruction with its guard.
struct Instruction {
  StringRef text;
  const char *loc;
  StringRef guard; // predicate register, or empty
  StringRef opcode;
  SmallVector<Operand> operands;

  /// The opcode up to its first `.`.
  StringRef root() const { return opcode.split('.').first; }
  bool hasModifier(StringRef modifier) const {
    SmallVector<StringRef> parts;
    opcode.split(parts, '.');
    return llvm::is_contained(ArrayRef(parts).drop_front(), modifier);
  }
};

/// A function of the module: name, parameter names and body.
struct Function {
  StringRef name;
  bool entry = false;
  SmallVector<StringRef> params;
  std::vector<Instruction> body;
  const char *loc;
};

bool isIdentChar(char c) {
  return llvm::isAlnum(c) || c == '_' || c == '$' || c == '.';
}

/// Special registers (thread and block ids, clocks, ...), which carry no
/// secret.
bool isSpecialRegister(StringRef reg) {
  static const char *const prefixes[] = {"tid",
                                         "ntid",
                                         "ctaid",
                                         "nctaid",
                                         "laneid",
                                         "warpid",
                                         "nwarpid",
                                         "smid",
                                         "nsmid",
                                         "gridid",
                                         "clock",
                                         "globaltimer",
                                         "lanemask_",
                                         "envreg",
                                         "cluster",
                                         "nclusterid",
                                         "is_explicit_cluster",
                                         "dynamic_smem_size",
                                         "total_smem_size",
                                         "aggr_smem_size",
                                         "reserved_smem"};
  if (!reg.consume_front("%"))
    return false;
  return llvm::any_of(prefixes,
                      [&](const char *p) { return reg.starts_with(p); });
}

/// Splits `text` at commas outside brackets, braces and parentheses.
SmallVector<StringRef> splitOperands(StringRef text) {
  SmallVector<StringRef> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '[' || c == '{' || c == '(')
      ++depth;
    else if (c == ']' || c == '}' || c == ')')
      --depth;
    else if (c == ',' && depth == 0) {
      parts.push_back(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (!text.slice(start, text.size()).trim().empty())
    parts.push_back(text.slice(start, text.size()).trim());
  return parts;
}

Operand parseOperand(StringRef text) {
  Operand operand;
  operand.text = text;
  StringRef inner = text;
  if (inner.starts_with("[") && inner.ends_with("]")) {
    operand.address = true;
    inner = inner.drop_front().drop_back().trim();
    if (!inner.starts_with("%")) {
      size_t end = 0;
      while (end < inner.size() && isIdentChar(inner[end]))
        ++end;
      operand.symbol = inner.take_front(end);
    }
  }
  for (size_t i = 0; i < inner.size(); ++i) {
    if (inner[i] != '%')
      continue;
    size_t end = i + 1;
    while (end < inner.size() && (llvm::isAlnum(inner[end]) ||
                                  inner[end] == '_' || inner[end] == '$'))
      ++end;
    StringRef reg = inner.slice(i, end);
    // Special registers name their component (`%tid.x`).
    if (end + 1 < inner.size() && inner[end] == '.' && isSpecialRegister(reg))
      end += 2;
    operand.registers.push_back(inner.slice(i, end));
    i = end - 1;
  }
  return operand;
}

Instruction parseInstruction(StringRef text, const char *loc) {
  Instruction inst;
  inst.text = text;
  inst.loc = loc;
  StringRef rest = text;
  if (rest.starts_with("@")) {
    auto [guard, after] = rest.drop_front().split(' ');
    inst.guard = guard.ltrim('!');
    rest = after.trim();
  }
  size_t space = rest.find_first_of(" \t");
  inst.opcode = rest.take_front(space);
  StringRef operands =
      space == StringRef::npos ? StringRef() : rest.drop_front(space).trim();
  for (StringRef part : splitOperands(operands))
    inst.operands.push_back(parseOperand(part));
  return inst;
}

/// Parameter names of a function header (`.entry name(.param ... a, ...)`).
void parseHeader(StringRef header, Function &func) {
  func.entry = header.contains(".entry");
  size_t open = header.find('(');
  StringRef beforeParams = header.take_front(open).rtrim();
  // A .func with a return value: `.func (.param .b32 r) name(...)`.
  if (beforeParams.ends_with(")")) {
    open = header.find('(', beforeParams.size());
    beforeParams = header.take_front(open).rtrim();
  }
  size_t nameStart = beforeParams.find_last_of(" \t)");
  func.name = beforeParams.drop_front(nameStart + 1).trim();
  if (open == StringRef::npos)
    return;
  size_t close = header.find(')', open);
  for (StringRef param : splitOperands(header.slice(
           open + 1, close == StringRef::npos ? header.size() : close))) {
    StringRef name = param.rtrim();
    if (name.ends_with("]"))
      name = name.take_front(name.rfind('['));
    size_t start = name.find_last_of(" \t");
    func.params.push_back(name.drop_front(start + 1));
  }
}

/// Splits a PTX module into its functions and their instructions.
FailureOr<std::vector<Function>> parsePtx(llvm::SourceMgr &sourceMgr,
                                          unsigned bufferId,
                                          raw_ostream &diagnostics) {
  StringRef text = sourceMgr.getMemoryBuffer(bufferId)->getBuffer();
  std::vector<Function> functions;
  Function *current = nullptr;
  int scopes = 0;
  // The statement being read, from its first character (statements are
  // slices of `text`).
  const char *start = nullptr;
  auto flush = [&](const char *end) -> StringRef {
    if (!start)
      return {};
    StringRef s(start, end - start);
    start = nullptr;
    return s.trim();
  };
  auto error = [&](const char *at, const Twine &message) {
    sourceMgr.PrintMessage(diagnostics, llvm::SMLoc::getFromPointer(at),
                           llvm::SourceMgr::DK_Error, message);
    return failure();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    const char *p = text.data() + i;
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      size_t end = text.find('\n', i);
      i = end == StringRef::npos ? text.size() : end;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      size_t end = text.find("*/", i + 2);
      i = end == StringRef::npos ? text.size() : end + 1;
      continue;
    }
    if (!start && llvm::isSpace(c))
      continue;
    if (c == '{') {
      StringRef pending = start ? StringRef(start, p - start).trim() : "";
      if (pending.empty()) {
        ++scopes;
        continue;
      }
      if (pending.contains(".entry") || pending.contains(".func")) {
        if (current)
          return error(p, "PTX: a function inside a function");
        functions.emplace_back();
        current = &functions.back();
        // Directives without a `;` (.version, .target) may precede the
        // header in the same statement: start at the header's line.
        size_t keyword =
            pending.find(pending.contains(".entry") ? ".entry" : ".func");
        size_t line = pending.take_front(keyword).find_last_of('\n');
        pending = pending.drop_front(line == StringRef::npos ? 0 : line + 1);
        current->loc = pending.data();
        parseHeader(pending, *current);
        start = nullptr;
        scopes = 1;
        continue;
      }
      // A vector operand: up to its closing brace.
      size_t end = text.find('}', i);
      if (end == StringRef::npos)
        return error(p, "PTX: unterminated '{'");
      i = end;
      continue;
    }
    if (c == '}') {
      if (start && !StringRef(start, p - start).trim().empty())
        return error(p, "PTX: '}' inside a statement");
      start = nullptr;
      if (--scopes == 0)
        current = nullptr;
      if (scopes < 0)
        return error(p, "PTX: unbalanced '}'");
      continue;
    }
    if (!start)
      start = p;
    if (c == ':' && current) {
      // A label ends here.
      StringRef label = StringRef(start, p - start).trim();
      if (!label.empty() && llvm::all_of(label, isIdentChar)) {
        start = nullptr;
        continue;
      }
    }
    if (c == ';') {
      const char *at = start;
      StringRef s = flush(p);
      // Declarations of functions (`.extern .func ...;`) and module-level
      // directives are not code.
      if (!current || s.empty() || s.starts_with("."))
        continue;
      current->body.push_back(parseInstruction(s, at));
    }
  }
  if (current)
    return error(text.data() + text.size(),
                 "PTX: the body of '" + current->name + "' is not closed");
  return functions;
}

//===----------------------------------------------------------------------===//
// Secrecy through registers and memory
//===----------------------------------------------------------------------===//

/// Why a register or a memory root holds a secret, for the chain of
/// registers in diagnostics.
struct Reason {
  const Instruction *at = nullptr; // the instruction that made it secret
  std::string from;                // the register (or root) it came from
};

/// Names used as keys: registers by name, memory roots with a prefix.
std::string rootOfParam(StringRef param) { return ("*" + param).str(); }
constexpr StringLiteral kUnknownRoot = "?";
constexpr StringLiteral kCarry = "%CC";

class KernelChecker {
public:
  KernelChecker(llvm::SourceMgr &sourceMgr, raw_ostream &diagnostics,
                const Function &func, const PtxKernelSecrets &secrets)
      : sourceMgr(sourceMgr), diagnostics(diagnostics), func(func) {
    for (unsigned index : secrets.values)
      if (index < func.params.size())
        secretParams.insert(func.params[index]);
    for (unsigned index : secrets.memory)
      if (index < func.params.size())
        memoryRoots[rootOfParam(func.params[index])] =
            Reason{nullptr, func.params[index].str()};
  }

  /// Follows the secrets to a fixpoint, then reports; returns the number of
  /// findings.
  unsigned run() {
    bool changed = true;
    while (changed) {
      changed = false;
      for (const Instruction &inst : func.body)
        changed |= propagate(inst);
    }
    unsigned findings = 0;
    for (const Instruction &inst : func.body)
      findings += report(inst);
    return findings;
  }

private:
  bool isSecret(StringRef reg) const { return secretRegs.count(reg); }

  /// The first secret register among `regs`, if any.
  StringRef firstSecret(ArrayRef<StringRef> regs) const {
    for (StringRef reg : regs)
      if (isSecret(reg))
        return reg;
    return {};
  }

  bool markSecret(StringRef reg, const Instruction &at, StringRef from) {
    if (reg.empty() || reg == "_" || isSpecialRegister(reg) || isSecret(reg))
      return false;
    secretRegs[reg] = Reason{&at, from.str()};
    return true;
  }

  bool addRoots(StringRef reg, const llvm::StringSet<> &roots) {
    bool changed = false;
    auto &mine = regRoots[reg];
    for (const auto &root : roots)
      changed |= mine.insert(root.getKey()).second;
    return changed;
  }

  bool markRootSecret(StringRef root, const Instruction &at, StringRef from) {
    if (memoryRoots.count(root))
      return false;
    memoryRoots[root] = Reason{&at, from.str()};
    return true;
  }

  /// The memory roots an address operand may point into.
  llvm::StringSet<> rootsOf(const Operand &address) const {
    llvm::StringSet<> roots;
    if (!address.symbol.empty()) {
      if (llvm::is_contained(func.params, address.symbol))
        roots.insert(("param:" + address.symbol).str());
      else
        roots.insert(address.symbol);
    }
    for (StringRef reg : address.registers) {
      auto it = regRoots.find(reg);
      if (it != regRoots.end())
        for (const auto &root : it->second)
          roots.insert(root.getKey());
    }
    if (roots.empty())
      roots.insert(kUnknownRoot);
    return roots;
  }

  /// A root of `roots` that holds secrets (a pointer of unknown origin may
  /// point anywhere), or empty.
  std::string secretRootOf(const llvm::StringSet<> &roots) const {
    for (const auto &root : roots) {
      if (memoryRoots.count(root.getKey()))
        return root.getKey().str();
      if (root.getKey() == kUnknownRoot && !memoryRoots.empty())
        return memoryRoots.begin()->getKey().str();
    }
    if (memoryRoots.count(kUnknownRoot))
      return kUnknownRoot.str();
    return {};
  }

  static bool isMemoryAccess(const Instruction &inst) {
    return llvm::any_of(inst.operands,
                        [](const Operand &o) { return o.address; });
  }

  /// Whether the first operand is written (a destination).
  static bool hasDestination(const Instruction &inst) {
    static const llvm::StringSet<> noDestination = {
        "st",         "red",       "bra",
        "brx",        "ret",       "exit",
        "trap",       "bar",       "barrier",
        "membar",     "fence",     "prefetch",
        "prefetchu",  "call",      "cp",
        "stmatrix",   "nanosleep", "griddepcontrol",
        "setmaxnreg", "pmevent"};
    if (inst.operands.empty() || inst.operands.front().address)
      return false;
    return !noDestination.contains(inst.root());
  }

  /// Propagates secrets through one instruction; returns whether anything
  /// changed.
  bool propagate(const Instruction &inst) {
    bool changed = false;
    StringRef root = inst.root();
    bool dest = hasDestination(inst);
    ArrayRef<Operand> sources = ArrayRef(inst.operands).drop_front(dest);

    // What the written registers depend on: source registers, the guard,
    // the carry flag, and memory read.
    SmallVector<StringRef> inputs;
    for (const Operand &o : sources)
      inputs.append(o.registers.begin(), o.registers.end());
    if (!inst.guard.empty())
      inputs.push_back(inst.guard);
    if (root == "addc" || root == "subc" || root == "madc")
      inputs.push_back(kCarry);
    StringRef secretInput = firstSecret(inputs);
    std::string loadedRoot;
    bool reads = root == "ld" || root == "ldu" || root == "atom" ||
                 root == "ldmatrix" || root == "tex" || root == "tld4" ||
                 root == "suld" || (root == "wmma" && inst.hasModifier("load"));
    const Operand *address = nullptr;
    for (const Operand &o : inst.operands)
      if (o.address)
        address = &o;
    // A kernel parameter's value.
    bool paramRead = false;
    if (root == "ld" && address && inst.hasModifier("param") &&
        llvm::is_contained(func.params, address->symbol)) {
      paramRead = true;
      if (secretParams.contains(address->symbol))
        loadedRoot = ("param:" + address->symbol).str();
    } else if (reads && address) {
      loadedRoot = secretRootOf(rootsOf(*address));
    }

    // Destinations.
    if (dest) {
      const Operand &out = inst.operands.front();
      for (StringRef reg : out.registers) {
        if (!secretInput.empty())
          changed |= markSecret(reg, inst, secretInput);
        else if (!loadedRoot.empty())
          changed |= markSecret(reg, inst, "[" + loadedRoot + "]");
        // Address roots: a parameter's pointer points to its memory; other
        // results carry the roots of their sources; a value loaded from
        // memory may point anywhere.
        llvm::StringSet<> roots;
        if (paramRead)
          roots.insert(rootOfParam(address->symbol));
        else if (reads)
          roots.insert(kUnknownRoot);
        else
          for (const Operand &o : sources)
            for (StringRef r : o.registers) {
              auto it = regRoots.find(r);
              if (it != regRoots.end())
                for (const auto &x : it->second)
                  roots.insert(x.getKey());
            }
        if (root == "mov" || root == "cvta")
          for (const Operand &o : sources)
            if (!o.address && !o.text.starts_with("%") && !o.text.empty() &&
                !llvm::isDigit(o.text[0]) && o.text[0] != '-' &&
                o.text[0] != '{')
              roots.insert(o.text.split('+').first.trim());
        changed |= addRoots(reg, roots);
      }
    }
    // The carry flag.
    if (inst.hasModifier("cc") && !secretInput.empty())
      changed |= markSecret(kCarry, inst, secretInput);

    // Memory written: stores, reductions, atomics, copies.
    bool writes = root == "st" || root == "red" || root == "atom" ||
                  root == "cp" || root == "stmatrix" ||
                  (root == "wmma" && inst.hasModifier("store"));
    if (writes && !inst.operands.empty() && inst.operands.front().address) {
      const Operand &target = inst.operands.front();
      SmallVector<StringRef> stored;
      for (const Operand &o : ArrayRef(inst.operands).drop_front())
        if (!o.address)
          stored.append(o.registers.begin(), o.registers.end());
      if (!inst.guard.empty())
        stored.push_back(inst.guard);
      StringRef secretStored = firstSecret(stored);
      std::string copied;
      if (root == "cp" && inst.operands.size() > 1 && inst.operands[1].address)
        copied = secretRootOf(rootsOf(inst.operands[1]));
      if (!secretStored.empty() || !copied.empty()) {
        std::string from =
            !secretStored.empty() ? secretStored.str() : "[" + copied + "]";
        for (const auto &r : rootsOf(target))
          changed |= markRootSecret(r.getKey(), inst, from);
      }
    } else if (root == "atom" && address && !secretInput.empty()) {
      for (const auto &r : rootsOf(*address))
        changed |= markRootSecret(r.getKey(), inst, secretInput);
    }
    return changed;
  }

  /// Reports the leaks of one instruction; returns how many.
  unsigned report(const Instruction &inst) {
    StringRef root = inst.root();
    bool guardSecret = !inst.guard.empty() && isSecret(inst.guard);
    if ((root == "bra" && guardSecret)) {
      emit(inst,
           "branch on a secret: predicate " + inst.guard.str() +
               " depends on a secret",
           inst.guard);
      return 1;
    }
    if (root == "brx" && !inst.operands.empty()) {
      StringRef reg = firstSecret(inst.operands.front().registers);
      if (!reg.empty()) {
        emit(inst, "indirect branch on a secret index " + reg.str(), reg);
        return 1;
      }
    }
    if ((root == "ret" || root == "exit" || root == "trap") && guardSecret) {
      emit(inst,
           "early exit on a secret: predicate " + inst.guard.str() +
               " depends on a secret",
           inst.guard);
      return 1;
    }
    unsigned found = 0;
    if (guardSecret && isMemoryAccess(inst)) {
      emit(inst,
           "memory access predicated on a secret: predicate " +
               inst.guard.str() + " depends on a secret",
           inst.guard);
      ++found;
    }
    for (const Operand &o : inst.operands) {
      if (!o.address)
        continue;
      StringRef reg = firstSecret(o.registers);
      if (reg.empty())
        continue;
      emit(inst,
           "memory address depends on a secret: " + reg.str() + " in " +
               o.text.str(),
           reg);
      ++found;
    }
    static const llvm::StringSet<> variableLatency = {
        "div", "rem", "sqrt", "rsqrt", "rcp",      "ex2",
        "lg2", "sin", "cos",  "tanh",  "nanosleep"};
    if (variableLatency.contains(root)) {
      bool dest = hasDestination(inst);
      SmallVector<StringRef> inputs;
      for (const Operand &o : ArrayRef(inst.operands).drop_front(dest))
        inputs.append(o.registers.begin(), o.registers.end());
      StringRef reg = firstSecret(inputs);
      if (!reg.empty()) {
        emit(inst,
             "variable-latency instruction '" + inst.opcode.str() +
                 "' on a secret: " + reg.str() + " depends on a secret",
             reg);
        ++found;
      }
    }
    if (root == "call") {
      // Arguments go through .param memory: `st.param [param0], %r`.
      for (const Operand &o : inst.operands)
        for (StringRef part : splitOperands(o.text.trim("()")))
          if (memoryRoots.count(part)) {
            emit(inst,
                 "call with a secret argument " + part.str() +
                     "; callees are not followed",
                 {}, part);
            ++found;
          }
    }
    return found;
  }

  /// A register, or a memory root in brackets, in words.
  static std::string describe(StringRef from) {
    if (!from.consume_front("["))
      return from.str();
    from = from.drop_back();
    if (from.consume_front("param:"))
      return ("parameter " + from).str();
    if (from.consume_front("*"))
      return ("the memory parameter " + from + " points to").str();
    return ("memory " + from).str();
  }

  void note(const char *loc, const Twine &message) {
    sourceMgr.PrintMessage(diagnostics, llvm::SMLoc::getFromPointer(loc),
                           llvm::SourceMgr::DK_Note, message);
  }

  /// Reports `message` at `inst`, with the chain from `reg` (or the memory
  /// root `root`) back to a secret parameter.
  void emit(const Instruction &inst, const Twine &message, StringRef reg,
            StringRef root = {}) {
    sourceMgr.PrintMessage(diagnostics, llvm::SMLoc::getFromPointer(inst.loc),
                           llvm::SourceMgr::DK_Error,
                           message + " (kernel " + func.name + ")");
    constexpr unsigned kMaxSteps = 24;
    std::string current = reg.empty() ? ("[" + root + "]").str() : reg.str();
    for (unsigned step = 0; step < kMaxSteps; ++step) {
      if (StringRef(current).starts_with("[")) {
        std::string name = StringRef(current).drop_front().drop_back().str();
        if (StringRef(name).starts_with("param:")) {
          note(func.loc, "secret source: kernel parameter " +
                             StringRef(name).drop_front(6) + " (its value)");
          return;
        }
        auto it = memoryRoots.find(name);
        if (it == memoryRoots.end())
          return;
        if (!it->second.at) {
          note(func.loc, "secret source: the memory kernel parameter " +
                             it->second.from + " points to");
          return;
        }
        note(it->second.at->loc, describe("[" + name + "]") +
                                     " holds a secret, stored from " +
                                     describe(it->second.from));
        current = it->second.from;
        continue;
      }
      auto it = secretRegs.find(current);
      if (it == secretRegs.end())
        return;
      note(it->second.at->loc, current + " depends on " +
                                   describe(it->second.from) + " through '" +
                                   it->second.at->opcode + "'");
      current = it->second.from;
    }
  }

  llvm::SourceMgr &sourceMgr;
  raw_ostream &diagnostics;
  const Function &func;
  llvm::StringSet<> secretParams;
  llvm::StringMap<Reason> secretRegs;
  llvm::StringMap<Reason> memoryRoots;
  llvm::StringMap<llvm::StringSet<>> regRoots;
};

} // namespace

LogicalResult mlir::vortex::checkPtxConstantTime(
    llvm::SourceMgr &sourceMgr, unsigned bufferId,
    const llvm::StringMap<PtxKernelSecrets> &kernels, raw_ostream &summary,
    raw_ostream &diagnostics) {
  FailureOr<std::vector<Function>> functions =
      parsePtx(sourceMgr, bufferId, diagnostics);
  if (failed(functions))
    return failure();
  StringRef buffer = sourceMgr.getMemoryBuffer(bufferId)->getBufferIdentifier();
  bool ok = true;
  for (const auto &entry : kernels)
    if (llvm::none_of(*functions, [&](const Function &f) {
          return f.entry && f.name == entry.getKey();
        })) {
      diagnostics << buffer << ": error: no kernel '" << entry.getKey()
                  << "' in the PTX\n";
      ok = false;
    }
  // In the order of the PTX.
  for (const Function &f : *functions) {
    auto entry = kernels.find(f.name);
    if (!f.entry || entry == kernels.end())
      continue;
    const Function *func = &f;
    for (unsigned index : llvm::concat<const unsigned>(
             entry->getValue().values, entry->getValue().memory))
      if (index >= func->params.size()) {
        sourceMgr.PrintMessage(
            diagnostics, llvm::SMLoc::getFromPointer(func->loc),
            llvm::SourceMgr::DK_Error,
            "kernel '" + func->name + "' has " + Twine(func->params.size()) +
                " parameters, not " + Twine(index + 1));
        ok = false;
      }
    KernelChecker checker(sourceMgr, diagnostics, *func, entry->getValue());
    unsigned findings = checker.run();
    summary << buffer << ": kernel " << func->name << ": " << func->body.size()
            << " instructions, " << findings
            << (findings == 1 ? " finding\n" : " findings\n");
    ok &= findings == 0;
  }
  return success(ok);
}

//===----------------------------------------------------------------------===//
// vortex-translate --vx-ct-check-ptx
//===----------------------------------------------------------------------===//

namespace {

/// `KERNEL:I,J` options into `kernels`.
LogicalResult parseParamLists(ArrayRef<std::string> lists, bool memory,
                              llvm::StringMap<PtxKernelSecrets> &kernels,
                              raw_ostream &diagnostics) {
  for (StringRef list : lists) {
    auto [kernel, indices] = list.rsplit(':');
    if (kernel.empty() || indices.empty() || !list.contains(':')) {
      diagnostics << "error: expected KERNEL:I,J,... in '" << list << "'\n";
      return failure();
    }
    PtxKernelSecrets &secrets = kernels[kernel];
    SmallVector<StringRef> parts;
    indices.split(parts, ',');
    for (StringRef part : parts) {
      unsigned index;
      if (part.trim().getAsInteger(10, index)) {
        diagnostics << "error: '" << part << "' in '" << list
                    << "' is not a parameter index\n";
        return failure();
      }
      (memory ? secrets.memory : secrets.values).push_back(index);
    }
  }
  return success();
}

/// Whether `text` is PTX rather than MLIR: a line that starts with a PTX
/// module directive.
bool looksLikePtx(StringRef text) {
  SmallVector<StringRef> lines;
  text.split(lines, '\n');
  return llvm::any_of(lines, [](StringRef line) {
    line = line.ltrim();
    return line.starts_with(".version") || line.starts_with(".target") ||
           line.starts_with(".visible .entry") || line.starts_with(".entry");
  });
}

LogicalResult checkModule(const std::shared_ptr<llvm::SourceMgr> &sourceMgr,
                          raw_ostream &output, MLIRContext *context) {
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(*sourceMgr, context);
  if (!module)
    return failure();
  auto secrets = (*module)->getAttrOfType<DictionaryAttr>(
      vx_ct::VxCTDialect::kKernelSecretsAttrName);
  if (!secrets) {
    output << "vx-ct-check-ptx: the module has no '"
           << vx_ct::VxCTDialect::kKernelSecretsAttrName
           << "': no constant-time kernels to check\n";
    return success();
  }
  bool ok = true;
  for (NamedAttribute binaryEntry : secrets) {
    auto binary = SymbolTable::lookupNearestSymbolFrom<gpu::BinaryOp>(
        *module, binaryEntry.getName());
    if (!binary) {
      (*module)->emitError("no gpu.binary @")
          << binaryEntry.getName().getValue()
          << " for the kernels of vx_ct.kernel_secrets";
      ok = false;
      continue;
    }
    llvm::StringMap<PtxKernelSecrets> kernels;
    for (NamedAttribute kernel : cast<DictionaryAttr>(binaryEntry.getValue())) {
      auto lists = cast<DictionaryAttr>(kernel.getValue());
      PtxKernelSecrets &entry = kernels[kernel.getName().getValue()];
      for (int64_t i :
           cast<DenseI64ArrayAttr>(lists.get("values")).asArrayRef())
        entry.values.push_back(i);
      for (int64_t i :
           cast<DenseI64ArrayAttr>(lists.get("memory")).asArrayRef())
        entry.memory.push_back(i);
    }
    bool checked = false;
    for (Attribute attr : binary.getObjects()) {
      auto object = dyn_cast<gpu::ObjectAttr>(attr);
      if (!object || object.getFormat() != gpu::CompilationTarget::Assembly)
        continue;
      checked = true;
      unsigned id = sourceMgr->AddNewSourceBuffer(
          llvm::MemoryBuffer::getMemBufferCopy(
              object.getObject().getValue(), (binary.getName() + ".ptx").str()),
          llvm::SMLoc());
      ok &= succeeded(
          checkPtxConstantTime(*sourceMgr, id, kernels, output, llvm::errs()));
    }
    if (!checked) {
      binary.emitError("holds no PTX to check; compile with "
                       "--vx-to-gpu=format=isa");
      ok = false;
    }
  }
  return success(ok);
}

} // namespace

void mlir::vortex::registerPtxConstantTimeCheck() {
  static llvm::cl::list<std::string> secretParams(
      "secret-params",
      llvm::cl::desc("vx-ct-check-ptx on a .ptx file: KERNEL:I,J,... "
                     "parameters whose value is secret"));
  static llvm::cl::list<std::string> secretMemory(
      "secret-memory",
      llvm::cl::desc("vx-ct-check-ptx on a .ptx file: KERNEL:I,J,... "
                     "pointer parameters whose memory holds secrets"));
  TranslateRegistration(
      "vx-ct-check-ptx",
      "Check that the PTX of constant-time kernels has no branch, address or "
      "variable-latency instruction that depends on a secret parameter",
      [](const std::shared_ptr<llvm::SourceMgr> &sourceMgr, raw_ostream &output,
         MLIRContext *context) -> LogicalResult {
        StringRef text =
            sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID())->getBuffer();
        if (!looksLikePtx(text)) {
          if (!secretParams.empty() || !secretMemory.empty()) {
            llvm::errs() << "error: --secret-params and --secret-memory "
                            "apply to PTX input; a module from --vx-to-gpu "
                            "records its secret parameters\n";
            return failure();
          }
          DialectRegistry registry;
          registerAllDialects(registry);
          context->appendDialectRegistry(registry);
          return checkModule(sourceMgr, output, context);
        }
        llvm::StringMap<PtxKernelSecrets> kernels;
        if (failed(
                parseParamLists(secretParams, false, kernels, llvm::errs())) ||
            failed(parseParamLists(secretMemory, true, kernels, llvm::errs())))
          return failure();
        if (kernels.empty()) {
          llvm::errs() << "error: no secret parameters: give "
                          "--secret-params=KERNEL:I,... or "
                          "--secret-memory=KERNEL:I,...\n";
          return failure();
        }
        return checkPtxConstantTime(*sourceMgr, sourceMgr->getMainFileID(),
                                    kernels, output, llvm::errs());
      });
}
