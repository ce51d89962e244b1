import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WarrenApi } from '../../src-shared/api';
import { attachWriter, forgetSession, startOutputRouting } from './output-router';

// A stand-in for window.warren that can only deliver session:data events.
type DataListener = (payload: { sessionId: string; data: Uint8Array }) => void;
let listeners: Set<DataListener>;
// Output travels as UTF-8 bytes; the tests speak in text.
const emit = (sessionId: string, text: string) => listeners.forEach((l) => l({ sessionId, data: new TextEncoder().encode(text) }));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
let stop: () => void;

beforeEach(() => {
  listeners = new Set();
  const on = (name: string, listener: DataListener) => {
    expect(name).toBe('session:data');
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  vi.stubGlobal('window', { warren: { on } as unknown as WarrenApi });
  stop = startOutputRouting();
});

afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

// The router keeps its writers and backlog in module state: each test uses its own session ids.
describe('output router', () => {
  it('output that arrives before its terminal waits, then reaches it in order, then flows straight through', () => {
    const got: string[] = [];
    emit('s1', 'one ');
    emit('s1', 'two ');
    attachWriter('s1', (d) => got.push(text(d)));
    expect(got).toEqual(['one ', 'two ']);
    emit('s1', 'three');
    expect(got).toEqual(['one ', 'two ', 'three']);
  });

  it('keeps sessions apart', () => {
    const a: string[] = [];
    const b: string[] = [];
    attachWriter('s2a', (d) => a.push(text(d)));
    emit('s2b', 'for b');
    emit('s2a', 'for a');
    attachWriter('s2b', (d) => b.push(text(d)));
    expect(a).toEqual(['for a']);
    expect(b).toEqual(['for b']);
  });

  it('after a terminal detaches, output waits for the next one', () => {
    const first: string[] = [];
    const second: string[] = [];
    const detach = attachWriter('s3', (d) => first.push(text(d)));
    detach();
    emit('s3', 'later');
    expect(first).toEqual([]);
    attachWriter('s3', (d) => second.push(text(d)));
    expect(second).toEqual(['later']);
  });

  it('output handed to one terminal is not replayed to the next', () => {
    emit('s6', 'once');
    const first: string[] = [];
    const second: string[] = [];
    attachWriter('s6', (d) => first.push(text(d)))();
    attachWriter('s6', (d) => second.push(text(d)));
    expect(first).toEqual(['once']);
    expect(second).toEqual([]);
  });

  it('a stale detach does not remove the terminal that replaced it', () => {
    const old: string[] = [];
    const current: string[] = [];
    const detachOld = attachWriter('s4', (d) => old.push(text(d)));
    attachWriter('s4', (d) => current.push(text(d)));
    detachOld();
    emit('s4', 'x');
    expect(current).toEqual(['x']);
    expect(old).toEqual([]);
  });

  it('forgetSession drops what was waiting', () => {
    emit('s5', 'lost');
    forgetSession('s5');
    const got: string[] = [];
    attachWriter('s5', (d) => got.push(text(d)));
    expect(got).toEqual([]);
  });

  it('stopping the routing stops listening', () => {
    stop();
    expect(listeners.size).toBe(0);
  });
});
