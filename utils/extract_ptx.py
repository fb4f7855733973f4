#!/usr/bin/env python3
"""Writes the PTX of every gpu.binary in a module printed by vortex-opt.

usage: extract_ptx.py MODULE.mlir OUTDIR

Each `gpu.binary @name [#gpu.object<..., assembly = "...">]` becomes
OUTDIR/name.ptx. Prints one line per kernel with its target and size.
"""

import os
import re
import sys


def unescape(text):
    """Undoes MLIR's string escaping (\\XX hex bytes, \\\\ and \\")."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 2 < len(text) + 1 and re.match(r"[0-9A-Fa-f]{2}", text[i + 1:i + 3]):
            out.append(int(text[i + 1:i + 3], 16))
            i += 3
        elif c == "\\" and i + 1 < len(text):
            out.append(ord(text[i + 1]))
            i += 2
        else:
            out.extend(c.encode())
            i += 1
    return out.decode()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    module, outdir = sys.argv[1:]
    text = open(module).read()
    binaries = re.findall(r'gpu\.binary @(\w+)\s*\[#gpu\.object<(.*?)assembly = "((?:[^"\\]|\\.)*)"',
                          text, re.S)
    if not binaries:
        sys.exit(f"{module}: no gpu.binary with PTX (compile with --vx-to-gpu, format=isa)")
    os.makedirs(outdir, exist_ok=True)
    for name, target, assembly in binaries:
        ptx = unescape(assembly)
        chip = re.search(r'chip = "(\w+)"', target)
        path = os.path.join(outdir, name + ".ptx")
        with open(path, "w") as f:
            f.write(ptx)
        entries = re.findall(r"\.visible \.entry (\w+)", ptx)
        print(f"{name}: {chip.group(1) if chip else '?'}, {len(ptx)} bytes of PTX, "
              f"entries {', '.join(entries)} -> {path}")


if __name__ == "__main__":
    main()
