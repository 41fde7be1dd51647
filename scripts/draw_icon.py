#!/usr/bin/env python3
"""Draw the Rebound app icon: icons/icon.png (1024x1024 RGBA).

A rounded square with a teal-to-blue vertical gradient, holding a white
"rebound" swoosh: a thick stroke that dips down and climbs back up to the
right, ending in an arrowhead.

Standard library only (zlib + struct). Edges are antialiased with signed
distances (coverage = clamp(0.5 - distance, 0, 1)), so the output is
deterministic. Regenerate the platform icons afterwards with:
    tauri icon icons/icon.png -o icons
"""
import math
import os
import struct
import zlib

S = 1024                     # canvas size (px)
MARGIN = 40                  # transparent border around the rounded square
RADIUS = 0.22 * S            # corner radius of the rounded square
TOP = (20, 184, 166)         # teal, top of the gradient
BOTTOM = (37, 99, 235)       # blue, bottom of the gradient
HALF_W = 64.0                # half the stroke width of the swoosh
SHADOW_DY = 18               # drop-shadow offset (px, downwards)
SHADOW_SOFT = 36.0           # drop-shadow blur distance (px)
SHADOW_ALPHA = 0.22          # drop-shadow peak opacity
SHADOW_RGB = (8, 40, 90)

# Swoosh centreline: a cubic Bezier that dips down and rises to the upper right.
P0 = (250.0, 440.0)
P1 = (320.0, 790.0)
P2 = (540.0, 810.0)
P3 = (700.0, 410.0)

# Arrowhead, laid along the curve's direction at its end.
HEAD_BACK = 40.0             # base of the head, behind the curve's end
HEAD_TIP = 190.0             # tip of the head, ahead of the curve's end
HEAD_HALF = 150.0            # half the width of the head's base
HEAD_ROUND = 14.0            # rounding of the head's corners

BIG = 1e9


def bezier(t):
    u = 1.0 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (a * P0[0] + b * P1[0] + c * P2[0] + d * P3[0],
            a * P0[1] + b * P1[1] + c * P2[1] + d * P3[1])


def seg_dist(px, py, ax, ay, bx, by):
    """Distance from point p to segment ab."""
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = ((px - ax) * dx + (py - ay) * dy) / ll if ll else 0.0
    t = 0.0 if t < 0.0 else (1.0 if t > 1.0 else t)
    qx, qy = ax + t * dx - px, ay + t * dy - py
    return math.sqrt(qx * qx + qy * qy)


def update_box(field, x0, y0, x1, y1, fn):
    """field[y*S+x] = min(field, fn(px, py)) over pixel centres in a box."""
    x0, y0 = max(0, int(x0)), max(0, int(y0))
    x1, y1 = min(S - 1, int(x1) + 1), min(S - 1, int(y1) + 1)
    for y in range(y0, y1 + 1):
        py = y + 0.5
        row = y * S
        for x in range(x0, x1 + 1):
            d = fn(x + 0.5, py)
            if d < field[row + x]:
                field[row + x] = d


