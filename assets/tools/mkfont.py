#!/usr/bin/env python3
"""mkfont.py — generates assets/lossarena-sans.font, the bitmap font of lossarena's PNG figures.

Each glyph is a few pen strokes (lines, elliptical arcs, dots) drawn here by hand, in master
pixels: y up from the baseline, x from the left edge of the glyph's advance. The strokes are
rasterised with a round pen at two weights into '#'/'.' grids. The output file is the asset;
this script is only how it was made (the build never runs it). Released under CC0 1.0.

    python3 assets/tools/mkfont.py > assets/lossarena-sans.font
"""
import math
import sys

HEIGHT = 32    # rows per glyph: the master cell, twice the nominal 16 px line
BASELINE = 25  # rows above the baseline
CAP, XH = 20, 15

# stroke centre lines (the pen adds half its width around them)
B, X, C, H, D = 1.5, 13.5, 18.5, 19.5, -4.5
AX = 8.5  # math axis: + − = × ±


def line(*p):
    return ('l', [(p[i], p[i + 1]) for i in range(0, len(p), 2)], 1.0)


def thin(items, f):
    """The same strokes drawn with a pen f times as wide (small details stay open)."""
    items = items if isinstance(items, list) else [items]
    return [(k, v, pf * f) for k, v, pf in items]


def arc(cx, cy, rx, ry, a0, a1):
    n = max(6, int(abs(a1 - a0) / 7.5))
    pts = []
    for i in range(n + 1):
        a = math.radians(a0 + (a1 - a0) * i / n)
        pts.append((cx + rx * math.cos(a), cy + ry * math.sin(a)))
    return ('l', pts, 1.0)


def ell(cx, cy, rx, ry):
    return arc(cx, cy, rx, ry, 0, 360)


def dot(x, y, r=1.9):
    return ('d', (x, y, r), 1.0)


def xf(items, sx, sy, dx, dy):
    """Scales then shifts strokes (superscripts, fractions)."""
    out = []
    for kind, v, pf in items:
        if kind == 'l':
            out.append(('l', [(x * sx + dx, y * sy + dy) for x, y in v], pf))
        else:
            out.append(('d', (v[0] * sx + dx, v[1] * sy + dy, v[2] * max(sx, sy)), pf))
    return out


def mirror(items, adv):
    return xf(items, -1, 1, adv, 0)


G = {}  # code point -> (advance, strokes)


def g(ch, adv, *items):
    flat = []
    for it in items:
        if isinstance(it, list):
            flat.extend(it)
        else:
            flat.append(it)
    G[ord(ch)] = (adv, flat)


# ---- uppercase ------------------------------------------------------------------------------
g('A', 15, line(1.8, B, 7.5, C, 13.2, B), line(4.2, 7, 10.8, 7))
g('B', 15, line(3, B, 3, C, 8.5, C), arc(8.5, 14.5, 4, 4, 90, -90), line(8.5, 10.5, 3, 10.5),
  line(3, 10.5, 9, 10.5), arc(9, 6, 4.5, 4.5, 90, -90), line(9, B, 3, B))
g('C', 16, arc(8.75, 10, 6.25, 8.5, 48, 312))
g('D', 16, line(3, B, 3, C, 6.5, C), arc(6.5, 10, 6.5, 8.5, 90, -90), line(6.5, B, 3, B))
g('E', 14, line(12, C, 3, C, 3, B, 12, B), line(3, 10, 10.5, 10))
g('F', 13, line(11.5, C, 3, C, 3, B), line(3, 10, 10, 10))
g('G', 17, arc(9, 10, 6.5, 8.5, 48, 360), line(15.5, 10, 15.5, 8.5, 10, 8.5))
g('H', 16, line(3, B, 3, C), line(13, B, 13, C), line(3, 10, 13, 10))
g('I', 6, line(3, B, 3, C))
g('J', 12, line(9.5, C, 9.5, 6), arc(5.75, 6, 3.75, 4.5, 0, -165))
g('K', 15, line(3, B, 3, C), line(13, C, 3, 6.5), line(6.6, 10.2, 13.5, B))
g('L', 13, line(3, C, 3, B, 12, B))
g('M', 19, line(3, B, 3, C, 9.5, 5, 16, C, 16, B))
g('N', 16, line(3, B, 3, C, 13, B, 13, C))
g('O', 17, ell(8.5, 10, 6.25, 8.5))
g('P', 15, line(3, B, 3, C, 8.5, C), arc(8.5, 14, 4.5, 4.5, 90, -90), line(8.5, 9.5, 3, 9.5))
g('Q', 17, ell(8.5, 10, 6.25, 8.5), line(10, 5.5, 15, 0.5))
g('R', 15, line(3, B, 3, C, 8.5, C), arc(8.5, 14, 4.5, 4.5, 90, -90), line(8.5, 9.5, 3, 9.5),
  line(8, 9.5, 13, B))
