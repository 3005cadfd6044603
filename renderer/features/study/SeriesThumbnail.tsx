/** A small preview of a series' middle image, drawn from the same `aegis:` pixels as the viewer. */
import { useEffect, useRef, useState } from 'react';
import * as cornerstone from 'cornerstone-core';
import { thumbnailPixels } from '../../viewer/thumbnailPixels';

/** Preview edge length, CSS pixels. */
const SIZE = 64;

/** Props: the image to preview. */
export interface SeriesThumbnailProps {
  imageId: string | undefined;
}

/** Canvas thumbnail; a neutral box with "?" when the image cannot be loaded. */
export function SeriesThumbnail({ imageId }: SeriesThumbnailProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!imageId) return;
    let live = true;
    cornerstone.loadAndCacheImage(imageId).then(
      (image) => {
        const ctx = ref.current?.getContext('2d');
        if (!live || !ctx) return;
        ctx.putImageData(new ImageData(thumbnailPixels(image, SIZE) as Uint8ClampedArray<ArrayBuffer>, SIZE, SIZE), 0, 0);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [imageId]);
  return failed ? <div className="thumbnail thumbnail-failed">?</div> : <canvas className="thumbnail" ref={ref} width={SIZE} height={SIZE} />;
}
