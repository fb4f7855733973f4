"""Independent reference of the vx.field operations in Python big integers.

Nothing here shares code with the compiler: the moduli are written out again,
and every operation is the textbook one on Python integers (inversion by
Python's own modular inverse, not by Fermat). Elements are canonical
integers in [0, p); `to_montgomery` gives the stored form a*2^S mod p of a
Montgomery-form element, S being the storage width (the modulus width
rounded up to 32 bits).
"""

FIELDS = {
    "bn254_fr": 21888242871839275222246405745257275088548364400416034343698204186575808495617,
    "bn254_fq": 21888242871839275222246405745257275088696311157297823662689037894645226208583,
    "bls12_381_fr": 52435875175126190479447740508185965837690552500527637822603658699938581184513,
    "bls12_381_fq": int(
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f624"
        "1eabfffeb153ffffb9feffffffffaaab", 16),
    "goldilocks": 2**64 - 2**32 + 1,
    "babybear": 2**31 - 2**27 + 1,
    "mersenne31": 2**31 - 1,
}


def storage_bits(p):
    """Width of the integer a lowered element of the field of `p` lives in."""
    return (p.bit_length() + 31) // 32 * 32


def add(p, a, b):
    return (a + b) % p


def sub(p, a, b):
    return (a - b) % p


def neg(p, a):
    return (-a) % p


def double(p, a):
    return (2 * a) % p


def mul(p, a, b):
    return (a * b) % p


def square(p, a):
    return (a * a) % p


def inv(p, a):
    """The inverse of a; zero for zero (the convention of vx_field.inv)."""
    return pow(a, -1, p) if a % p else 0


def div(p, a, b):
    return (a * inv(p, b)) % p


def power(p, a, e):
    """a^e with a^0 = 1, also for a = 0."""
    return pow(a, e, p)


def to_montgomery(p, a):
    return (a << storage_bits(p)) % p


def from_montgomery(p, m):
    return (m * pow(2**storage_bits(p), -1, p)) % p


def limbs(value, count, width=32):
    """The `count` little-endian limbs of `width` bits of `value`."""
    mask = (1 << width) - 1
    return [(value >> (width * i)) & mask for i in range(count)]


def edge_values(p):
    """Values every test should try: 0, 1, p-1, p-2, (p-1)/2 and the
    limb boundaries below p."""
    values = {0, 1, 2, p - 1, p - 2, (p - 1) // 2, (p + 1) // 2}
    for k in range(32, p.bit_length(), 32):
        values.update({2**k - 1, 2**k, 2**k + 1})
    return sorted(v for v in values if 0 <= v < p)
