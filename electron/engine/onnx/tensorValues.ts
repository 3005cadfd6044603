/** Decoding TensorProto contents (raw_data or typed fields) into typed arrays. */
import { TensorProto_DataType as DataType, type TensorProto } from 'onnx-buf';

/** A decoded tensor: values as float64 numbers (ints converted) and dims. */
export interface DecodedTensor {
  dataType: number;
  dims: number[];
  values: Float64Array;
}

const READERS: Partial<Record<number, [number, (v: DataView, o: number) => number]>> = {
  [DataType.FLOAT]: [4, (v, o) => v.getFloat32(o, true)],
  [DataType.DOUBLE]: [8, (v, o) => v.getFloat64(o, true)],
  [DataType.INT64]: [8, (v, o) => Number(v.getBigInt64(o, true))],
  [DataType.INT32]: [4, (v, o) => v.getInt32(o, true)],
  [DataType.INT16]: [2, (v, o) => v.getInt16(o, true)],
  [DataType.UINT16]: [2, (v, o) => v.getUint16(o, true)],
  [DataType.INT8]: [1, (v, o) => v.getInt8(o)],
  [DataType.UINT8]: [1, (v, o) => v.getUint8(o)],
  [DataType.BOOL]: [1, (v, o) => v.getUint8(o)],
};

/** Decodes a tensor's numbers (float16 and strings are refused with an error naming the tensor). */
export function decodeTensor(t: TensorProto): DecodedTensor {
  const dims = t.dims.map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  if (t.rawData.length > 0) {
    const reader = READERS[t.dataType];
    if (!reader) throw new Error(`tensor "${t.name}": data type ${DataType[t.dataType]} cannot be read here`);
    const [size, read] = reader;
    const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
    const values = new Float64Array(count);
    for (let i = 0; i < count; i += 1) values[i] = read(view, i * size);
    return { dataType: t.dataType, dims, values };
  }
  let list: number[];
  if (t.floatData.length) list = t.floatData;
  else if (t.doubleData.length) list = t.doubleData;
  else if (t.int64Data.length) list = t.int64Data.map(Number);
  else if (t.int32Data.length) list = t.int32Data;
  else list = [];
  if (list.length !== count) {
    throw new Error(`tensor "${t.name}": holds ${list.length} values, dims [${dims.join(', ')}] need ${count}`);
  }
  return { dataType: t.dataType, dims, values: Float64Array.from(list) };
}
