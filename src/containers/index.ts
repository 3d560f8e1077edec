/**
 * fakecontainers/containers: the fakes in Docker, as testcontainers modules.
 */
// Must run before testcontainers is loaded: it picks the reaper image (see reaper-env.ts).
import './reaper-env.js';

export { FakeOllamaContainer, OLLAMA_PORT } from './fake-ollama-container.js';
export { StartedFakeOllamaContainer } from './started-fake-ollama-container.js';
export { FakeMilvusContainer, MILVUS_PORT, MILVUS_HEALTH_PORT } from './fake-milvus-container.js';
export type { FakeMilvusContainerConfig } from './fake-milvus-container.js';
export { StartedFakeMilvusContainer } from './started-fake-milvus-container.js';
export { buildImages } from './build-images.js';
export type { BuildImagesOptions, BuiltImage } from './image-build.js';
export type { FakeImageKind } from './image-catalog.js';
export { IMAGE_REPOSITORIES, imageRef } from './image-catalog.js';
export type { BaseChoice } from './base-image.js';
export { FakeControlClient } from '../fakes/control/control-client.js';
export type { ReaperMode } from './reaper-env.js';
