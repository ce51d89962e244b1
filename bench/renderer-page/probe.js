// Page-side probe for bench/renderer.ts, injected with addInitScript into both
// Warren's page and the bare xterm.js page before any of their scripts run.
// Plain JS on purpose: bench/ is type-checked without the DOM library.
//
// Finding the terminals: Warren exposes no xterm instance, so the probe
// catches every one as it is built. xterm.js's public Terminal constructor
// assigns `this._addonManager` exactly once; a setter on Object.prototype for
// that name sees the instance, then turns into a plain own property. If an
// xterm upgrade renames it, `__bench.terms()` stays 0 and the bench says so.
//
// Timing, all on the page's clock (performance.now()):
// - start: `event.timeStamp` of the first keydown/mousedown after arming (the
//   time the input event was created, so time spent queued behind a busy
//   main thread counts), or set by the bare page when it starts writing;
// - drawn: the terminal's own `onRender` (its renderer has just put the rows
//   on screen, DOM or WebGL) after which the condition holds on the visible
//   rows, read from the buffer's viewport (what was just drawn);
// - painted: a MessageChannel task posted from there, which runs once that
//   frame's rendering steps (style, layout, paint) are done.
// Hops, for a keystroke's trace (Warren's page only; the harness's bridge is
// a WebSocket): sent (the first WebSocket send after start), arrived (the
// first binary frame after that, before the page's own listeners run),
// parsed (the first onWriteParsed of a terminal after that).
(() => {
  const terms = [];
  const hooked = new WeakSet();
  Object.defineProperty(Object.prototype, '_addonManager', {
    configurable: true,
    set(value) {
      Object.defineProperty(this, '_addonManager', { value, writable: true, configurable: true, enumerable: true });
      terms.push(this);
      const term = terms[terms.length - 1];
      queueMicrotask(() => hook(term));
    },
  });

  let nextId = 1;
  const waiters = new Map();
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    const w = waiters.get(event.data);
    if (!w || w.painted !== undefined) return;
    w.painted = performance.now();
    // A shown pane: give its terminal a moment to render again (it pauses while hidden).
    if (w.kind === 'visible') setTimeout(() => w.done?.(), 300);
    else w.done?.();
  };

  const onInput = (event) => {
    // Ctrl+C starts when C goes down, not Control.
    if (event.type === 'keydown' && ['Control', 'Shift', 'Alt', 'Meta'].includes(event.key)) return;
    for (const w of waiters.values()) {
      if (!w.useInput) continue;
      if (event.type === 'mouseup') {
        // Where a click's release came (a tab that switches on click waits for it).
        if (w.start !== undefined && w.up === undefined) w.up = event.timeStamp;
      } else if (w.start === undefined) w.start = event.timeStamp;
    }
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    const t = performance.now();
    for (const w of waiters.values()) if (w.start !== undefined && w.sent === undefined) w.sent = t;
    return send.call(this, data);
  };
  const listen = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this instanceof WebSocket && type === 'message' && typeof listener === 'function') {
      const original = listener;
      listener = function (event) {
        if (typeof event.data !== 'string') {
          const t = performance.now();
          for (const w of waiters.values()) if (w.sent !== undefined && w.arrived === undefined) w.arrived = t;
        }
        return original.call(this, event);
      };
    }
    return listen.call(this, type, listener, options);
  };

  addEventListener('keydown', onInput, true);
  addEventListener('mousedown', onInput, true);
  addEventListener('mouseup', onInput, true);

  function hook(term) {
    if (hooked.has(term)) return;
    hooked.add(term);
    term.onRender(() => rendered(term));
    term.onWriteParsed(() => {
      const t = performance.now();
      for (const w of waiters.values()) if (w.arrived !== undefined && w.parsed === undefined && belongs(term, w.pane)) w.parsed = t;
    });
  }

  function visible(term) {
    const el = term.element;
    return Boolean(el && el.isConnected && !el.closest('[hidden]'));
  }

  function belongs(term, pane) {
    if (!pane) return visible(term);
    return Boolean(term.element && term.element.closest(`[aria-label="${pane}"]`));
  }

  function screen(term) {
    const b = term.buffer.active;
    const lines = [];
    for (let y = b.viewportY; y < b.viewportY + term.rows; y++) lines.push((b.getLine(y)?.translateToString(true) ?? '').trimEnd());
    return lines.join('\n');
  }

  function holds(w, term) {
    return w.regex.test(screen(term)) !== w.invert;
  }

  function rendered(term) {
    for (const [id, w] of waiters) {
      if (w.drawn !== undefined && w.kind === 'text') continue;
      if (!belongs(term, w.pane)) continue;
      if (w.kind === 'visible') {
        if (w.shown !== undefined && w.rerendered === undefined) w.rerendered = performance.now();
        if (w.painted !== undefined && w.rerendered !== undefined) w.done?.();
        continue;
      }
      if (!holds(w, term)) continue;
      w.drawn = performance.now();
      channel.port2.postMessage(id);
    }
  }

  /** Pane (Warren) becomes visible: the first frame after that is the switch. */
  function watchVisible(id, w) {
    const check = () => {
      if (w.shown !== undefined) return;
      const section = document.querySelector(`[aria-label="${w.pane}"]`);
      if (!section || section.closest('[hidden]')) return;
      w.shown = performance.now();
      requestAnimationFrame(() => {
        w.drawn = performance.now();
        channel.port2.postMessage(id);
      });
    };
    w.observer = new MutationObserver(check);
    w.observer.observe(document.body, { attributes: true, attributeFilter: ['hidden'], subtree: true });
  }

  window.__bench = {
    terms: () => terms.length,
    /** The visible rows of the terminal in `pane` (or the visible one). */
    screen(pane) {
      const term = terms.find((t) => belongs(t, pane));
      return term ? screen(term) : null;
    },
    /**
     * Arms a measurement. kind 'text': the rows match `pattern` (or stop
     * matching, with invert). kind 'visible': the pane is shown.
     */
    arm({ kind = 'text', pattern = '', flags = 'm', invert = false, pane = null, useInput = true }) {
      for (const t of terms) hook(t);
      const id = nextId++;
      const w = { kind, regex: new RegExp(pattern, flags), invert, pane, useInput };
      waiters.set(id, w);
      if (kind === 'visible') watchVisible(id, w);
      else {
        const term = terms.find((t) => belongs(t, pane));
        if (term && holds(w, term)) w.heldAtArm = true;
      }
      return { id, heldAtArm: Boolean(w.heldAtArm) };
    },
    setStart(id, t) {
      const w = waiters.get(id);
      if (w) w.start = t;
    },
    note(id, key, t) {
      const w = waiters.get(id);
      if (w) w[key] = t;
    },
    /** Resolves once painted (or with timedOut); the waiter is then forgotten. */
    result(id, timeoutMs) {
      const w = waiters.get(id);
      if (!w) return Promise.resolve({ timedOut: true, missing: true });
      return new Promise((resolve) => {
        const finish = (timedOut) => {
          clearTimeout(timer);
          w.observer?.disconnect();
          waiters.delete(id);
          const { start, up, drawn, painted, shown, rerendered, written, sent, arrived, parsed } = w;
          resolve({ timedOut, start, up, drawn, painted, shown, rerendered, written, sent, arrived, parsed });
        };
        const timer = setTimeout(() => finish(true), timeoutMs);
        if (w.painted !== undefined && w.kind !== 'visible') return finish(false);
        w.done = () => finish(false);
      });
    },
  };
})();
