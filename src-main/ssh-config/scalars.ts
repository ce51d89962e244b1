// Number, time and yes/no values read the way OpenSSH's misc.c reads them
// (strtonum, convtime), so a value is valid here exactly when ssh accepts it.
import { NO_PORT_NAMES, type PortNames } from './port-names';

const INT_MAX = 2 ** 31 - 1;

/** strtoll(3) in base 10 over the whole string: leading space and a sign allowed, nothing after. */
function wholeDecimal(text: string): number | null {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(text);
  if (match === null) return null;
  const value = Number(match[2]);
  return match[1] === '-' ? -value : value;
}

/** strtonum(3): a whole decimal integer within [min, max], else null. */
export function strtonum(text: string, min: number, max: number): number | null {
  const value = wholeDecimal(text);
  return value !== null && value >= min && value <= max ? (value === 0 ? 0 : value) : null;
}

/** misc.c a2port: 0..65535 or a service name (`ssh`), else -1. */
export function a2port(text: string, ports: PortNames = NO_PORT_NAMES): number {
  return strtonum(text, 0, 65535) ?? ports.get(text) ?? -1;
}

/** misc.c atoi_err: 0..INT_MAX, or null. */
export const parseInteger = (text: string): number | null => strtonum(text, 0, INT_MAX);

const TIME_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** misc.c convtime: `90`, `90s`, `1h30m`, `2w` → seconds; -1 when invalid. */
export function convtime(text: string): number {
  if (text === '') return -1;
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)(.?)/.exec(rest);
    if (match === null || match[1] === '-' && Number(match[2]) !== 0) return -1;
    const digits = Number(match[2]);
    if (digits > INT_MAX) return -1;
    const unit = match[3] as string;
    const multiplier = unit === '' ? 1 : TIME_UNITS[unit.toLowerCase()];
    if (multiplier === undefined) return -1;
    if (digits > Math.floor(INT_MAX / multiplier)) return -1;
    total += digits * multiplier;
    if (total > INT_MAX) return -1;
    rest = rest.slice(match[0].length);
  }
  return total;
}

/** readconf.c multistate_flag: yes/true and no/false, any case; null otherwise. */
export function parseFlag(text: string): boolean | null {
  const word = text.toLowerCase();
  if (word === 'yes' || word === 'true') return true;
  if (word === 'no' || word === 'false') return false;
  return null;
}

export type StrictHostKeyChecking = 'yes' | 'no' | 'ask' | 'accept-new';

/** readconf.c multistate_strict_hostkey: `off` and `false` are `no`, `true` is `yes`. */
export function parseStrictHostKeyChecking(text: string): StrictHostKeyChecking | null {
  switch (text.toLowerCase()) {
    case 'yes':
    case 'true':
      return 'yes';
    case 'no':
    case 'false':
    case 'off':
      return 'no';
    case 'ask':
      return 'ask';
    case 'accept-new':
      return 'accept-new';
    default:
      return null;
  }
}
