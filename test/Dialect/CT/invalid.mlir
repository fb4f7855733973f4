// RUN: vortex-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

// Every diagnostic of the vx_ct verifiers and of its discardable attributes,
// and a few of the ODS constraints.

//===----------------------------------------------------------------------===//
// vx_ct.secret and vx_ct.constant_time
//===----------------------------------------------------------------------===//

// vx_ct.secret marks arguments, not operations.
func.func @secret_on_operation(%a: i32) -> i32 {
  // expected-error @+1 {{'vx_ct.secret' marks function arguments; to make a value secret, use vx_ct.conceal}}
  %0 = arith.addi %a, %a {vx_ct.secret} : i32
  return %0 : i32
}

// -----

// expected-error @+1 {{'vx_ct.secret' marks function arguments; to make a value secret, use vx_ct.conceal}}
func.func @secret_on_function(%a: i32) attributes {vx_ct.secret} {
  return
}

// -----

// expected-error @+1 {{'vx_ct.secret' marks function arguments; to make a value secret, use vx_ct.conceal}}
module attributes {vx_ct.secret} {
}

// -----

// expected-error @+1 {{'vx_ct.secret' on argument 1 must be a unit attribute}}
func.func @secret_not_unit(%a: i32, %b: i32 {vx_ct.secret = true}) {
  return
}

// -----

// expected-error @+1 {{'vx_ct.secret' on argument 0 must be a unit attribute}}
func.func private @secret_not_unit_declaration(i32 {vx_ct.secret = "yes"})

// -----

// expected-error @+1 {{'vx_ct.secret' on result 0 is not allowed: it marks function arguments only}}
func.func private @secret_on_result(i32) -> (i32 {vx_ct.secret})

// -----

// expected-error @+1 {{unknown vx_ct result attribute 'vx_ct.constant_time'}}
func.func private @constant_time_on_result() -> (i32, i32 {vx_ct.constant_time})

// -----

// expected-error @+1 {{'vx_ct.constant_time' must be a unit attribute}}
func.func @constant_time_not_unit() attributes {vx_ct.constant_time = 1 : i32} {
  return
}

// -----

func.func @constant_time_on_operation(%a: i32) -> i32 {
  // expected-error @+1 {{'vx_ct.constant_time' applies to functions; to mark a region, use vx_ct.region}}
  %0 = arith.muli %a, %a {vx_ct.constant_time} : i32
  return %0 : i32
}

// -----

// expected-error @+1 {{'vx_ct.constant_time' applies to functions; to mark a region, use vx_ct.region}}
module attributes {vx_ct.constant_time} {
}

// -----

// expected-error @+1 {{unknown vx_ct attribute 'vx_ct.constanttime'}}
func.func @unknown_attribute() attributes {vx_ct.constanttime} {
  return
}

// -----

func.func @unknown_attribute_on_operation(%a: i32) {
  // expected-error @+1 {{unknown vx_ct attribute 'vx_ct.public'}}
  "test.op"(%a) {vx_ct.public} : (i32) -> ()
  return
}

// -----

// expected-error @+1 {{unknown vx_ct argument attribute 'vx_ct.constant_time'}}
func.func @constant_time_on_argument(%a: i32 {vx_ct.constant_time}) {
  return
}

// -----

// expected-error @+1 {{unknown vx_ct argument attribute 'vx_ct.secrets'}}
func.func @unknown_argument_attribute(%a: i32, %b: i32 {vx_ct.secrets}) {
  return
}

//===----------------------------------------------------------------------===//
// vx_ct.select
//===----------------------------------------------------------------------===//

// -----

func.func @select_tensor_condition_scalar(%c: tensor<4xi1>, %a: f32) {
  // expected-error @+1 {{'vx_ct.select' op condition of type 'tensor<4xi1>' must be i1 or have the shape of the selected type 'f32'}}
  %0 = vx_ct.select %c, %a, %a : tensor<4xi1>, f32
  return
}

// -----

func.func @select_shape(%c: tensor<4xi1>, %a: tensor<8xf32>) {
  // expected-error @+1 {{'vx_ct.select' op condition of type 'tensor<4xi1>' must be i1 or have the shape of the selected type 'tensor<8xf32>'}}
  %0 = vx_ct.select %c, %a, %a : tensor<4xi1>, tensor<8xf32>
  return
}

