func.func @f(%a: !vx_field.pf<12>) -> !vx_field.pf<12> {
  return %a : !vx_field.pf<12>
}
