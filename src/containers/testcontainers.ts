/**
 * The only door to testcontainers in this package: importing it through here guarantees the reaper
 * choice (reaper-env.ts) is made before testcontainers reads RYUK_CONTAINER_IMAGE at its own import.
 */
import './reaper-env.js';
// Before testcontainers itself: a version that cannot run on this Node is refused with the fix.
import './testcontainers-guard.js';

export { AbstractStartedContainer, GenericContainer, Wait, getContainerRuntimeClient } from 'testcontainers';
export type { StartedTestContainer, StoppedTestContainer } from 'testcontainers';
