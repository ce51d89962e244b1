import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeLazy, lazyScrollbarHide, type TimeoutTimerLike } from './lazy-hide-timer';

/** Like VS Code's TimeoutTimer: cancelAndSet cancels through `this.cancel()`, then sets. */
class TimeoutTimer implements TimeoutTimerLike {
  private token: ReturnType<typeof setTimeout> | null = null;
  sets = 0;
  cancel(): void {
    if (this.token !== null) clearTimeout(this.token);
    this.token = null;
  }
  cancelAndSet(runner: () => void, timeout: number): void {
    this.cancel();
    this.sets++;
    this.token = setTimeout(() => {
      this.token = null;
      runner();
    }, timeout);
  }
}

describe('makeLazy', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, the timeout after the last call, with a handful of timeouts for many calls', () => {
    const timer = new TimeoutTimer();
    makeLazy(timer, () => Date.now());
    const hide = vi.fn();
    for (let i = 0; i < 1000; i++) {
      timer.cancelAndSet(hide, 500);
      vi.advanceTimersByTime(1);
    }
    // 1000 ms of calls: the deadline is 500 ms after the last one.
    vi.advanceTimersByTime(498);
    expect(hide).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10);
    expect(hide).toHaveBeenCalledTimes(1);
    expect(timer.sets).toBeLessThan(10);
  });

  it('cancel stops it, and it can be set again', () => {
    const timer = new TimeoutTimer();
    makeLazy(timer, () => Date.now());
    const hide = vi.fn();
    timer.cancelAndSet(hide, 500);
    timer.cancel();
    vi.advanceTimersByTime(1000);
    expect(hide).not.toHaveBeenCalled();
    timer.cancelAndSet(hide, 500);
    vi.advanceTimersByTime(501);
    expect(hide).toHaveBeenCalledTimes(1);
  });

  it('leaves a terminal without the expected internals alone', () => {
    expect(lazyScrollbarHide({})).toBe(false);
    expect(lazyScrollbarHide({ _core: { _viewport: { _scrollableElement: { _hideTimeout: new TimeoutTimer() } } } })).toBe(true);
  });
});
