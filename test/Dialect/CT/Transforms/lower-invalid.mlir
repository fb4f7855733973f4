// RUN: vortex-opt %s -split-input-file -vx-ct-lower -verify-diagnostics
// RUN: not vortex-opt %s -split-input-file -vx-ct-lower=target=arm 2>&1 | FileCheck %s --check-prefix=TARGET

// TARGET: vx-ct-lower: unknown target 'arm'; use cpu or nvptx

func.func @select_field(%c: i1, %a: !vx_field.pf<goldilocks>, %b: !vx_field.pf<goldilocks>) -> !vx_field.pf<goldilocks> {
  // expected-error @+1 {{'vx_ct.select' op cannot be lowered on '!vx_field.pf<18446744069414584321>': lower its element type first}}
  %r = vx_ct.select %c, %a, %b : !vx_field.pf<goldilocks>
  return %r : !vx_field.pf<goldilocks>
}