// -----

func.func @select_rank(%c: tensor<4x?xi1>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_ct.select' op condition of type 'tensor<4x?xi1>' must be i1 or have the shape of the selected type 'tensor<4xf32>'}}
  %0 = vx_ct.select %c, %a, %a : tensor<4x?xi1>, tensor<4xf32>
  return
}

// -----

func.func @select_vector_condition_tensor(%c: vector<4xi1>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_ct.select' op condition of type 'vector<4xi1>' must be i1 or have the shape of the selected type 'tensor<4xf32>'}}
  %0 = vx_ct.select %c, %a, %a : vector<4xi1>, tensor<4xf32>
  return
}

// -----

func.func @select_scalable(%c: vector<[4]xi1>, %a: vector<4xf32>) {
  // expected-error @+1 {{'vx_ct.select' op condition of type 'vector<[4]xi1>' must be i1 or have the shape of the selected type 'vector<4xf32>'}}
  %0 = vx_ct.select %c, %a, %a : vector<[4]xi1>, vector<4xf32>
  return
}

// -----

func.func @select_unranked_condition(%c: tensor<*xi1>, %a: tensor<4xf32>) {
  // expected-error @+1 {{'vx_ct.select' op condition of type 'tensor<*xi1>' must be i1 or have the shape of the selected type 'tensor<4xf32>'}}
  %0 = vx_ct.select %c, %a, %a : tensor<*xi1>, tensor<4xf32>
  return
}

// -----

func.func @select_condition_not_bool(%c: i8, %a: f32) {
  // expected-error @+1 {{'vx_ct.select' op operand #0 must be bool-like, but got 'i8'}}
  %0 = vx_ct.select %c, %a, %a : i8, f32
  return
}

// -----

func.func @select_condition_tensor_not_bool(%c: tensor<4xi32>, %a: tensor<4xi32>) {
  // expected-error @+1 {{'vx_ct.select' op operand #0 must be bool-like, but got 'tensor<4xi32>'}}
  %0 = vx_ct.select %c, %a, %a : tensor<4xi32>, tensor<4xi32>
  return
}

// -----

func.func @select_value_types(%c: i1, %a: f32, %b: f64) {
  // expected-error @+1 {{'vx_ct.select' op failed to verify that all of {true_value, false_value, result} have same type}}
  %0 = "vx_ct.select"(%c, %a, %b) : (i1, f32, f64) -> f32
  return
}

//===----------------------------------------------------------------------===//
// vx_ct.conceal and vx_ct.declassify
//===----------------------------------------------------------------------===//

// -----

func.func @conceal_type(%a: i32) {
  // expected-error @+1 {{'vx_ct.conceal' op requires the same type for all operands and results}}
  %0 = "vx_ct.conceal"(%a) : (i32) -> i64
  return
}

// -----

func.func @declassify_type(%a: tensor<4xi32>) {
  // expected-error @+2 {{'vx_ct.declassify' op inferred type(s) 'tensor<4xi32>' are incompatible with return type(s) of operation 'tensor<?xi32>'}}
  // expected-error @+1 {{'vx_ct.declassify' op failed to infer returned types}}
  %0 = "vx_ct.declassify"(%a) : (tensor<4xi32>) -> tensor<?xi32>
  return
}

//===----------------------------------------------------------------------===//
// vx_ct.region and vx_ct.yield
//===----------------------------------------------------------------------===//

// -----

func.func @region_yield_type(%a: i32) -> i64 {
  // expected-error @+1 {{'vx_ct.region' op region yields ('i32') but the op returns ('i64')}}
  %0 = vx_ct.region -> i64 {
    vx_ct.yield %a : i32
  }
  return %0 : i64
}

// -----

// Without a yield, the region yields nothing.
func.func @region_missing_yield(%a: i32) -> i32 {
  // expected-error @+1 {{'vx_ct.region' op region yields () but the op returns ('i32')}}
  %0 = vx_ct.region -> i32 {
    %1 = arith.addi %a, %a : i32
  }
  return %0 : i32
}

