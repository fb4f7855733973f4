/*===- dialects.c - C API test of the vx dialects ----------------*- C -*-===*\
|*                                                                            *|
|* Part of the Vortex project.                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

/* RUN: vortex-capi-test 2>&1 | FileCheck %s
 */

#include "Vortex-c/Dialects.h"
#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"

#include <stdio.h>
#include <stdlib.h>

static void printToStdout(MlirStringRef str, void *userData) {
  (void)userData;
  fwrite(str.data, 1, str.length, stdout);
}

static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  printf("diagnostic: ");
  mlirDiagnosticPrint(diagnostic, printToStdout, NULL);
  printf("\n");
  return mlirLogicalResultSuccess();
}

static MlirContext makeContext(void) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  vortexRegisterAllDialects(registry);
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);
  return ctx;
}

/* The dialect handles load each vx dialect into a bare context. */
static void testHandles(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectHandle handles[] = {
      mlirGetDialectHandle__vx_tensor__(), mlirGetDialectHandle__vx_field__(),
      mlirGetDialectHandle__vx_ct__(), mlirGetDialectHandle__vx_dist__()};
  for (int i = 0; i < 4; ++i) {
    MlirDialect dialect = mlirDialectHandleLoadDialect(handles[i], ctx);
    MlirStringRef ns = mlirDialectGetNamespace(dialect);
    printf("loaded %.*s\n", (int)ns.length, ns.data);
  }
  mlirContextDestroy(ctx);
}
// CHECK: loaded vx_tensor
// CHECK: loaded vx_field
// CHECK: loaded vx_ct
// CHECK: loaded vx_dist

static void testFieldTypes(void) {
  MlirContext ctx = makeContext();
  MlirType fr = vortexPrimeFieldTypeGetNamed(ctx, mlirStringRefCreateFromCString("bn254_fr"));
  printf("bn254_fr is a field: %d, %u bits\n", vortexTypeIsAPrimeField(fr),
         vortexPrimeFieldTypeGetModulusBitWidth(fr));
  mlirTypePrint(fr, printToStdout, NULL);
  printf("\n");
  MlirType bb = vortexPrimeFieldTypeGet(ctx, mlirStringRefCreateFromCString("2013265921"), true);
  mlirTypePrint(bb, printToStdout, NULL);
  printf("\n");
  MlirType unknown = vortexPrimeFieldTypeGetNamed(ctx, mlirStringRefCreateFromCString("p256"));
  printf("unknown name gives null: %d\n", mlirTypeIsNull(unknown));
  MlirType even = vortexPrimeFieldTypeGet(ctx, mlirStringRefCreateFromCString("10"), false);
  printf("even modulus gives null: %d\n", mlirTypeIsNull(even));
  printf("f32 is a field: %d\n", vortexTypeIsAPrimeField(mlirF32TypeGet(ctx)));
  mlirContextDestroy(ctx);
}
// CHECK: bn254_fr is a field: 1, 254 bits
// CHECK: !vx_field.pf<21888242871839275222246405745257275088548364400416034343698204186575808495617>
// CHECK: !vx_field.pf<2013265921, montgomery>
// CHECK: unknown name gives null: 1
// CHECK: diagnostic: modulus must be an odd integer greater than 2, got 10
// CHECK: even modulus gives null: 1
// CHECK: f32 is a field: 0

static const char *kProgram =
    "func.func @f(%a: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<?xf32> {\n"
    "  %s = vx_tensor.silu %a : tensor<?xf32>\n"
    "  %r = vx_tensor.mul %s, %b : tensor<?xf32>\n"
    "  return %r : tensor<?xf32>\n"
    "}\n";

/* Parse vx IR, run the CPU pipeline through the pass manager, and check that
   bad IR is a diagnostic and a null module. */
static void testParseAndLower(void) {
  MlirContext ctx = makeContext();
  vortexRegisterAllPasses();
  MlirModule module = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(kProgram));
  if (mlirModuleIsNull(module)) {
    printf("parse failed\n");
    exit(1);
  }
  MlirOperation op = mlirModuleGetOperation(module);
  printf("verified: %d\n", mlirOperationVerify(op));

  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      opm, mlirStringRefCreateFromCString("builtin.module(vx-to-cpu)"), printToStdout, NULL);
  printf("pipeline parsed: %d\n", mlirLogicalResultIsSuccess(parsed));
  MlirLogicalResult ran = mlirPassManagerRunOnOp(pm, op);
  printf("pipeline ran: %d\n", mlirLogicalResultIsSuccess(ran));
  mlirOperationPrint(op, printToStdout, NULL);
  printf("\n");
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);

  MlirModule bad = mlirModuleCreateParse(
      ctx, mlirStringRefCreateFromCString(
               "func.func @g(%a: tensor<4xf32>, %b: tensor<5xf32>) {\n"
               "  %r = vx_tensor.add %a, %b : tensor<4xf32>, tensor<5xf32>\n"
               "  return\n}\n"));
  printf("bad module is null: %d\n", mlirModuleIsNull(bad));
  mlirContextDestroy(ctx);
}
// CHECK: verified: 1
// CHECK: pipeline parsed: 1
// CHECK: pipeline ran: 1
// CHECK: llvm.func @f(
// CHECK: llvm.intr.exp
// CHECK: diagnostic: lhs dim 0 (4) does not match rhs dim 0 (5)
// CHECK: bad module is null: 1

int main(void) {
  testHandles();
  testFieldTypes();
  testParseAndLower();
  return 0;
}
