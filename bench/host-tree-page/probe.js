// Page-side probe for bench/host-tree.ts, injected with addInitScript before
// Warren's scripts run. Plain JS: bench/ is type-checked without the DOM library.
//
// All times are on the page's clock (performance.now()):
// - data arrived: the moment the bridge's WebSocket hands the page the reply
//   holding the host tree (the largest message with "hosts":[ in it), before
//   the page parses it;
// - input: `event.timeStamp` of the keydown (time spent queued behind a busy
//   main thread counts);
// - painted: a condition on the DOM is checked in each requestAnimationFrame
//   callback (what that frame will paint); once it holds, a MessageChannel
//   task posted from there runs after that frame's style, layout and paint.
(() => {
  const state = { dataAt: undefined, firstPaint: undefined };
  const channel = new MessageChannel();
  const pending = new Map();
  let nextId = 1;
  channel.port1.onmessage = (event) => pending.get(event.data)?.(performance.now());

  /** Resolves with the painted time of the first frame in which `check()` holds. */
  function paintedWhen(check, timeoutMs) {
    return new Promise((resolve) => {
      const id = nextId++;
      const deadline = performance.now() + timeoutMs;
      pending.set(id, (t) => {
        pending.delete(id);
        resolve(t);
      });
      const frame = () => {
        if (check()) return channel.port2.postMessage(id);
        if (performance.now() > deadline) {
          pending.delete(id);
          return resolve(undefined);
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  }

  const treeShown = () => document.querySelector('[role="tree"] [role="treeitem"]') !== null;

  const addEventListener = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (type, listener, options) {
    if (type !== 'message' || typeof listener !== 'function') return addEventListener.call(this, type, listener, options);
    const wrapped = function (event) {
      if (state.dataAt === undefined && typeof event.data === 'string' && event.data.length > 100_000 && event.data.includes('"hosts":[')) {
        state.dataAt = performance.now();
        void paintedWhen(treeShown, 30_000).then((t) => (state.firstPaint = t));
      }
      return listener.call(this, event);
    };
    return addEventListener.call(this, type, wrapped, options);
  };

  const search = () => document.querySelector('input[aria-label="Search hosts"]');

  /** What the tree shows: its row count (data-rows when the tree is virtualised, else every row) and its host rows' labels. */
  function treeState() {
    const tree = document.querySelector('[role="tree"]');
    if (!tree) return { rows: 0, hosts: [], empty: document.querySelector('.tree-empty') !== null };
    const items = [...tree.querySelectorAll('[role="treeitem"]')];
    const rows = tree.dataset.rows !== undefined ? Number(tree.dataset.rows) : items.length;
    const hosts = items.filter((i) => i.dataset.kind === 'host').map((i) => i.getAttribute('aria-label') ?? '');
    return { rows, hosts, empty: false };
  }

  let keyAt;
  window.addEventListener('keydown', (event) => (keyAt = event.timeStamp), true);

  window.__treeBench = {
    firstPaint: () => (state.firstPaint === undefined || state.dataAt === undefined ? null : state.firstPaint - state.dataAt),
    treeState,
    /**
     * Armed before a keystroke: resolves with input → painted once the search
     * field holds `query` and the tree shows `rows` rows, the first host row
     * being `firstHost` (null: no host) and every rendered host row matching.
     */
    arm(query, rows, firstHost, timeoutMs) {
      keyAt = undefined;
      const needle = query.trim().toLowerCase();
      const holds = () => {
        if (search()?.value !== query) return false;
        const s = treeState();
        if (rows === 0) return s.empty;
        if (s.rows !== rows) return false;
        if ((s.hosts[0] ?? null) !== firstHost) return false;
        return s.hosts.every((label) => label.toLowerCase().includes(needle));
      };
      const heldAtArm = holds();
      const done = paintedWhen(holds, timeoutMs).then((painted) => (painted === undefined || keyAt === undefined ? null : painted - keyAt));
      window.__treeBench.last = done;
      return heldAtArm;
    },
    result: () => window.__treeBench.last,
  };
})();
