// electron-builder's beforeBuild hook: rebuild ssh2's native crypto binding
// (and cpu-features) for Electron's ABI when Electron's headers are at hand,
// and say plainly when they are not. Without the rebuild the package ships
// bindings built for the system's Node, which Electron cannot load; ssh2 then
// falls back to its slower JavaScript crypto by itself, so the app works.
// CommonJS because electron-builder require()s its hooks.
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder require()s its hooks */
const { existsSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Where @electron/rebuild (node-gyp) fetches the headers from. */
function headersUrl(version, env = process.env) {
  const base = (env.npm_config_disturl || env.ELECTRON_HEADERS_MIRROR || 'https://www.electronjs.org/headers').replace(/\/+$/, '');
  return `${base}/v${version}/node-v${version}-headers.tar.gz`;
}

/** Headers node-gyp already unpacked for this Electron version. */
function cachedHeaders(version, home = os.homedir()) {
  return existsSync(path.join(home, '.electron-gyp', version, 'include', 'node', 'node.h'));
}

/** The decision and what the build prints about it. */
function rebuildPlan({ version, cached, reachable, skip, url }) {
  if (skip) return { rebuild: false, message: `Warren: WARREN_SKIP_NATIVE_REBUILD is set, so ssh2's native crypto is NOT rebuilt for Electron ${version}; the package uses ssh2's JavaScript fallback (slower).` };
  if (cached || reachable) return { rebuild: true, message: `Warren: rebuilding ssh2's native crypto for Electron ${version} (${cached ? 'cached headers' : url}).` };
  return {
    rebuild: false,
    message: [
      '',
      '======================================================================',
      `Warren: ssh2's native crypto binding is NOT rebuilt for Electron ${version}:`,
      `  its headers are not cached in ~/.electron-gyp and ${url} cannot be reached.`,
      '  The package still works (ssh2 falls back to its JavaScript crypto, which',
      '  is slower). Build on a machine that can reach the headers for full speed.',
      '======================================================================',
      '',
    ].join('\n'),
  };
}

async function reachable(url) {
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(8000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Resolving to false makes electron-builder skip its native rebuild. */
async function beforeBuild(context) {
  const version = context.electronVersion;
  const url = headersUrl(version);
  const cached = cachedHeaders(version);
  const plan = rebuildPlan({ version, cached, reachable: !cached && (await reachable(url)), skip: Boolean(process.env.WARREN_SKIP_NATIVE_REBUILD), url });
  console.log(plan.message);
  return plan.rebuild;
}

module.exports = { default: beforeBuild, headersUrl, cachedHeaders, rebuildPlan };