S_ITEMS = [arc(7.25, 14.4, 4.5, 4.1, 25, 270), arc(7.25, 5.9, 5, 4.4, 90, -155)]
g('S', 15, S_ITEMS)
g('T', 14, line(1.5, C, 12.5, C), line(7, C, 7, B))
g('U', 16, line(3, C, 3, 6.5), arc(8, 6.5, 5, 5, 180, 360), line(13, 6.5, 13, C))
g('V', 15, line(1.8, C, 7.5, B, 13.2, C))
g('W', 21, line(1.8, C, 5.8, B, 10.5, 16, 15.2, B, 19.2, C))
g('X', 15, line(2.2, C, 12.8, B), line(12.8, C, 2.2, B))
g('Y', 15, line(1.8, C, 7.5, 10), line(13.2, C, 7.5, 10, 7.5, B))
g('Z', 14, line(2.5, C, 12, C, 2.5, B, 12, B))

# ---- digits (tabular: one advance) ----------------------------------------------------------
DW = 14
DIG = {
    '0': [ell(7, 10, 4.75, 8.5)],
    '1': [line(3.5, 15.5, 7.5, C, 7.5, B), line(3.5, B, 11.5, B)],
    '2': [arc(7, 14.2, 4.6, 4.3, 165, -35), line(10.77, 11.73, 2.5, B, 12, B)],
    '3': [arc(7, 14.4, 4.3, 4.1, 155, -90), line(5.5, 10.3, 7, 10.3),
          arc(7, 5.9, 4.75, 4.4, 90, -155)],
    '4': [line(10, B, 10, C, 1.8, 6, 12.5, 6)],
    '5': [line(11.5, C, 3.6, C, 3.2, 10.2), arc(6.9, 6.1, 4.9, 4.6, 125, -150)],
    '6': [arc(7.1, 6.1, 4.6, 12.4, 62, 180), ell(7.1, 6.1, 4.6, 4.6)],
    '7': [line(2.5, C, 11.8, C, 5, B)],
    '8': [ell(7, 14.4, 4.1, 4.1), ell(7, 5.9, 4.7, 4.4)],
    '9': [ell(6.9, 13.9, 4.6, 4.6), arc(6.9, 13.9, 4.6, 12.4, 242, 360)],
}
for ch, items in DIG.items():
    g(ch, DW, items)

# ---- lowercase ------------------------------------------------------------------------------
BOWL = ell(7.25, 7.5, 4.25, 6)
g('a', 14, arc(6.9, 10, 4.1, 3.5, 155, 0), line(11, 10, 11, B), ell(6.9, 5.4, 4.1, 3.9))
g('b', 14, line(3, H, 3, B), BOWL)
g('c', 13, arc(7.5, 7.5, 4.75, 6, 45, 315))
g('d', 14, line(11.5, H, 11.5, B), BOWL)
g('e', 14, line(2.7, 7.5, 11.9, 7.5), arc(7.25, 7.5, 4.6, 6, 0, 318))
g('f', 9, arc(7.6, 16, 3.4, 3.5, 55, 180), line(4.2, 16, 4.2, B), line(1.2, X, 8.2, X))
g('g', 14, line(11.5, X, 11.5, -1.5), arc(7.25, -1.5, 4.25, 3, 0, -160), BOWL)
g('h', 14, line(3, H, 3, B), arc(7.25, 9, 4.25, 4.5, 180, 0), line(11.5, 9, 11.5, B))
g('i', 6, line(3, X, 3, B), dot(3, 18))
g('j', 7, line(4, X, 4, -2), arc(1.5, -2, 2.5, 2.5, 0, -90), dot(4, 18))
g('k', 13, line(3, H, 3, B), line(11.5, X, 3, 5.5), line(6.4, 8.6, 12, B))
g('l', 6, line(3, H, 3, B))
g('m', 20, line(3, X, 3, B), arc(6.5, 10, 3.5, 3.5, 180, 0), line(10, 10, 10, B),
  arc(13.5, 10, 3.5, 3.5, 180, 0), line(17, 10, 17, B))
