import { availableImages } from '../containers/image-build.js';
import { type FakeImageKind, imageRef } from '../containers/image-catalog.js';

/** The fakes `up` can start as containers: image, ports, and how their endpoint is written. */
export interface ServiceSpec {
  kind: Exclude<FakeImageKind, 'reaper'>;
  image: string;
  /** Container port -> default host port. */
  ports: readonly (readonly [number, number])[];
  /** The port whose host side is the service's endpoint. */
  mainPort: number;
  endpoint(host: string, port: number): string;
}

const SPECS: readonly ServiceSpec[] = [
  {
    kind: 'ollama',
    image: imageRef('ollama'),
    ports: [[11434, 11434]],
    mainPort: 11434,
    endpoint: (host, port) => `http://${host}:${port}`,
  },
  {
    kind: 'milvus',
    image: imageRef('milvus'),
    ports: [
      [19530, 19530],
      [9091, 9091],
    ],
    mainPort: 19530,
    endpoint: (host, port) => `${host}:${port}`,
  },
];

/** Services whose image this package can build. */
export function availableServices(): ServiceSpec[] {
  const images = availableImages();
  return SPECS.filter((spec) => images.includes(spec.kind));
}