// -----

func.func @region_yield_count(%a: i32) {
  // expected-error @+1 {{'vx_ct.region' op region yields ('i32', 'i32') but the op returns ()}}
  vx_ct.region {
    vx_ct.yield %a, %a : i32, i32
  }
  return
}

// -----

func.func @region_arguments() {
  // expected-error @+1 {{'vx_ct.region' op region must not have arguments, has 1}}
  "vx_ct.region"() ({
  ^bb0(%x: i32):
    "vx_ct.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @region_blocks() {
  // expected-error @+1 {{'vx_ct.region' op expects region #0 to have 0 or 1 blocks}}
  "vx_ct.region"() ({
    "vx_ct.yield"() : () -> ()
  ^bb1:
    "vx_ct.yield"() : () -> ()
  }) : () -> ()
  return
}

// -----

func.func @region_no_terminator() {
  // expected-error @+2 {{'vx_ct.region' op expects regions to end with 'vx_ct.yield', found 'test.op'}}
  // expected-note @+1 {{in custom textual format, the absence of terminator implies 'vx_ct.yield'}}
  "vx_ct.region"() ({
    "test.op"() : () -> ()
  }) : () -> ()
  return
}

// -----

// Another terminator in the region is not a yield.
func.func @region_foreign_terminator(%a: i32) -> i32 {
  %0 = vx_ct.region -> i32 {
    // expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
    func.return %a : i32
  }
  return %0 : i32
}

// -----

func.func @region_foreign_terminator_generic(%a: i32) -> i32 {
  // expected-error @+2 {{'vx_ct.region' op expects regions to end with 'vx_ct.yield', found 'test.terminator'}}
  // expected-note @+1 {{in custom textual format, the absence of terminator implies 'vx_ct.yield'}}
  %0 = "vx_ct.region"() ({
    "test.terminator"(%a) : (i32) -> ()
  }) : () -> i32
  return %0 : i32
}

// -----

func.func @yield_outside_region(%a: i32) {
  // expected-error @+1 {{'vx_ct.yield' op expects parent op 'vx_ct.region'}}
  vx_ct.yield %a : i32
}

// -----

func.func @max_trip_count_not_integer(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{'vx_ct.max_trip_count' must be a non-negative integer attribute}}
  scf.for %i = %c0 to %n step %c1 {
  } {vx_ct.max_trip_count = "eight"}
  return
}

// -----

func.func @max_trip_count_negative(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // expected-error @+1 {{'vx_ct.max_trip_count' must be a non-negative integer attribute}}
  scf.for %i = %c0 to %n step %c1 {
  } {vx_ct.max_trip_count = -1 : i64}
  return
}

// -----

func.func @max_trip_count_not_loop(%a: i32) -> i32 {
  // expected-error @+1 {{'vx_ct.max_trip_count' applies to loops}}
  %0 = arith.addi %a, %a {vx_ct.max_trip_count = 4 : i64} : i32
  return %0 : i32
}

// -----

// expected-error @+1 {{'vx_ct.lowered_secret_params' must be an array of i1, one per parameter}}
func.func @lowered_params_not_bools(%a: i32) attributes {vx_ct.lowered_secret_params = array<i64: 0>} {
  return
}

// -----

func.func @lowered_params_not_function(%a: i32) -> i32 {
  // expected-error @+1 {{'vx_ct.lowered_secret_params' applies to functions}}
  %0 = arith.addi %a, %a {vx_ct.lowered_secret_params = array<i1: true>} : i32
  return %0 : i32
}

// -----

// expected-error @+1 {{'vx_ct.kernel_secrets' must map gpu.module names to kernel names to {memory = array<i64: ...>, values = array<i64: ...>}}}
module attributes {vx_ct.kernel_secrets = {kernels = {kernel = {values = array<i64: 0>}}}} {
}

// -----

// expected-error @+1 {{'vx_ct.kernel_secrets' must map gpu.module names to kernel names to {memory = array<i64: ...>, values = array<i64: ...>}}}
module attributes {vx_ct.kernel_secrets = {kernels = {kernel = {memory = array<i64: -1>, values = array<i64>}}}} {
}
