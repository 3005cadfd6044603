#!/usr/bin/env python3
"""Dev script: reference resizes for tests/engine/imaging/imaging.test.ts.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 scripts/resize-reference.py
torch.nn.functional.interpolate(mode='bilinear', align_corners=False, antialias=True) on an integer
pattern the TypeScript test rebuilds; npm test never runs this.
"""
import torch
import torch.nn.functional as F

for (h, w, oh, ow) in [(7, 9, 3, 4), (5, 4, 11, 7), (13, 6, 5, 9)]:
    x = torch.tensor([[(i * 7 + j * 3 + (i * j) % 5) % 11 for j in range(w)] for i in range(h)], dtype=torch.float64)
    y = F.interpolate(x[None, None], size=(oh, ow), mode='bilinear', align_corners=False, antialias=True)[0, 0]
    print(f"{{ h: {h}, w: {w}, oh: {oh}, ow: {ow}, y: [{', '.join(repr(round(v, 12)) for v in y.flatten().tolist())}] }},")
