func.func @f(%a: !vx_field.pf<babybear>) -> !vx_field.pf<babybear> {
  %r = vx_field.mul %a, %a : !vx_field.pf<babybear>
  return %r : !vx_field.pf<babybear>
}
