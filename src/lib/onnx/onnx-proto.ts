// onnx-proto ships CommonJS; this is the one place that unwraps it.
import onnxProto from 'onnx-proto';

export const onnx = onnxProto.onnx;
