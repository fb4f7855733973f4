/*===- artifact-api.c - kernel artifacts through the runtime's C API -*- C -*-===*\
|*                                                                            *|
|* Part of the Vortex project.                                                *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

/* RUN: vortex-translate --vx-kernel-artifact %S/../../examples/elementwise.mlir -o %t.vxk
 * RUN: vortex-artifact-test %t.vxk 2>&1 | FileCheck %s
 *
 * Loading checks a whole artifact: truncated, corrupted or inconsistent
 * ones are VORTEX_ERROR_INVALID_IMAGE with a reason, never a crash. Calls
 * check their arguments against the signature before touching the GPU.
 * Without a GPU a valid call is the driver's error; with one, modules load
 * on first use and bad images, unknown kernels and failed launches are
 * errors with their codes.
 * CHECK-NOT: FAILED
 * CHECK: artifact api: ok
 */

#include "Vortex/Runtime/Runtime.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed;
#define EXPECT(cond)                                                           \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("FAILED: %s (line %d): %s\n", #cond, __LINE__,                    \
             vortexRuntimeLastError());                                        \
      failed = 1;                                                              \
    }                                                                          \
  } while (0)

/* The last error contains `text`. */
static int says(const char *text) {
  return strstr(vortexRuntimeLastError(), text) != NULL;
}

static char *readFile(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  *size = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc(*size);
  if (fread(data, 1, *size, f) != *size) {
    free(data);
    data = NULL;
  }
  fclose(f);
  return data;
}

static VortexValue array(const char *element, void *data, int rank,
                         const int64_t *sizes) {
  VortexValue v;
  memset(&v, 0, sizeof(v));
  v.element = element;
  v.rank = rank;
  v.data = data;
  int64_t stride = 1;
  for (int d = rank - 1; d >= 0; --d) {
    v.sizes[d] = sizes[d];
    v.strides[d] = stride;
    stride *= sizes[d];
  }
  return v;
}

