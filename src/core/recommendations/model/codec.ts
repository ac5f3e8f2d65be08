import { endianness } from 'node:os';
import type { ModelAlgorithm, RecommenderModel } from './model.ts';

const magic = 0x314d5250; // "PRM1" read little-endian

interface Header {
  algorithm: ModelAlgorithm;
  parameters: RecommenderModel['parameters'];
  itemIds: string[];
  entries: number;
}

/**
 * The stored form of a model: "PRM1", the header's length, the header (JSON: algorithm, parameters, item ids), then
 * the arrays (popularity, counts, row starts, columns, weights) as little-endian 32-bit values, each 4-byte aligned.
 */
export function encodeModel(model: RecommenderModel): Uint8Array {
  checkEndianness();
  const n = model.itemIds.length;
  const entries = model.weights.column.length;
  const header: Header = {
    algorithm: model.algorithm,
    parameters: model.parameters,
    itemIds: model.itemIds,
    entries,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = align4(8 + headerBytes.length);
  const total = headerEnd + 4 * (n + n + (n + 1) + entries + entries);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, headerBytes.length, true);
  bytes.set(headerBytes, 8);
  let at = headerEnd;
  for (const array of [
    model.popularity,
    model.counts,
    model.weights.rowStart,
    model.weights.column,
    model.weights.weight,
  ]) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  }
  return bytes;
}

/** Reads a model written by `encodeModel`; throws on anything else. */
export function decodeModel(bytes: Uint8Array): RecommenderModel {
  checkEndianness();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== magic) throw new Error('not a stored recommender model');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Header;
  const n = header.itemIds.length;
  // One aligned copy, so the typed arrays can view it wherever the bytes came from.
  const body = bytes.slice(align4(8 + headerLength));
  if (body.byteLength !== 4 * (3 * n + 1 + 2 * header.entries)) throw new Error('a stored model is truncated');
  let at = 0;
  const take = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number): T => {
    const array = make(body.buffer, at, length);
    at += 4 * length;
    return array;
  };
  const float = (b: ArrayBuffer, o: number, l: number) => new Float32Array(b, o, l);
  const int = (b: ArrayBuffer, o: number, l: number) => new Int32Array(b, o, l);
  const popularity = take(float, n);
  const counts = take(float, n);
  const rowStart = take(int, n + 1);
  const column = take(int, header.entries);
  const weight = take(float, header.entries);
  return {
    algorithm: header.algorithm,
    parameters: header.parameters,
    itemIds: header.itemIds,
    popularity,
    counts,
    weights: { rows: n, rowStart, column, weight },
  };
}

const align4 = (value: number) => (value + 3) & ~3;

function checkEndianness(): void {
  if (endianness() !== 'LE') throw new Error('stored models are little-endian; this machine is not');
}
