import { describe, expect, test } from 'vitest';
import { ScopeClosedError } from './errors.js';
import { createScope } from './scope.js';

describe('Scope', () => {
  test('closes resources in reverse order of registration, children first', async () => {
    const order: string[] = [];
    const scope = createScope('run');
    scope.defer(() => order.push('first'));
    const child = scope.child('file');
    child.defer(() => order.push('child'));
    scope.defer(() => order.push('last'));
    await scope.close();
    expect(order).toEqual(['last', 'child', 'first']);
    expect(child.state).toBe('closed');
  });

  test('runs every disposer even when some throw, and aggregates the errors with their creation sites', async () => {
    const ran: string[] = [];
    const scope = createScope('test');
    scope.defer(() => ran.push('a'), { name: 'a' });
    scope.defer(() => {
      throw new Error('boom b');
    }, { name: 'b' });
    scope.defer(() => Promise.reject(new Error('boom c')), { name: 'c' });
    const error = await scope.close().catch((e: unknown) => e);
    expect(ran).toEqual(['a']);
    expect(error).toBeInstanceOf(AggregateError);
    const errors = (error as AggregateError).errors as Error[];
    expect(errors.map((e) => e.message.split('\n')[0])).toEqual(['c failed to close: boom c', 'b failed to close: boom b']);
    expect(errors[0]?.message).toMatch(/created at .*scope\.test\.ts/);
  });

  test('creation sites are read later but name the line that created the scope or resource', async () => {
    const [scope, scopeLine] = [createScope('sites'), callerLine()];
    const [, deferLine] = [scope.defer(() => Promise.reject(new Error('late')), { name: 'late' }), callerLine()];
    const error = (await scope.close().catch((e: unknown) => e)) as Error;
    expect(scope.createdAt).toMatch(new RegExp(`scope\\.test\\.ts:${scopeLine}:`));
    expect(error.message).toMatch(new RegExp(`created at .*scope\\.test\\.ts:${deferLine}:`));
  });

  test('bounds a hanging disposer, escalates it, and still closes the rest', async () => {
    const events: string[] = [];
    const scope = createScope('test', { disposeTimeoutMs: 50 });
    scope.defer(() => events.push('earlier'));
    scope.defer(() => new Promise(() => {}), { name: 'stuck container', escalate: () => events.push('force removed') });
    const error = (await scope.close().catch((e: unknown) => e)) as Error;
    expect(events).toEqual(['force removed', 'earlier']);
    expect(error.message).toMatch(/stuck container failed to close: did not finish within 50 ms; escalated and removed/);
  });

  test('close is idempotent and safe to call twice at once', async () => {
    let count = 0;
    const scope = createScope('test');
    scope.defer(async () => {
      await new Promise((r) => setTimeout(r, 10));
      count++;
    });
    await Promise.all([scope.close(), scope.close(), scope[Symbol.asyncDispose]()]);
    await scope.close();
    expect(count).toBe(1);
  });

  test('a closed scope refuses new resources and disposes what was handed in', async () => {
    const scope = createScope('test');
    await scope.close();
    let disposed = false;
    expect(() => scope.track({}, () => (disposed = true), { name: 'late client' })).toThrow(ScopeClosedError);
    await new Promise((r) => setTimeout(r, 0));
    expect(disposed).toBe(true);
    expect(() => scope.child('late')).toThrow(/scope "test" is closed/);
  });

  test('a resource that finishes starting after its scope closed is disposed at once', async () => {
    const scope = createScope('test', { disposeTimeoutMs: 20 });
    let release: (value: string) => void = () => {};
    const starting = new Promise<string>((resolve) => (release = resolve));
    const disposed: string[] = [];
    const adopted = scope.adopt(starting, (c) => disposed.push(c), { name: 'container' });
    await scope.close().catch(() => {});
    release('container-1');
    await expect(adopted).rejects.toBeInstanceOf(ScopeClosedError);
    expect(disposed).toEqual(['container-1']);
  });

  test('aborts its signal when closing starts, and closes when an external signal aborts', async () => {
    const external = new AbortController();
    const scope = createScope('test', { signal: external.signal });
    let sawAbort = false;
    scope.defer(() => {
      sawAbort = scope.signal.aborted;
    });
    external.abort();
    await scope.close();
    expect(sawAbort).toBe(true);
    expect(scope.state).toBe('closed');
  });
});

describe('concurrent entries', () => {
  test('close together, while order against the other entries is kept', async () => {
    const events: string[] = [];
    const scope = createScope('run');
    scope.defer(() => events.push('first, alone'));
    for (const name of ['a', 'b', 'c']) {
      scope.defer(
        async () => {
          events.push(`${name} starts`);
          await new Promise((r) => setTimeout(r, 30));
          events.push(`${name} ends`);
        },
        { concurrent: true },
      );
    }
    scope.defer(() => events.push('last, alone'));
    await scope.close();
    expect(events.slice(0, 4)).toEqual(['last, alone', 'c starts', 'b starts', 'a starts']);
    expect(events.slice(4, 7).sort()).toEqual(['a ends', 'b ends', 'c ends']);
    expect(events[7]).toBe('first, alone');
  });
});

/** The line number of the caller's call site. */
function callerLine(): number {
  const frame = new Error().stack?.split('\n')[2] ?? '';
  return Number(/:(\d+):\d+\)?$/.exec(frame)?.[1]);
}
