// The kernels of the timing harness (utils/ct/dudect.py). Every function is
// constant-time code with secret inputs; `dudect.py build` compiles:
//   @leaky without the constant-time checks (it branches on a secret),
//   @leaky after vx-ct-linearize (as @leaky, in its own library),
//   @pow_goldilocks with all checks.

#map = affine_map<(d0) -> (d0)>

// Each element whose secret key is odd takes an expensive branch: 256
// squarings, a loop that LLVM cannot turn into a selection.
func.func @leaky(%k: tensor<?xi64> {vx_ct.secret}, %x: tensor<?xi64>) -> tensor<?xi64> attributes {vx_ct.constant_time} {
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?xi64>
  %init = tensor.empty(%n) : tensor<?xi64>
  %r = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel"]} ins(%k, %x : tensor<?xi64>, tensor<?xi64>) outs(%init : tensor<?xi64>) {
  ^bb0(%kk: i64, %xx: i64, %o: i64):
    %c1 = arith.constant 1 : i64
    %odd = arith.trunci %kk : i64 to i1
    %y = scf.if %odd -> i64 {
      %lb = arith.constant 0 : index
      %ub = arith.constant 256 : index
      %step = arith.constant 1 : index
      %s = scf.for %i = %lb to %ub step %step iter_args(%a = %xx) -> i64 {
        %sq = arith.muli %a, %a : i64
        %p = arith.addi %sq, %c1 : i64
        scf.yield %p : i64
      }
      scf.yield %s : i64
    } else {
      scf.yield %xx : i64
    }
    linalg.yield %y : i64
  } -> tensor<?xi64>
  return %r : tensor<?xi64>
}

// Goldilocks exponentiation by a secret 64-bit exponent, element by element.
func.func @pow_goldilocks(%a: tensor<?xi64> {vx_ct.secret}, %e: tensor<?xi64> {vx_ct.secret}) -> tensor<?xi64> attributes {vx_ct.constant_time} {
  %x = vx_field.bitcast %a : tensor<?xi64> to tensor<?x!vx_field.pf<goldilocks>>
  %p = vx_field.pow_ct %x, %e : tensor<?x!vx_field.pf<goldilocks>>, tensor<?xi64>
  %r = vx_field.bitcast %p : tensor<?x!vx_field.pf<goldilocks>> to tensor<?xi64>
  return %r : tensor<?xi64>
}
