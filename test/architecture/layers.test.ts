import { describe, expect, test } from 'vitest';
import { importCycles, readSourceGraph } from './import-graph.js';
import { FAKE_LAYERS, layerOf, PACKAGE_LAYERS, violation } from './layers.js';

const graph = readSourceGraph();

describe('the layers of src/', () => {
  test('every source file belongs to a layer of the package and, inside a fake, to a folder of its stack', () => {
    expect(graph.filter((f) => !layerOf(f.file, PACKAGE_LAYERS)).map((f) => f.file)).toEqual([]);
    const inFakes = graph.filter((f) => /^src\/fakes\/(milvus|ollama)\//.test(f.file));
    expect(inFakes.length).toBeGreaterThan(100);
    expect(inFakes.filter((f) => !layerOf(f.file, FAKE_LAYERS)).map((f) => f.file)).toEqual([]);
  });

  test('no file imports against the direction: transports → engine → storage/schema → common', () => {
    const wrong = graph.flatMap((f) =>
      f.imports.flatMap((to) => {
        const why = violation(f.file, to);
        return why ? [`${f.file} imports ${to}: ${why}`] : [];
      }),
    );
    expect(wrong).toEqual([]);
  });

  test('the pure layers (what a fake says or stores) do no I/O', () => {
    const wrong = graph.flatMap((f) => {
      const forbidden = layerOf(f.file, FAKE_LAYERS)?.forbidden ?? [];
      return f.packages.filter((p) => forbidden.includes(p)).map((p) => `${f.file} imports ${p}`);
    });
    expect(wrong).toEqual([]);
  });

  test('there is no import cycle, type-only imports included', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('the rule itself', () => {
  test('an engine file importing a transport is refused; the other way round is allowed', () => {
    expect(violation('src/fakes/milvus/engine/service.ts', 'src/fakes/milvus/grpc/transport.ts')).toMatch(
      /milvus\/engine \(rank 3\) may not import milvus\/grpc \(rank 4\)/,
    );
    expect(violation('src/fakes/milvus/grpc/transport.ts', 'src/fakes/milvus/engine/service.ts')).toBeUndefined();
  });

  test('two folders of one rank do not import each other, and a lower package layer never imports a higher one', () => {
    expect(violation('src/fakes/milvus/rest/transport.ts', 'src/fakes/milvus/grpc/transport.ts')).toBeDefined();
    expect(violation('src/common/log.ts', 'src/lifecycle/scope.ts')).toBeDefined();
    expect(violation('src/fakes/ollama/generation/prose.ts', 'src/fakes/ollama/catalog/catalog.ts')).toBeUndefined();
  });

  test('the cycle finder reports a type-only ring', () => {
    const cycles = importCycles([
      { file: 'a.ts', imports: ['b.ts'], packages: [] },
      { file: 'b.ts', imports: ['c.ts'], packages: [] },
      { file: 'c.ts', imports: ['a.ts'], packages: [] },
      { file: 'd.ts', imports: ['a.ts'], packages: [] },
    ]);
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
