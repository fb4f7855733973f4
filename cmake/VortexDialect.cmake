# vortex_add_dialect_tablegen(<Name> <namespace> [NO_ENUMS])
#
# Runs mlir-tblgen over include/Vortex/Dialect/<Name>/IR/<Name>.td, producing the
# op, dialect, type, attribute and enum declarations and definitions, plus the
# dialect reference page (docs/Dialects/<namespace>.md after `ninja vortex-doc`).
# NO_ENUMS skips the enum backend for dialects that include another dialect's
# enums (it would emit those again).
function(vortex_add_dialect_tablegen name namespace)
  cmake_parse_arguments(ARG "NO_ENUMS" "" "" ${ARGN})
  set(LLVM_TARGET_DEFINITIONS ${name}.td)
  mlir_tablegen(${name}Ops.h.inc -gen-op-decls)
  mlir_tablegen(${name}Ops.cpp.inc -gen-op-defs)
  mlir_tablegen(${name}Dialect.h.inc -gen-dialect-decls -dialect=${namespace})
  mlir_tablegen(${name}Dialect.cpp.inc -gen-dialect-defs -dialect=${namespace})
  mlir_tablegen(${name}Types.h.inc -gen-typedef-decls -typedefs-dialect=${namespace})
  mlir_tablegen(${name}Types.cpp.inc -gen-typedef-defs -typedefs-dialect=${namespace})
  mlir_tablegen(${name}Attributes.h.inc -gen-attrdef-decls -attrdefs-dialect=${namespace})
  mlir_tablegen(${name}Attributes.cpp.inc -gen-attrdef-defs -attrdefs-dialect=${namespace})
  if(NOT ARG_NO_ENUMS)
    mlir_tablegen(${name}Enums.h.inc -gen-enum-decls)
    mlir_tablegen(${name}Enums.cpp.inc -gen-enum-defs)
  endif()
  add_public_tablegen_target(Vortex${name}IncGen)
  add_mlir_doc(${name} ${namespace} Dialects/ -gen-dialect-doc -dialect=${namespace})
endfunction()
