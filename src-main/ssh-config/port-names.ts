// Service names for ports: OpenSSH's a2port falls back to getservbyname(3), so
// `Port ssh` and `LocalForward 8080 web:http` are valid. getservbyname reads the
// services database; this reads the same file, once per import.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type PortNames = ReadonlyMap<string, number>;

export const NO_PORT_NAMES: PortNames = new Map();

const servicesFile = (): string =>
  process.platform === 'win32' ? path.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'drivers', 'etc', 'services') : '/etc/services';

/** `name port/tcp aliases...` lines; the first entry for a name wins, as in getservbyname. */
export function parsePortNames(text: string): PortNames {
  const names = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [entry = ''] = line.split('#');
    const [name, portProto, ...aliases] = entry.trim().split(/\s+/);
    const match = /^(\d+)\/tcp$/.exec(portProto ?? '');
    if (name === undefined || name === '' || match === null) continue;
    const port = Number(match[1]);
    if (port > 65535) continue;
    for (const n of [name, ...aliases]) if (!names.has(n)) names.set(n, port);
  }
  return names;
}

/** The system's service names, or none when the file cannot be read. */
export async function loadPortNames(file = servicesFile()): Promise<PortNames> {
  try {
    return parsePortNames(await readFile(file, 'utf8'));
  } catch {
    return NO_PORT_NAMES;
  }
}