/* Artifacts that parse as JSON but break a rule, and the reason given. */
static void inconsistent(void) {
  static const struct {
    const char *text, *reason;
  } cases[] = {
      {"[]", "an artifact is a JSON object"},
      {"{\"format\": \"other\"}", "not a Vortex kernel artifact"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 2}",
       "artifact format version 2; this runtime reads version 1"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[{\"name\": \"m\", \"format\": \"ptx\", \"encoding\": \"base64\", "
       "\"binary\": \"abc\", \"kernels\": []}], \"functions\": []}",
       "not valid base64"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[{\"name\": \"m\", \"format\": \"ptx\", \"encoding\": \"text\", "
       "\"binary\": \"x\", \"kernels\": [{\"name\": \"k\", \"arguments\": "
       "[\"memref<?xf32>\"], \"params\": [\"ptr\", \"i64\"]}]}], "
       "\"functions\": []}",
       "'params' is not the expansion of 'arguments'"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[], \"functions\": [{\"name\": \"f\", \"arguments\": [], \"results\": "
       "[], \"values\": 2, \"plan\": [{\"op\": \"arith.addi\", \"results\": "
       "[1], \"types\": [\"index\"], \"operands\": [0, 0]}, {\"op\": "
       "\"func.return\"}]}]}",
       "value 0 is used where it is not defined"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[], \"functions\": [{\"name\": \"f\", \"arguments\": [], \"results\": "
       "[], \"values\": 2, \"plan\": [{\"op\": \"arith.constant\", "
       "\"results\": [0], \"types\": [\"i1\"], \"value\": 1}, {\"op\": "
       "\"scf.if\", \"operands\": [0], \"then\": [{\"op\": \"arith.constant\", "
       "\"results\": [1], \"types\": [\"index\"], \"value\": 1}, {\"op\": "
       "\"scf.yield\"}], \"else\": []}, {\"op\": \"func.return\", "
       "\"operands\": [1]}]}]}",
       "value 1 is used where it is not defined"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[], \"functions\": [{\"name\": \"f\", \"arguments\": [{\"kind\": "
       "\"scalar\", \"element\": \"f32\"}], \"results\": [], \"values\": 2, "
       "\"plan\": [{\"op\": \"arith.muli\", \"results\": [1], \"types\": "
       "[\"f32\"], \"operands\": [0, 0]}, {\"op\": \"func.return\"}]}]}",
       "operands and result must be integers of one type"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[], \"functions\": [{\"name\": \"f\", \"arguments\": [], \"results\": "
       "[], \"values\": 1, \"plan\": [{\"op\": \"gpu.launch_func\", "
       "\"module\": \"m\", \"kernel\": \"k\"}, {\"op\": \"func.return\"}]}]}",
       "launches m::k, which no module holds"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[], \"functions\": [{\"name\": \"f\", \"arguments\": [], \"results\": "
       "[], \"values\": 3, \"plan\": [{\"op\": \"arith.constant\", "
       "\"results\": [0], \"types\": [\"i1\"], \"value\": 1}, {\"op\": "
       "\"scf.if\", \"results\": [2], \"types\": [\"index\"], \"operands\": "
       "[0], \"then\": [{\"op\": \"arith.constant\", \"results\": [1], "
       "\"types\": [\"index\"], \"value\": 1}], \"else\": []}, {\"op\": "
       "\"func.return\"}]}]}",
       "a region must end with its only scf.yield"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[], \"functions\": [{\"name\": \"f\", \"arguments\": [], \"results\": "
       "[], \"values\": 1, \"plan\": []}]}",
       "the plan must end with its only func.return"},
      {"{\"format\": \"vortex-kernel-artifact\", \"version\": 1, \"modules\": "
       "[], \"functions\": [{\"name\": \"f\", \"arguments\": [], \"results\": "
       "[], \"values\": 1, \"plan\": [{\"op\": \"memref.load\"}]}]}",
       "unknown operation 'memref.load'"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); ++i) {
    VortexArtifact artifact = (VortexArtifact)1;
    VortexStatus status =
        vortexArtifactLoadData(&artifact, cases[i].text, strlen(cases[i].text));
    EXPECT(status == VORTEX_ERROR_INVALID_IMAGE);
    EXPECT(artifact == NULL);
    if (!says(cases[i].reason))
      printf("FAILED: case %zu: got \"%s\", expected \"%s\"\n", i,
             vortexRuntimeLastError(), cases[i].reason), failed = 1;
  }
}

/* Every prefix of the file (in steps), and copies with bytes changed, load
 * or fail with VORTEX_ERROR_INVALID_IMAGE; none crashes. */
static void damaged(const char *data, size_t size, VortexStatus init) {
  int truncated = 0, accepted = 0, rejected = 0;
  for (size_t n = 0; n < size; n += n < 512 ? 1 : 61) {
    VortexArtifact artifact = NULL;
    VortexStatus status = vortexArtifactLoadData(&artifact, data, n);
    truncated += status == VORTEX_ERROR_INVALID_IMAGE;
    if (status != VORTEX_ERROR_INVALID_IMAGE)
      printf("FAILED: a prefix of %zu bytes loads (%d)\n", n, status), failed = 1;
  }
  char *copy = malloc(size);
  uint64_t rng = 42;
  for (int round = 0; round < 3000; ++round) {
    memcpy(copy, data, size);
    for (int k = 0; k < 1 + round % 3; ++k) {
      rng = rng * 6364136223846793005ull + 1442695040888963407ull;
      size_t at = (size_t)(rng >> 33) % size;
      /* Mostly the plans and tables (before the first binary), where a
         change is most likely to make a wrong but well-formed file. */
      const char *binary = strstr(data, "\"binary\"");
      if (binary && round % 4)
        at %= (size_t)(binary - data);
      static const char replacements[] = "0123456789[]{},:\"-x";
      copy[at] = replacements[(rng >> 20) % (sizeof(replacements) - 1)];
    }
    VortexArtifact artifact = NULL;
    VortexStatus status = vortexArtifactLoadData(&artifact, copy, size);
    if (status == VORTEX_SUCCESS) {
      ++accepted;
      /* A file that still checks out runs as far as the machine lets it;
         without a GPU that is the driver's error. */
      if (init != VORTEX_SUCCESS) {
        VortexValue results[1];
        int64_t sizes[2] = {4, 1000};
        VortexValue arg = array("bf16", (void *)0x1000, 2, sizes);
        VortexStatus call =
            vortexArtifactCall(artifact, "gelu_bf16", &arg, 1, results, 1, NULL);
        EXPECT(call != VORTEX_SUCCESS);
      }
      EXPECT(vortexArtifactDestroy(artifact) == VORTEX_SUCCESS);
    } else {
      ++rejected;
      EXPECT(status == VORTEX_ERROR_INVALID_IMAGE);
      EXPECT(artifact == NULL);
    }
  }
  free(copy);
  printf("damaged: %d prefixes rejected; %d changed copies rejected, %d "
         "still well-formed\n",
         truncated, rejected, accepted);
  EXPECT(rejected > 1000);
}

static void argumentChecks(VortexArtifact artifact, VortexStatus init) {
  int64_t good[2] = {4, 1000}, bad[2] = {4, 999};
  VortexValue result;
  VortexValue arg = array("bf16", (void *)0x1000, 2, good);

  EXPECT(vortexArtifactCall(artifact, "nope", &arg, 1, &result, 1, NULL) ==
         VORTEX_ERROR_NOT_FOUND);
  EXPECT(says("the artifact has no function named nope"));
  EXPECT(vortexArtifactCall(artifact, "gelu_bf16", &arg, 2, &result, 1, NULL) ==
         VORTEX_ERROR_ARGUMENT_MISMATCH);
  EXPECT(says("gelu_bf16 takes 1 argument(s) and returns 1 result(s)"));

  VortexValue wrongType = array("f32", (void *)0x1000, 2, good);
  EXPECT(vortexArtifactCall(artifact, "gelu_bf16", &wrongType, 1, &result, 1,
                            NULL) == VORTEX_ERROR_ARGUMENT_MISMATCH);
  EXPECT(says("gelu_bf16: argument 0: expected bf16 elements, got f32"));

  VortexValue wrongRank = array("bf16", (void *)0x1000, 1, good);
  EXPECT(vortexArtifactCall(artifact, "gelu_bf16", &wrongRank, 1, &result, 1,
                            NULL) == VORTEX_ERROR_ARGUMENT_MISMATCH);
  EXPECT(says("expected rank 2, got rank 1"));

  VortexValue wrongShape = array("bf16", (void *)0x1000, 2, bad);
  EXPECT(vortexArtifactCall(artifact, "gelu_bf16", &wrongShape, 1, &result, 1,
                            NULL) == VORTEX_ERROR_ARGUMENT_MISMATCH);
  EXPECT(says("dim 1 is 999 but the kernel was compiled for 1000"));

  VortexValue strided = array("bf16", (void *)0x1000, 2, good);
  strided.strides[0] = 2000;
  EXPECT(vortexArtifactCall(artifact, "gelu_bf16", &strided, 1, &result, 1,
                            NULL) == VORTEX_ERROR_ARGUMENT_MISMATCH);
  EXPECT(says("argument 0 is not C-contiguous"));

  VortexValue null = array("bf16", NULL, 2, good);
  EXPECT(vortexArtifactCall(artifact, "gelu_bf16", &null, 1, &result, 1,
                            NULL) == VORTEX_ERROR_ARGUMENT_MISMATCH);

  VortexValue scalar = array("i32", NULL, 0, good);
  scalar.rank = -1;
  VortexValue clampArgs[3] = {scalar, scalar, scalar};
  EXPECT(vortexArtifactCall(artifact, "clamp_i32", clampArgs, 3, &result, 1,
                            NULL) == VORTEX_ERROR_ARGUMENT_MISMATCH);
  EXPECT(says("clamp_i32: argument 0: expected rank 1, got a scalar"));

  if (init != VORTEX_SUCCESS) {
    /* Valid arguments get as far as the driver. */
    EXPECT(vortexArtifactCall(artifact, "gelu_bf16", &arg, 1, &result, 1,
                              NULL) == init);
    EXPECT(result.data == NULL && result.allocation == NULL);
  }
}

static void withGpu(const char *path) {
  /* A module that is not PTX is rejected with the JIT's reason. */
  VortexModule module = (VortexModule)1;
  static const char notPtx[] = "this is not ptx";
  EXPECT(vortexModuleLoadData(&module, notPtx, sizeof(notPtx) - 1, 3) ==
         VORTEX_ERROR_INVALID_IMAGE);
  EXPECT(module == NULL && says("JIT log"));

  /* A module by hand: its kernel stores 7; an unknown name is NOT_FOUND; a
     block of 2048 threads is a launch failure. */
  static const char ptx[] = ".version 7.0\n.target sm_80\n.address_size 64\n"
                            ".visible .entry store_seven(.param .u64 out) {\n"
                            "  .reg .b64 %rd<2>;\n  .reg .b32 %r<2>;\n"
                            "  ld.param.u64 %rd1, [out];\n"
                            "  cvta.to.global.u64 %rd1, %rd1;\n"
                            "  mov.u32 %r1, 7;\n  st.global.u32 [%rd1], %r1;\n"
                            "  ret;\n}\n";
  EXPECT(vortexModuleLoadData(&module, ptx, sizeof(ptx) - 1, -1) ==
         VORTEX_SUCCESS);
  VortexFunction function = NULL;
  EXPECT(vortexModuleGetFunction(&function, module, "nope") ==
         VORTEX_ERROR_NOT_FOUND);
  EXPECT(vortexModuleGetFunction(&function, module, "store_seven") ==
         VORTEX_SUCCESS);
  void *out = NULL;
  int32_t seven = 0;
  EXPECT(vortexMalloc(&out, 4) == VORTEX_SUCCESS);
  void *params[] = {&out};
  VortexEvent start, end;
  EXPECT(vortexEventCreate(&start) == VORTEX_SUCCESS);
  EXPECT(vortexEventCreate(&end) == VORTEX_SUCCESS);
  EXPECT(vortexEventRecord(start, NULL) == VORTEX_SUCCESS);
  EXPECT(vortexLaunchKernel(function, 1, 1, 1, 1, 1, 1, 0, NULL, params) ==
         VORTEX_SUCCESS);
  EXPECT(vortexEventRecord(end, NULL) == VORTEX_SUCCESS);
  float ms = -1;
  EXPECT(vortexEventElapsedTime(&ms, start, end) == VORTEX_SUCCESS && ms >= 0);
  EXPECT(vortexMemcpyDeviceToHost(&seven, out, 4) == VORTEX_SUCCESS);
  EXPECT(seven == 7);
  EXPECT(vortexLaunchKernel(function, 1, 1, 1, 2048, 1, 1, 0, NULL, params) ==
         VORTEX_ERROR_LAUNCH_FAILED);
  EXPECT(vortexEventDestroy(start) == VORTEX_SUCCESS);
  EXPECT(vortexEventDestroy(end) == VORTEX_SUCCESS);
  EXPECT(vortexFree(out) == VORTEX_SUCCESS);
  EXPECT(vortexModuleUnload(module) == VORTEX_SUCCESS);

  /* A call runs on a stream; its result belongs to the caller. */
  VortexArtifact artifact = NULL;
  EXPECT(vortexArtifactLoad(&artifact, path) == VORTEX_SUCCESS);
  VortexStream stream = NULL;
  EXPECT(vortexStreamCreate(&stream) == VORTEX_SUCCESS);
  enum { N = 777 };
  int32_t x[N], lo[N], hi[N], back[N];
  for (int i = 0; i < N; ++i) {
    x[i] = i * 37 % 201 - 100;
    lo[i] = -5;
    hi[i] = 9;
  }
  int64_t n = N;
  void *device[3];
  int32_t *host[3] = {x, lo, hi};
  VortexValue args[3];
  for (int a = 0; a < 3; ++a) {
    EXPECT(vortexMallocAsync(&device[a], sizeof(x), stream) == VORTEX_SUCCESS);
    EXPECT(vortexMemcpyAsync(device[a], host[a], sizeof(x), stream) ==
           VORTEX_SUCCESS);
    args[a] = array("i32", device[a], 1, &n);
  }
  VortexValue result;
  EXPECT(vortexArtifactCall(artifact, "clamp_i32", args, 3, &result, 1,
                            stream) == VORTEX_SUCCESS);
  EXPECT(vortexStreamSynchronize(stream) == VORTEX_SUCCESS);
  EXPECT(result.rank == 1 && result.sizes[0] == N && result.strides[0] == 1);
  EXPECT(strcmp(result.element, "i32") == 0);
  EXPECT(vortexMemcpyDeviceToHost(back, result.data, sizeof(back)) ==
         VORTEX_SUCCESS);
  int wrong = 0;
  for (int i = 0; i < N; ++i)
    wrong += back[i] != (x[i] < -5 ? -5 : x[i] > 9 ? 9 : x[i]);
  EXPECT(wrong == 0);
  /* A block freed on a stream is reused there at once. */
  EXPECT(vortexFreeAsync(result.allocation, stream) == VORTEX_SUCCESS);
  void *again = NULL;
  EXPECT(vortexMallocAsync(&again, sizeof(x), stream) == VORTEX_SUCCESS);
  EXPECT(again == result.allocation);
  EXPECT(vortexFreeAsync(again, stream) == VORTEX_SUCCESS);
  EXPECT(vortexFreeAsync((void *)0x10, stream) ==
         VORTEX_ERROR_INVALID_ARGUMENT);
  for (int a = 0; a < 3; ++a)
    EXPECT(vortexFreeAsync(device[a], stream) == VORTEX_SUCCESS);
  EXPECT(vortexStreamSynchronize(stream) == VORTEX_SUCCESS);
  EXPECT(vortexStreamDestroy(stream) == VORTEX_SUCCESS);
  EXPECT(vortexArtifactDestroy(artifact) == VORTEX_SUCCESS);
  EXPECT(vortexEmptyCache() == VORTEX_SUCCESS);
  vortexRuntimeClearError();
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s ARTIFACT\n", argv[0]);
    return 2;
  }
  VortexArtifact artifact = (VortexArtifact)1;
  EXPECT(vortexArtifactLoad(&artifact, "/nonexistent.vxk") ==
         VORTEX_ERROR_INVALID_ARGUMENT);
  EXPECT(artifact == NULL && says("cannot open kernel artifact"));
  EXPECT(vortexArtifactLoadData(NULL, "", 0) == VORTEX_ERROR_INVALID_ARGUMENT);

  size_t size = 0;
  char *data = readFile(argv[1], &size);
  EXPECT(data != NULL);
  if (!data)
    return 1;
  EXPECT(vortexArtifactLoadData(&artifact, data, size) == VORTEX_SUCCESS);
  EXPECT(vortexArtifactFunctionCount(artifact) == 3);
  EXPECT(strcmp(vortexArtifactFunctionName(artifact, 1), "gelu_bf16") == 0);
  EXPECT(vortexArtifactFunctionName(artifact, 3) == NULL);
  EXPECT(strcmp(vortexArtifactFunctionSignature(artifact, 1),
                "{\"name\":\"gelu_bf16\",\"arguments\":[{\"kind\":\"tensor\","
                "\"element\":\"bf16\",\"shape\":[4,1000]}],\"results\":[{"
                "\"kind\":\"tensor\",\"element\":\"bf16\",\"shape\":[4,1000]}]}") ==
         0);

  vortexRuntimeClearError();
  VortexStatus init = vortexRuntimeInit();
  argumentChecks(artifact, init);
  EXPECT(vortexArtifactDestroy(artifact) == VORTEX_SUCCESS);
  inconsistent();
  damaged(data, size, init);
  if (init == VORTEX_SUCCESS)
    withGpu(argv[1]);
  else
    printf("no GPU: %s\n", "the calls stop at the driver");
  free(data);
  printf("artifact api: %s\n", failed ? "FAILED" : "ok");
  return failed;
}
