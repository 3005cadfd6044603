#!/usr/bin/env node
// The `aegis` command line. Runs the TypeScript sources through tsx so a fresh `npm ci` is enough.
import { register } from 'tsx/esm/api';

// Before anything can load onnxruntime (electron/engine/onnx/telemetryOff sets it again): no telemetry.
process.env.ORT_DISABLE_TELEMETRY = '1';

register();
await import('../electron/cli/main.ts');
