#!/usr/bin/env node
// The `aegis` command line. Runs the TypeScript sources through tsx so a fresh `npm ci` is enough.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
