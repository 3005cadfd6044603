/**
 * Turns onnxruntime's telemetry off for this process and every process it starts. Without it, each
 * model load resolves and uploads to an outside host, keeps a device id and an event database under
 * `~/.cache/Microsoft/DeveloperTools/.onnxruntime/` and writes `/tmp/mat-debug-*.log` (issue #13).
 * onnxruntime reads the switch once, when its native library starts, so this module must be the
 * first import of every entry point that can load it (engine process, CLI, Electron main); the
 * entry-point test checks that it is.
 */

/** The environment variable onnxruntime reads, and the value that disables its telemetry. */
export const ORT_TELEMETRY_SWITCH = { name: 'ORT_DISABLE_TELEMETRY', value: '1' } as const;

process.env[ORT_TELEMETRY_SWITCH.name] = ORT_TELEMETRY_SWITCH.value;
