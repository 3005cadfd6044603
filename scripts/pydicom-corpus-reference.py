#!/usr/bin/python3
"""Reference decodes of pydicom's test corpus (Debian python3-pydicom 2.3.1) by pydicom with GDCM
(Debian python3-gdcm), written to tests/fixtures/dicom/pydicom-corpus.json for
tests/dicom/pydicomCorpus.test.ts. Dev script only: `npm test` reads the JSON, never runs Python.

For every file: 'refused' (pydicom cannot read it, or GDCM/numpy cannot decode its pixels),
'no-pixels' (read, no Pixel Data), or 'decoded' with, per frame, the SHA-256 of the decoded values
(row-major, samples interleaved, as float64 little-endian), their count, min, max and sum, plus the
Photometric Interpretation the values are in and whether the transfer syntax is lossy.

    /usr/bin/python3 scripts/pydicom-corpus-reference.py [CORPUS_DIR] > tests/fixtures/dicom/pydicom-corpus.json
"""
import contextlib
import hashlib
import json
import os
import sys
import tempfile
import warnings

import numpy as np
import pydicom
from pydicom import config
from pydicom.pixel_data_handlers import gdcm_handler, numpy_handler, rle_handler

CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")
SKIP_SUFFIXES = (".txt", ".json", ".gz", ".dump")
LOSSY = {
    "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.91",
    "1.2.840.10008.1.2.4.81", "1.2.840.10008.1.2.4.203",
}

config.pixel_data_handlers = [gdcm_handler, numpy_handler, rle_handler]
warnings.simplefilter("ignore")


@contextlib.contextmanager
def gdcm_messages():
    """Captures what GDCM's C++ code writes to stderr (file descriptor 2) meanwhile."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as capture:
        os.dup2(capture.fileno(), 2)
        lines = []
        try:
            yield lambda: lines
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            lines.extend(capture.read().decode("utf-8", "replace").splitlines())


def frames_of(ds, arr):
    n = int(getattr(ds, "NumberOfFrames", 1) or 1)
    return [arr] if n == 1 else [arr[i] for i in range(n)]


def describe(path):
    try:
        ds = pydicom.dcmread(path)
    except Exception as err:  # noqa: BLE001 - any refusal is the reference's answer
        return {"status": "refused", "why": f"pydicom: {type(err).__name__}: {err}"[:200]}
    if "PixelData" not in ds:
        return {"status": "no-pixels"}
    try:
        with gdcm_messages() as messages:
            arr = ds.pixel_array
    except Exception as err:  # noqa: BLE001
        return {"status": "refused", "why": f"decode: {type(err).__name__}: {err}"[:200]}
    # GDCM can fail inside its codec, print an error and still hand pydicom a buffer of garbage.
    gdcm_error = next((line.strip() for line in messages() if "failure" in line or line.startswith("Error")), None)
    ts = str(ds.file_meta.TransferSyntaxUID) if "TransferSyntaxUID" in getattr(ds, "file_meta", {}) else ""
    frames = []
    for f in frames_of(ds, arr):
        v = np.ascontiguousarray(f).astype("<f8").ravel()
        frames.append({
            "sha256": hashlib.sha256(v.tobytes()).hexdigest(),
            "count": int(v.size), "min": float(v.min()), "max": float(v.max()), "sum": float(v.sum()),
        })
    result = {
        "status": "decoded", "transferSyntax": ts, "lossy": ts in LOSSY,
        "photometricInterpretation": str(ds.PhotometricInterpretation), "frames": frames,
    }
    if gdcm_error:
        result["gdcmError"] = gdcm_error
    return result


def main():
    out = {"generator": "scripts/pydicom-corpus-reference.py", "pydicom": pydicom.__version__,
           "gdcm": gdcm_handler.get_gdcm_version() if hasattr(gdcm_handler, "get_gdcm_version") else "", "files": {}}
    for root, _dirs, files in os.walk(CORPUS):
        for name in sorted(files):
            if name.endswith(SKIP_SUFFIXES) or name == "README.txt":
                continue
            path = os.path.join(root, name)
            out["files"][os.path.relpath(path, CORPUS)] = describe(path)
    out["files"] = dict(sorted(out["files"].items()))
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
