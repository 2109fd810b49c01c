// The model as a plain, JSON-ready object, and back. Weights are quantized to one signed byte each on a square-root
// scale (fine steps near zero where most weights are, coarse ones for the few large weights) and base64-encoded:
// 2^20 rows × 3 classes fit in about 4 MB of JSON, and logits move by a few hundredths at most.
import { defaultFeatureConfig, type FeatureConfig } from './sentiment-features';
import { classCount, SentimentModel, type SentimentModelProvenance } from './sentiment-model';
import { sentimentLabels } from './sentiment-scorer';

export const sentimentModelFormat = 'firebreak-sentiment-model';
export const sentimentModelVersion = 1;

export type SentimentModelSnapshot = {
  format: typeof sentimentModelFormat;
  version: typeof sentimentModelVersion;
  labels: string[];
  features: FeatureConfig;
  bias: number[];
  temperature: number;
  decisionOffsets: number[];
  priors: number[];
  provenance: SentimentModelProvenance;
  weights: { encoding: 'int8-sqrt'; scale: number; count: number; data: string };
};

/** A model file that cannot be used; the message says what is wrong with it. */
export class SentimentModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SentimentModelFormatError';
  }
}

const quantizationLevels = 127;

export function quantizeWeights(weights: Float32Array): { scale: number; bytes: Uint8Array } {
  let scale = 0;
  for (const weight of weights) {
    scale = Math.max(scale, Math.abs(weight));
  }
  const bytes = new Uint8Array(weights.length);
  if (scale === 0) {
    return { scale: 0, bytes };
  }
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i] ?? 0;
    const level = Math.round(Math.sqrt(Math.abs(weight) / scale) * quantizationLevels);
    bytes[i] = (weight < 0 ? -level : level) & 0xff;
  }
  return { scale, bytes };
}

export function dequantizeWeights(bytes: Uint8Array, scale: number): Float32Array {
  // One table lookup per weight: the 256 possible bytes decode to 256 values.
  const table = new Float32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    const level = byte > 127 ? byte - 256 : byte;
    const magnitude = (Math.abs(level) / quantizationLevels) ** 2 * scale;
    table[byte] = level < 0 ? -magnitude : magnitude;
  }
  const weights = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    weights[i] = table[bytes[i] ?? 0] ?? 0;
  }
  return weights;
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Codes = new Int16Array(128).fill(-1);
for (let i = 0; i < base64Alphabet.length; i++) {
  base64Codes[base64Alphabet.charCodeAt(i)] = i;
}

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = new Array<string>();
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    chunk.push(
      (base64Alphabet[(triple >> 18) & 63] ?? '') +
        (base64Alphabet[(triple >> 12) & 63] ?? '') +
        (i + 1 < bytes.length ? (base64Alphabet[(triple >> 6) & 63] ?? '') : '=') +
        (i + 2 < bytes.length ? (base64Alphabet[triple & 63] ?? '') : '='),
    );
    if (chunk.length === 4096) {
      parts.push(chunk.join(''));
      chunk.length = 0;
    }
  }
  parts.push(chunk.join(''));
  return parts.join('');
}

export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 4 !== 0) {
    throw new SentimentModelFormatError('weights.data is not base64 (its length is not a multiple of 4)');
  }
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((clean.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j++) {
      const code = clean.charCodeAt(i + j);
      const value = code === 61 ? 0 : code < 128 ? (base64Codes[code] ?? -1) : -1;
      if (value < 0) {
        throw new SentimentModelFormatError(`weights.data is not base64 (character ${i + j})`);
      }
      triple = (triple << 6) | value;
    }
    if (out < bytes.length) bytes[out++] = (triple >> 16) & 0xff;
    if (out < bytes.length) bytes[out++] = (triple >> 8) & 0xff;
    if (out < bytes.length) bytes[out++] = triple & 0xff;
  }
  return bytes;
}

