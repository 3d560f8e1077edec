/**
 * Imported just before testcontainers (see testcontainers.ts): ES modules run their imports in order,
 * so throwing here stops a testcontainers that cannot run on this Node before it fails somewhere deep
 * with a message nobody can act on.
 */
import { FakecontainersError } from '../common/errors.js';
import { testcontainersInstall } from './testcontainers-install.js';

const install = testcontainersInstall();
if (install.kind === 'incompatible') throw new FakecontainersError('DOCKER_UNAVAILABLE', install.problem);
