//===- Types.cpp - Types of the .vx language ------------------------------===//
//
// Part of the Vortex project.
//
//===----------------------------------------------------------------------===//

#include "Vortex/Frontend/Sema.h"

#include "llvm/ADT/SmallString.h"

using namespace mlir::vortex::vx;

std::string Dim::str() const {
  return isStatic() ? std::to_string(size) : symbol;
}

Ty Ty::getInt(unsigned width, bool isSigned) {
  Ty ty(Kind::Int);
  ty.width = width;
  ty.isSignedInt = isSigned;
  return ty;
}

Ty Ty::getFloat(FloatKind kind) {
  Ty ty(Kind::Float);
  ty.floatKind = kind;
  ty.width = kind == FloatKind::F64 ? 64 : kind == FloatKind::F32 ? 32 : 16;
  return ty;
}

Ty Ty::getField(const llvm::APInt &modulus, llvm::StringRef name) {
  Ty ty(Kind::Field);
  ty.modulus = modulus.zextOrTrunc(modulus.getActiveBits() + 1);
  ty.fieldName = name.str();
  return ty;
}

Ty Ty::getTensor(const Ty &element, std::vector<Dim> dims) {
  Ty ty(Kind::Tensor);
  ty.element = std::make_shared<const Ty>(element);
  ty.dims = std::move(dims);
  return ty;
}

Ty Ty::getBuffer(const Ty &element, std::vector<Dim> dims, Space space) {
  Ty ty(Kind::Buffer);
  ty.element = std::make_shared<const Ty>(element);
  ty.dims = std::move(dims);
  ty.space = space;
  return ty;
}

bool Ty::operator==(const Ty &other) const {
  if (kind != other.kind)
    return false;
  switch (kind) {
  case Kind::Error:
  case Kind::Void:
  case Kind::Bool:
    return true;
  case Kind::Int:
    return width == other.width && isSignedInt == other.isSignedInt;
  case Kind::Float:
    return floatKind == other.floatKind;
  case Kind::Field:
    return llvm::APInt::isSameValue(modulus, other.modulus);
  case Kind::Tensor:
  case Kind::Buffer:
    return *element == *other.element && dims == other.dims &&
           space == other.space;
  }
  return false;
}

static const char *spaceName(Ty::Space space) {
  switch (space) {
  case Ty::Space::Global:
    return "@global ";
  case Ty::Space::Shared:
    return "@shared ";
  case Ty::Space::Local:
    return "@local ";
  case Ty::Space::Default:
    break;
  }
  return "";
}

std::string Ty::str() const {
  switch (kind) {
  case Kind::Error:
    return "<error>";
  case Kind::Void:
    return "()";
  case Kind::Bool:
    return "bool";
  case Kind::Int:
    return (isSignedInt ? "i" : "u") + std::to_string(width);
  case Kind::Float:
    switch (floatKind) {
    case FloatKind::F16:
      return "f16";
    case FloatKind::BF16:
      return "bf16";
    case FloatKind::F32:
      return "f32";
    case FloatKind::F64:
      return "f64";
    }
    return "f?";
  case Kind::Field: {
    if (!fieldName.empty())
      return "Field<" + fieldName + ">";
    llvm::SmallString<64> digits;
    modulus.toStringUnsigned(digits);
    return "Field<" + std::string(digits) + ">";
  }
  case Kind::Tensor:
  case Kind::Buffer: {
    std::string s = std::string(spaceName(space)) +
                    (kind == Kind::Tensor ? "Tensor<" : "Buffer<") +
                    element->str() + ", [";
    for (size_t i = 0; i < dims.size(); ++i)
      s += (i ? ", " : "") + dims[i].str();
    return s + "]>";
  }
  }
  return "?";
}
