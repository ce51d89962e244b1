// The reference for bench/renderer.ts: xterm.js from node_modules (the very
// version Warren bundles), with Warren's options (src-renderer/terminal/
// create-terminal.ts, copied: a page of its own cannot import the renderer),
// at Warren's size, fed pre-captured PTY output straight from memory.
import { Terminal } from '/xterm/lib/xterm.mjs';
import { WebglAddon } from '/xterm-webgl/lib/addon-webgl.mjs';

let term = null;
const data = new Map();

window.__bare = {
  /** Opens the terminal; answers which renderer draws. */
  open({ cols, rows, webgl }) {
    term = new Terminal({
      fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      scrollback: 10_000,
      cursorBlink: true,
      allowProposedApi: true,
      theme: { background: '#15171c', foreground: '#d8dee9', cursor: '#f0c674', selectionBackground: '#3a4455' },
      cols,
      rows,
    });
    term.open(document.getElementById('term'));
    if (!webgl) return 'dom';
    try {
      term.loadAddon(new WebglAddon());
      return 'webgl';
    } catch {
      return 'dom';
    }
  },
  async load(name) {
    const response = await fetch(`/data/${name}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    data.set(name, bytes);
    return bytes.length;
  },
  /**
   * Writes the captured bytes in `chunk`-byte pieces, all queued at once as a
   * fast producer would, then `tail` (the marker and prompt). The probe's
   * waiter `id` gets the start time and the time of the last write callback.
   */
  feed(name, tail, chunk, id) {
    const bytes = data.get(name);
    const t0 = performance.now();
    window.__bench.setStart(id, t0);
    for (let at = 0; at < bytes.length; at += chunk) term.write(bytes.subarray(at, Math.min(at + chunk, bytes.length)));
    term.write(tail, () => window.__bench.note(id, 'written', performance.now()));
  },
};
