/**
 * onnxruntime's telemetry off, for entry points that may import services but not the engine room
 * (the Electron main process): see electron/engine/onnx/telemetryOff. Import it first.
 */
import '../engine/onnx/telemetryOff';