def swoosh_field():
    """Signed distance (px) to the white swoosh + arrowhead, for each pixel."""
    field = [BIG] * (S * S)
    pad = HALF_W + SHADOW_SOFT + 2.0  # room for the drop shadow's falloff

    # Stroke: union of capsules along a finely sampled centreline.
    n = 80
    pts = [bezier(i / n) for i in range(n + 1)]
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        update_box(field,
                   min(ax, bx) - pad, min(ay, by) - pad,
                   max(ax, bx) + pad, max(ay, by) + pad,
                   lambda px, py, ax=ax, ay=ay, bx=bx, by=by:
                   seg_dist(px, py, ax, ay, bx, by) - HALF_W)

    # Arrowhead: a triangle with slightly rounded corners.
    dx, dy = P3[0] - P2[0], P3[1] - P2[1]
    ln = math.hypot(dx, dy)
    dx, dy = dx / ln, dy / ln
    nx, ny = -dy, dx
    bx, by = P3[0] - dx * HEAD_BACK, P3[1] - dy * HEAD_BACK
    half = HEAD_HALF - HEAD_ROUND
    tri = [(P3[0] + dx * (HEAD_TIP - HEAD_ROUND), P3[1] + dy * (HEAD_TIP - HEAD_ROUND)),
           (bx + nx * half, by + ny * half),
           (bx - nx * half, by - ny * half)]
    edges = list(zip(tri, tri[1:] + tri[:1]))

    def tri_sdf(px, py):
        d = min(seg_dist(px, py, a[0], a[1], b[0], b[1]) for a, b in edges)
        signs = [(b[0] - a[0]) * (py - a[1]) - (b[1] - a[1]) * (px - a[0]) for a, b in edges]
        inside = all(s >= 0 for s in signs) or all(s <= 0 for s in signs)
        return (-d if inside else d) - HEAD_ROUND

    xs = [p[0] for p in tri]
    ys = [p[1] for p in tri]
    pad = HEAD_ROUND + SHADOW_SOFT + 2.0
    update_box(field, min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad, tri_sdf)
    return field


def rounded_square_sdf(px, py):
    c = S / 2.0
    h = c - MARGIN - RADIUS
    qx, qy = abs(px - c) - h, abs(py - c) - h
    ox, oy = max(qx, 0.0), max(qy, 0.0)
    return math.sqrt(ox * ox + oy * oy) + min(max(qx, qy), 0.0) - RADIUS


def cov(d):
    """Pixel coverage from a signed distance in pixels."""
    v = 0.5 - d
    return 0.0 if v <= 0.0 else (1.0 if v >= 1.0 else v)


def smoothstep(v):
    v = 0.0 if v <= 0.0 else (1.0 if v >= 1.0 else v)
    return v * v * (3.0 - 2.0 * v)


def render():
    arrow = swoosh_field()
    top_y, bot_y = MARGIN, S - MARGIN
    raw = bytearray()
    for y in range(S):
        raw.append(0)  # PNG filter: none
        t = min(max((y + 0.5 - top_y) / (bot_y - top_y), 0.0), 1.0)
        t = t * t * (3.0 - 2.0 * t)  # ease the gradient
        gr = TOP[0] + (BOTTOM[0] - TOP[0]) * t
        gg = TOP[1] + (BOTTOM[1] - TOP[1]) * t
        gb = TOP[2] + (BOTTOM[2] - TOP[2]) * t
        row = y * S
        srow = (y - SHADOW_DY) * S if y >= SHADOW_DY else None
        for x in range(S):
            a_bg = cov(rounded_square_sdf(x + 0.5, y + 0.5))
            if a_bg <= 0.0:
                raw += b"\0\0\0\0"
                continue
            r, g, b = gr, gg, gb
            # soft drop shadow: the swoosh's distance field, shifted down
            if srow is not None:
                ds = arrow[srow + x]
                if ds < SHADOW_SOFT:
                    s = SHADOW_ALPHA * smoothstep(1.0 - ds / SHADOW_SOFT)
                    r += (SHADOW_RGB[0] - r) * s
                    g += (SHADOW_RGB[1] - g) * s
                    b += (SHADOW_RGB[2] - b) * s
            a = cov(arrow[row + x])
            if a > 0.0:
                r += (255.0 - r) * a
                g += (255.0 - g) * a
                b += (255.0 - b) * a
            raw += bytes((int(r + 0.5), int(g + 0.5), int(b + 0.5), int(a_bg * 255.0 + 0.5)))
    return bytes(raw)


def write_png(path, width, height, raw):
    def chunk(tag, data):
        c = struct.pack(">I", len(data)) + tag + data
        return c + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, "icons", "icon.png")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    write_png(out, S, S, render())
    print("wrote", out)


if __name__ == "__main__":
    main()
