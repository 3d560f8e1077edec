/** Types for vectors.mjs (shared by the child scripts, which run without a TypeScript loader). */
import type { MilvusService } from '../../dist/fakes/milvus/engine/service.js';

export function fillVectors<T extends Float32Array>(out: T, seed: number): T;
export function createBenchCollection(service: MilvusService, dim: number): void;
export function insertRows(service: MilvusService, floats: Float32Array, first: number, count: number, dim: number, categories: number): void;