g('n', 14, line(3, X, 3, B), arc(7.25, 9, 4.25, 4.5, 180, 0), line(11.5, 9, 11.5, B))
g('o', 14, ell(7, 7.5, 4.5, 6))
g('p', 14, line(3, X, 3, D), BOWL)
g('q', 14, line(11.5, X, 11.5, D), BOWL)
g('r', 10, line(3, X, 3, B), arc(7.6, 8.5, 4.6, 5, 180, 75))
g('s', 12, arc(6.1, 10.5, 3.9, 3, 30, 270), arc(6.1, 4.5, 4.25, 3, 90, -150))
g('t', 9, line(4, 17.5, 4, 4.5), arc(7, 4.5, 3, 3, 180, 290), line(1, X, 8.2, X))
g('u', 14, line(3, X, 3, 6), arc(7.25, 6, 4.25, 4.5, 180, 360), line(11.5, X, 11.5, B))
g('v', 13, line(1.8, X, 6.5, B, 11.2, X))
g('w', 19, line(1.8, X, 5.2, B, 9.5, 11.5, 13.8, B, 17.2, X))
g('x', 13, line(2, X, 11, B), line(11, X, 2, B))
Y_LOW = [line(1.8, X, 6.6, 1.8), line(11.2, X, 4.8, -3, 3.6, -4.3, 1.8, -4.5)]
g('y', 13, Y_LOW)
g('z', 12, line(2.5, X, 10, X, 2.5, B, 10, B))

# ---- punctuation ----------------------------------------------------------------------------
g(' ', 7)
g('!', 6, line(3, C, 3, 6.5), dot(3, 1.9))
g('"', 9, line(3, C, 3, 13.5), line(6.5, C, 6.5, 13.5))
g('#', 15, line(5, B, 6.5, C), line(10, B, 11.5, C), line(2, 7, 13.5, 7), line(2.5, 13, 14, 13))
g('$', 15, S_ITEMS, line(7.25, -1, 7.25, 21))
g('%', 18, ell(4.5, 14.5, 2.75, 3.5), ell(13.5, 5, 2.75, 3.5), line(13.5, C, 4.5, B))
g('&', 16, ell(6.5, 14.9, 2.9, 3.4), line(4.9, 12.1, 13.8, B),
  arc(6.6, 5.8, 4.3, 4.3, 118, 330), line(10.32, 3.65, 12.8, 8.5))
g("'", 5, line(2.5, C, 2.5, 13.5))
g('(', 8, arc(10.5, 7.5, 6.5, 12, 115, 245))
g(')', 8, arc(-2.5, 7.5, 6.5, 12, -65, 65))
g('*', 12, line(6, C, 6, 10.5), line(2.6, 16.5, 9.4, 12.5), line(2.6, 12.5, 9.4, 16.5))
g('+', 14, line(7, 3, 7, 14), line(1.5, AX, 12.5, AX))
COMMA = [line(3.6, 3.4, 1.9, -3.2)]
g(',', 6, COMMA)
g('-', 10, line(2, 7.5, 8, 7.5))
g('.', 6, dot(3, 1.9))
g('/', 10, line(1.8, -3, 8.2, C + 1))
g(':', 6, dot(3, 1.9), dot(3, 11.6))
g(';', 6, COMMA, dot(3.4, 11.6))
g('<', 14, line(12, 14.5, 2, AX, 12, 2.5))
g('=', 14, line(2, 11.5, 12, 11.5), line(2, 5.5, 12, 5.5))
g('>', 14, line(2, 14.5, 12, AX, 2, 2.5))
g('?', 13, arc(6.5, 14.25, 4.5, 4.25, 160, -90), line(6.5, 10, 6.5, 6.5), dot(6.5, 1.9))
g('@', 21, ell(10, 8, 3.2, 4), line(13.2, 12, 13.2, 5.5), arc(15.5, 5.5, 2.3, 2.5, 180, 360),
  line(17.8, 5.5, 18.5, 8), arc(10, 8, 8.5, 9.5, 0, 300))
