import { describe, expect, test } from 'vitest';
import { FaultBook, FaultSpecError, parseFaultSpec } from './faults.js';

describe('parseFaultSpec', () => {
  test('checks kind and the fields each kind needs', () => {
    expect(() => parseFaultSpec({ kind: 'nope' })).toThrow(FaultSpecError);
    expect(() => parseFaultSpec({ kind: 'delay' })).toThrow('a "delay" fault needs "delayMs"');
    expect(() => parseFaultSpec({ kind: 'status' })).toThrow('a "status" fault needs "status"');
    expect(() => parseFaultSpec({ kind: 'slow' })).toThrow('a "slow" fault needs "tokenDelayMs"');
    expect(() => parseFaultSpec({ kind: 'drop', times: 0 })).toThrow('fault "times" must be an integer from 1');
    expect(parseFaultSpec({ kind: 'truncate', route: 'chat', extra: 1 })).toEqual({ kind: 'truncate', route: 'chat' });
  });
});

describe('FaultBook', () => {
  test('matches by route and model, counts hits and retires after `times`', () => {
    const book = new FaultBook();
    book.add({ kind: 'status', status: 500, route: 'chat', model: 'a', times: 2 });
    expect(book.take('generate', 'a')).toBeUndefined();
    expect(book.take('chat', 'b')).toBeUndefined();
    expect(book.take('chat', 'a')).toMatchObject({ hits: 1 });
    expect(book.take('chat', 'a')).toMatchObject({ hits: 2 });
    expect(book.take('chat', 'a')).toBeUndefined();
    expect(book.list()).toEqual([]);
  });
});
