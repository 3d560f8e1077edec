/**
 * The project `up` works for: the current directory. Container names and a label carry it, so two
 * projects on one machine never replace each other's fakes, and `down` removes only its own.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export const PROJECT_LABEL = 'fakecontainers.project';

export interface Project {
  /** Short hash of the directory's absolute path. */
  readonly id: string;
  /** The directory's name, in the characters Docker allows in a container name. */
  readonly name: string;
  readonly dir: string;
}

export function currentProject(dir = process.cwd()): Project {
  const absolute = path.resolve(dir);
  const id = createHash('sha256').update(absolute).digest('hex').slice(0, 8);
  const name = path.basename(absolute).toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 32) || 'root';
  return { id, name, dir: absolute };
}

export function containerName(kind: string, project: Project): string {
  return `fakecontainers-${kind}-${project.name}-${project.id}`;
}
