import { describe, expect, it } from 'vitest';
import { sanityText, sanityVerdict } from '../../../electron/shared/saliencySanity';
import { colorBarGradient, thresholdValue } from '../../../renderer/features/overlays/colorBar';
import { colormapRgb } from '../../../renderer/viewer/heatmapPixels';

describe('saliency read-out (issue 19 item 5)', () => {
  it('never calls a map "changed" while SSIM says it stayed (the issue: ρ −0.0116 with SSIM 0.97)', () => {
    expect(sanityVerdict(-0.0116, 0.97)).toBe('inconclusive');
    expect(sanityText(-0.0116, 0.97)).toMatch(/^inconclusive: the rank order changed but the structure stayed/);
    expect(sanityVerdict(0.1, 0.2)).toBe('changed');
    expect(sanityVerdict(0.9, 0.95)).toBe('unchanged');
    expect(sanityVerdict(0.9, null)).toBe('unchanged');
    expect(sanityVerdict(-0.7, 0.1)).toBe('inconclusive'); // a strong negative rank correlation is not "changed"
  });

  it('draws a colour bar that matches the layer: transparent below the threshold, the colormap above', () => {
    const g = colorBarGradient({ colormap: 'hot', threshold: 0.5 }, 2);
    const rgb = (t: number) => `rgb(${colormapRgb('hot', t).join(', ')})`;
    expect(g).toBe(`linear-gradient(to right, transparent 0%, transparent 50.0%, ${rgb(0)} 50.0%, ${rgb(0.5)} 75.0%, ${rgb(1)} 100.0%)`);
    expect(thresholdValue({ min: 2, max: 6 }, 0.25)).toBe(3);
  });
});