g('[', 8, line(6.5, H, 3, H, 3, D, 6.5, D))
g('\\', 10, line(1.8, C + 1, 8.2, -3))
g(']', 8, line(1.5, H, 5, H, 5, D, 1.5, D))
g('^', 12, line(2, 12, 6, C, 10, 12))
g('_', 12, line(0.5, -3.5, 11.5, -3.5))
g('`', 8, line(2.5, H, 5.5, 16))
BRACE = [line(7.5, H, 5.8, H, 4.5, 18.2, 4.5, 9, 2.5, 7.5, 4.5, 6, 4.5, -3.2, 5.8, D, 7.5, D)]
g('{', 9, BRACE)
g('|', 6, line(3, D, 3, H))
g('}', 9, mirror(BRACE, 9))
TILDE = [arc(4.6, 8, 2.6, 2.2, 180, 0), arc(9.8, 8, 2.6, 2.2, 180, 360)]
g('~', 14, xf(TILDE, 1, 1, 0, 0.5))

# ---- the few non-ASCII glyphs our labels use ------------------------------------------------
SUP = 0.6


def sup(ch, dx=0.0, dy=8.8):
    return thin(xf(G[ord(ch)][1], SUP, SUP, dx, dy), 0.78)


g('\u2218', 11, thin(ell(5.5, AX, 3.4, 3.4), 0.7))                           # ∘ ring operator
g('\u03c3', 14, ell(6.5, 7.5, 4.25, 6), line(6.5, X, 13, X))     # σ
g('\u00b2', 9, sup('2', 0.6))                                    # ²
g('\u00b3', 9, sup('3', 0.6))                                    # ³
g('\u00b9', 9, sup('1', 0.6))                                    # ¹
g('\u221e', 20, thin([ell(6, AX, 4, 3.4), ell(14, AX, 4, 3.4)], 0.75))  # ∞
g('\u2212', 14, line(2, AX, 12, AX))                            # − minus
g('\u00bd', 19, sup('1', 0.2), line(2.5, 0, 14.5, 19),
  thin(xf(G[ord('2')][1], SUP, SUP, 10.6, 0), 0.78))                         # ½
g('\u00b7', 6, dot(3, AX))                                       # · middle dot
g('\u03a3', 14, line(12.5, C, 2.2, C, 7.6, 10, 2.2, B, 12.5, B))  # Σ
g('\u0177', 13, Y_LOW, thin(line(3.4, 17, 6.5, 20.6, 9.6, 17), 0.85))        # ŷ
g('\u2016', 12, thin([line(3, D, 3, H), line(9, D, 9, H)], 0.9))              # ‖
g('\u00b1', 14, line(7, 7.5, 7, 16.5), line(2, 12, 12, 12), line(2, 2.5, 12, 2.5))  # ±
g('\u00d7', 14, line(3.2, 4.7, 10.8, 12.3), line(10.8, 4.7, 3.2, 12.3))  # ×
g('\u2192', 19, line(2, AX, 16.5, AX), line(12, 13, 16.5, AX, 12, 4))   # →
g('\u2190', 19, line(2.5, AX, 17, AX), line(7, 13, 2.5, AX, 7, 4))      # ←
g('\u2013', 12, line(1.5, 7.5, 10.5, 7.5))                       # – en dash
g('\u2014', 20, line(1.5, 7.5, 18.5, 7.5))                       # — em dash
g('\u2248', 14, xf(TILDE, 1, 1, 0, 3.2), xf(TILDE, 1, 1, 0, -2.2))  # ≈
g('\u2260', 14, line(2, 11.5, 12, 11.5), line(2, 5.5, 12, 5.5), line(4.5, 1.5, 9.5, 15.5))  # ≠
g('\u2264', 14, line(12, 16, 2, 10.5, 12, 5), line(2, 1.5, 12, 1.5))  # ≤
g('\u2265', 14, line(2, 16, 12, 10.5, 2, 5), line(2, 1.5, 12, 1.5))   # ≥
g('\u00b5', 14, line(3, X, 3, D), arc(7.25, 6, 4.25, 4.5, 180, 360), line(11.5, X, 11.5, B))
g('\u03b7', 14, line(3, X, 3, B), arc(7.25, 9, 4.25, 4.5, 180, 0), line(11.5, 9, 11.5, D))  # η
g('\u03b1', 15, ell(6.5, 7.5, 4.25, 6), line(12.8, X, 10.75, 7.5, 12.8, B))  # α
g('\u03bb', 13, line(2.5, H, 11.5, B), line(7.1, 10.8, 2, B))   # λ
g('\u00b0', 9, ell(4.5, 15.8, 2.6, 2.6))                         # °
g('\u2026', 18, dot(3, 1.9), dot(9, 1.9), dot(15, 1.9))          # …
g('\u0394', 15, line(1.8, B, 7.5, C, 13.2, B, 1.8, B))           # Δ
g('\u2207', 15, line(1.8, C, 7.5, B, 13.2, C, 1.8, C))           # ∇
g('\u00b6', 13, line(7, B, 7, C, 11, C, 11, B))                  # ¶ (rarely)
g('\ufffd', 14, line(2, B, 2, C, 12, C, 12, B, 2, B))            # replacement: a box