export function sentimentModelToSnapshot(model: SentimentModel): SentimentModelSnapshot {
  const { features, weights, bias, temperature, decisionOffsets, priors } = model.parameters;
  const { scale, bytes } = quantizeWeights(weights);
  return {
    format: sentimentModelFormat,
    version: sentimentModelVersion,
    labels: [...sentimentLabels],
    features: { ...features },
    bias: [...bias],
    temperature,
    decisionOffsets: [...decisionOffsets],
    priors: [...priors],
    provenance: model.provenance,
    weights: { encoding: 'int8-sqrt', scale, count: weights.length, data: encodeBase64(bytes) },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function finiteTriple(value: unknown, name: string): [number, number, number] {
  if (!Array.isArray(value) || value.length !== classCount || !value.every((v) => Number.isFinite(v))) {
    throw new SentimentModelFormatError(`${name} must be an array of ${classCount} finite numbers`);
  }
  return [Number(value[0]), Number(value[1]), Number(value[2])];
}

function featureConfigFrom(value: unknown): FeatureConfig {
  if (!isRecord(value)) {
    throw new SentimentModelFormatError('features must be an object');
  }
  const config: FeatureConfig = { ...defaultFeatureConfig };
  for (const key of Object.keys(defaultFeatureConfig) as (keyof FeatureConfig)[]) {
    const given = value[key];
    const expected = typeof defaultFeatureConfig[key];
    if (typeof given !== expected) {
      throw new SentimentModelFormatError(`features.${key} must be a ${expected}`);
    }
    Object.assign(config, { [key]: given });
  }
  if (!Number.isInteger(config.bucketBits) || config.bucketBits < 1 || config.bucketBits > 24) {
    throw new SentimentModelFormatError('features.bucketBits must be an integer from 1 to 24');
  }
  return config;
}

/** Rebuilds a model from a snapshot (a parsed model file), checking every field. */
export function sentimentModelFromSnapshot(value: unknown): SentimentModel {
  if (!isRecord(value) || value.format !== sentimentModelFormat) {
    throw new SentimentModelFormatError(
      `not a Firebreak sentiment model (format is not "${sentimentModelFormat}")`,
    );
  }
  if (value.version !== sentimentModelVersion) {
    throw new SentimentModelFormatError(
      `model file version ${String(value.version)} is not supported (this Firebreak reads version ${sentimentModelVersion})`,
    );
  }
  if (JSON.stringify(value.labels) !== JSON.stringify(sentimentLabels)) {
    throw new SentimentModelFormatError(`labels must be ${JSON.stringify(sentimentLabels)}`);
  }
  const features = featureConfigFrom(value.features);
  const bias = finiteTriple(value.bias, 'bias');
  const decisionOffsets = finiteTriple(value.decisionOffsets, 'decisionOffsets');
  const priors = finiteTriple(value.priors, 'priors');
  if (priors.some((p) => p < 0) || Math.abs(priors[0] + priors[1] + priors[2] - 1) > 1e-6) {
    throw new SentimentModelFormatError('priors must be 3 non-negative numbers that sum to 1');
  }
  const temperature = value.temperature;
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature)) {
    throw new SentimentModelFormatError('temperature must be a positive number');
  }
  const weights = value.weights;
  if (!isRecord(weights) || weights.encoding !== 'int8-sqrt' || typeof weights.data !== 'string') {
    throw new SentimentModelFormatError('weights must be { encoding: "int8-sqrt", scale, count, data }');
  }
  const scale = weights.scale;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) {
    throw new SentimentModelFormatError('weights.scale must be a non-negative number');
  }
  const expected = 2 ** features.bucketBits * classCount;
  const bytes = decodeBase64(weights.data);
  if (weights.count !== expected || bytes.length !== expected) {
    throw new SentimentModelFormatError(
      `weights must hold ${expected} values for ${features.bucketBits} bucket bits (count ${String(weights.count)}, data ${bytes.length})`,
    );
  }
  const provenance = isRecord(value.provenance) ? value.provenance : {};
  return new SentimentModel(
    { features, weights: dequantizeWeights(bytes, scale), bias, temperature, decisionOffsets, priors },
    provenance,
  );
}
