#!/usr/bin/env python3
"""Dev script: reference SSIM/PSNR numbers for tests/engine/metrics/ssim.test.ts.

Run with Debian's python3-skimage (0.19.3):  /usr/bin/python3 scripts/ssim-reference.py
The test images are integer formulas the TypeScript test rebuilds identically; npm test never runs this.
"""
import numpy as np
from skimage.metrics import structural_similarity, peak_signal_noise_ratio


def pattern(h, w, seed, strength):
    i, j = np.mgrid[0:h, 0:w]
    a = (i * 31 + j * 17 + (i * j) % 7 + seed * 13) % 256
    b = np.clip(a + strength * (((i * 5 + j * 3 + seed) % 11) - 5), 0, 255)
    return a.astype(np.float64), b.astype(np.float64)


for h, w, seed, strength, scale in [(11, 11, 0, 1, 1), (16, 20, 1, 1, 1), (24, 32, 2, 9, 1),
                                    (13, 17, 4, 30, 1), (24, 32, 3, 4, 1 / 255)]:
    a, b = pattern(h, w, seed, strength)
    a, b = a * scale, b * scale
    r = 255 * scale
    s, full = structural_similarity(a, b, data_range=r, gaussian_weights=True, sigma=1.5,
                                    use_sample_covariance=False, full=True)
    p = peak_signal_noise_ratio(a, b, data_range=r)
    print(f"{{ h: {h}, w: {w}, seed: {seed}, strength: {strength}, scale: {scale!r}, mssim: {s!r}, "
          f"map00: {full[0, 0]!r}, mapMid: {full[h // 2, w // 2]!r}, psnr: {p!r} }},")
