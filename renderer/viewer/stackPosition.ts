/** "image 3 of 10" for `imageId` in the stack `imageIds`, or a plain phrase when it is not there. */
export function describeStackPosition(imageIds: string[], imageId: string): string {
  const i = imageIds.indexOf(imageId);
  return i < 0 ? 'an image of another series' : `image ${i + 1} of ${imageIds.length}`;
}