def seg_dist2(px, py, a, b):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    t = 0.0 if l2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / l2))
    qx, qy = ax + t * dx - px, ay + t * dy - py
    return qx * qx + qy * qy


def render(adv, items, pen):
    """'#'/'.' rows: a pixel is ink when at least half of its 4x4 samples are."""
    segs, dots = [], []
    for kind, v, pf in items:
        r2 = (pen * pf / 2) ** 2
        if kind == 'l':
            segs.extend((a, b, r2) for a, b in (zip(v, v[1:]) if len(v) > 1 else [(v[0], v[0])]))
        else:
            dots.append((v[0], v[1], (v[2] + (pen * pf - 3) / 2) ** 2))
    rows = []
    for row in range(HEIGHT):
        line_ = []
        for col in range(adv):
            hits = 0
            for sy in range(4):
                for sx in range(4):
                    x = col + (sx + 0.5) / 4
                    y = BASELINE - (row + (sy + 0.5) / 4)
                    ink = any(seg_dist2(x, y, a, b) <= r2 for a, b, r2 in segs)
                    if not ink:
                        ink = any((x - dx) ** 2 + (y - dy) ** 2 <= dr2 for dx, dy, dr2 in dots)
                    hits += ink
            line_.append('#' if hits >= 8 else '.')
        rows.append(''.join(line_))
    return rows


def main():
    out = sys.stdout
    out.write("# lossarena-sans — the bitmap font of lossarena's PNG figures.\n")
    out.write("# License: CC0 1.0 Universal — no rights reserved; see assets/README.md.\n")
    out.write("# Made for lossarena by assets/tools/mkfont.py (pen strokes rasterised); "
              "edit the grids or the strokes.\n")
    out.write("# Format: 'face NAME', then metrics ('height', 'baseline' = rows above the "
              "baseline,\n# 'cap', 'xheight'), then per glyph 'glyph U+XXXX' and 'height' rows "
              "of '#' (ink) and '.';\n# the row length is the advance. Lines starting with "
              "'#' and a space are comments.\n")
    for face, pen, extra in (('regular', 2.8, 0), ('bold', 3.8, 1)):
        out.write(f"\nface {face}\nheight {HEIGHT}\nbaseline {BASELINE}\ncap {CAP}\n"
                  f"xheight {XH}\n")
        for code in sorted(G):
            adv, items = G[code]
            adv += extra if code != 32 else 0
            items = xf(items, 1, 1, extra / 2, 0)
            name = chr(code) if 32 < code < 127 else ''
            out.write(f"glyph U+{code:04X} {name}\n")
            for r in render(adv, items, pen):
                out.write(r + "\n")


if __name__ == '__main__':
    main()
