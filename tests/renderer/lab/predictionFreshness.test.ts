import { describe, expect, it } from 'vitest';
import { predictionFreshness, type Prediction } from '../../../renderer/features/review/usePrediction';
import { describeStackPosition } from '../../../renderer/viewer/stackPosition';

const result = { provider: 'cpu', output: 'out', outputReason: null, inputShape: [1, 1, 8, 8], outputShape: [2], classes: ['absent', 'present'], probabilities: [0.01, 0.99], decision: 1, outputKind: 'probabilities' };
const p = (imageId: string | null, modelId: string | null, busy = false): Prediction => ({ imageId, modelId, result, busy, error: null });

describe("the previous image's AI call never looks current (issue 19 item 1)", () => {
  it('is stale the moment the image or the model changes, before any new result arrives', () => {
    expect(predictionFreshness(p('img1', 'm'), 'm', 'img1')).toBe('current');
    expect(predictionFreshness(p('img1', 'm', true), 'm', 'img2')).toBe('stale');
    expect(predictionFreshness(p('img1', 'm'), 'other', 'img1')).toBe('stale');
    expect(predictionFreshness({ ...p('img1', 'm'), result: null }, 'm', 'img1')).toBe('none');
  });

  it('names the image a call belongs to', () => {
    expect(describeStackPosition(['a', 'b', 'c'], 'b')).toBe('image 2 of 3');
    expect(describeStackPosition(['a'], 'z')).toBe('an image of another series');
  });
});
