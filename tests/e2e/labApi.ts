/**
 * The lab spec's own line to the e2e server (node side): the renderer's HTTP transport with the `ws`
 * WebSocket, and the stored pixel bytes of a DICOM file read with dicom-parser (no decoder between).
 */
import { readFileSync } from 'node:fs';
import dicomParser from 'dicom-parser';
import WebSocket from 'ws';
import { createHttpTransport } from '../../renderer/api/httpTransport';
import type { ApiClient } from '../../renderer/api/apiClient';
import { E2E_PORT, E2E_TOKEN } from './e2eEnv';

/** An API client on the e2e server. */
export function labApi(): ApiClient {
  return createHttpTransport({ baseUrl: `http://127.0.0.1:${E2E_PORT}`, token: E2E_TOKEN, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket });
}

/** The raw bytes of the Pixel Data element of an uncompressed DICOM file. */
export function storedPixelBytes(path: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(path));
  const ds = dicomParser.parseDicom(bytes);
  const el = ds.elements.x7fe00010;
  if (!el) throw new Error(`${path} has no Pixel Data`);
  return bytes.slice(el.dataOffset, el.dataOffset + el.length);
}
