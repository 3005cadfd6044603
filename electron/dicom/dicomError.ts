/** An error about one DICOM file whose message is meant for the user as-is (plain words, no stack). */
export class DicomError extends Error {
  /** The message without the file name. */
  readonly reason: string;

  constructor(
    message: string,
    /** The file the problem is in, when known; prefixed to the message. */
    readonly path?: string,
  ) {
    super(path ? `${basename(path)}: ${message}` : message);
    this.reason = message;
    this.name = 'DicomError';
  }
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Formats a byte count the way the messages do ("8,130"). */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
