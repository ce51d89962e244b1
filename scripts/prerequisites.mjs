// What `npm test` needs besides Node, checked before any runner starts:
//   /usr/sbin/sshd (or SSHD_PATH)          openssh-server
//   ssh-keygen and ssh on PATH             openssh-client
//   /usr/bin/chromium (or CHROMIUM_PATH)   chromium
//   xvfb-run on PATH                       xvfb
//   curl on PATH                           curl
//   node_modules with its tools            npm ci
// Missing Debian packages are installed when running as root with apt-get (as
// CI does); otherwise, or when WARREN_NO_INSTALL=1 (which also simulates a
// normal user), nothing is installed and one message names the command to run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command, env) {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && executable(path.join(dir, command)));
}

/** Each missing prerequisite: what was looked for and the Debian package that provides it. */
export function missingPrerequisites(env = process.env, cwd = process.cwd()) {
  const sshd = env.SSHD_PATH || '/usr/sbin/sshd';
  const chromium = env.CHROMIUM_PATH || '/usr/bin/chromium';
  const checks = [
    { what: sshd, ok: executable(sshd), pkg: 'openssh-server' },
    { what: 'ssh-keygen', ok: onPath('ssh-keygen', env), pkg: 'openssh-client' },
    { what: 'ssh', ok: onPath('ssh', env), pkg: 'openssh-client' },
    { what: `chromium at ${chromium}`, ok: executable(chromium), pkg: 'chromium' },
    { what: 'xvfb-run', ok: onPath('xvfb-run', env), pkg: 'xvfb' },
    { what: 'curl', ok: onPath('curl', env), pkg: 'curl' },
    {
      what: 'node_modules',
      ok: ['tsc', 'eslint', 'vitest', 'playwright'].every((bin) => existsSync(path.join(cwd, 'node_modules', '.bin', bin))),
      pkg: null,
    },
  ];
  return checks.filter((c) => !c.ok).map(({ what, pkg }) => ({ what, pkg }));
}

const unique = (list) => [...new Set(list)];
const packagesOf = (missing) => unique(missing.map((m) => m.pkg).filter((p) => p !== null));

function canInstall(env) {
  return env.WARREN_NO_INSTALL !== '1' && process.getuid?.() === 0 && onPath('apt-get', env);
}

function aptInstall(packages, env) {
  console.log(`Installing missing test prerequisites with apt-get: ${packages.join(' ')}`);
  const quiet = { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'ignore', 'inherit'] };
  const update = spawnSync('apt-get', ['update', '-qq'], quiet);
  if (update.status !== 0) return false;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], quiet);
  return install.status === 0;
}

/** The one sentence for what is still missing, naming the exact commands that fix it. */
function explain(missing, env) {
  const packages = packagesOf(missing);
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const fixes = [];
  if (packages.length > 0) fixes.push(`${sudo}apt-get install ${packages.join(' ')}`);
  if (missing.some((m) => m.pkg === null)) fixes.push('npm ci');
  let text = `Missing test prerequisites: ${missing.map((m) => m.what + (m.pkg ? ` (${m.pkg})` : '')).join(', ')}. Run: ${fixes.join(' && ')}`;
  const custom = [env.CHROMIUM_PATH && missing.some((m) => m.pkg === 'chromium') ? 'CHROMIUM_PATH' : null, env.SSHD_PATH && missing.some((m) => m.pkg === 'openssh-server') ? 'SSHD_PATH' : null].filter(Boolean);
  if (custom.length > 0) text += ` (or point ${custom.join(' and ')} at ${custom.length > 1 ? 'existing binaries' : 'an existing binary'})`;
  return `${text}.`;
}

/**
 * Installs what it can (root + apt-get), then answers whether everything is
 * there; when not, `message` says what is missing and the command to run.
 */
export function ensurePrerequisites(env = process.env, cwd = process.cwd()) {
  let missing = missingPrerequisites(env, cwd);
  const packages = packagesOf(missing);
  if (packages.length > 0 && canInstall(env)) {
    if (!aptInstall(packages, env)) return { ok: false, message: `apt-get could not install ${packages.join(' ')}; see its output above.` };
    missing = missingPrerequisites(env, cwd);
  }
  return missing.length === 0 ? { ok: true } : { ok: false, message: explain(missing, env) };
}
