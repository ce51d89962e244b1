// Typed reads of the settings file. Opening brings the file up to the current
// format, then checks each key the services read against its schema. A value
// that does not fit is copied to a file beside settings.json first, then
// replaced by its default, and the user is told which key and why: user data
// is never dropped unseen.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { SettingsStore } from '../storage/store';
import { migrations, readerKeys, SETTINGS_SCHEMA_VERSION, settingsKeys, type ReaderKey, type ReaderValue, type SettingsSnapshot } from './settings-schema';

const VERSION_KEY = 'schemaVersion';

type Checked<T> =
  | { ok: true; value: T }
  /** `keep` is what is set aside: the whole value, or only the bad entries of a list. */
  | { ok: false; fallback: T; keep: unknown; problem: string; instead: string };

export class SettingsReader {
  /** Keys already reported, so a value read many times is reported once. */
  private readonly reported = new Set<string>();

  /**
   * Opens the settings behind `store`: migrates, checks, sets bad values aside.
   * Notices for the user are pushed onto `notices`.
   */
  constructor(
    private readonly store: SettingsStore,
    readonly notices: string[] = [],
    now = new Date(),
  ) {
    const file = store.path;
    const original: SettingsSnapshot = Object.fromEntries(settingsKeys.map((key) => [key, store.get(key)]));
    const problems: Array<{ key: string; problem: string; instead: string }> = [];
    const keep: Record<string, unknown> = {};

    const raw = original[VERSION_KEY];
    const version = raw === undefined ? 0 : Number.isInteger(raw) && (raw as number) >= 0 ? (raw as number) : null;
    if (version === null) {
      keep[VERSION_KEY] = raw;
      problems.push({ key: VERSION_KEY, problem: describe(VERSION_KEY, raw, [{ path: [], message: 'expected a whole number' }]), instead: 'reads it as a file from before versioning' });
    }
    const writable = (version ?? 0) <= SETTINGS_SCHEMA_VERSION;
    if (!writable) {
      notices.push(`${file} was written by a newer version of Warren (settings format ${String(version)}; this one knows up to ${SETTINGS_SCHEMA_VERSION}). Warren reads what it can and does not change the file on start-up; update Warren to use every setting.`);
    }

    let next = writable ? migrate(original, version ?? 0) : original;
    for (const key of Object.keys(readerKeys) as ReaderKey[]) {
      const checked = check(key, next[key]);
      if (checked.ok) continue;
      keep[key] = checked.keep;
      problems.push({ key, problem: checked.problem, instead: checked.instead });
      next = { ...next, [key]: checked.fallback };
    }

    let aside: string | null = null;
    let unwritten: string | null = writable ? null : 'it was written by a newer Warren';
    if (writable && problems.length > 0) {
      try {
        aside = setAside(file, keep, now);
      } catch (error) {
        unwritten = `the old values could not be copied aside: ${message(error)}`;
      }
    }
    // Only once the bad values are safe elsewhere does the file change; the version goes last.
    if (unwritten === null) {
      try {
        for (const key of settingsKeys.filter((k) => k !== VERSION_KEY)) if (!isDeepStrictEqual(original[key], next[key])) store.set(key, next[key]);
        if (!isDeepStrictEqual(original[VERSION_KEY], next[VERSION_KEY])) store.set(VERSION_KEY, next[VERSION_KEY]);
      } catch (error) {
        notices.push(`Warren could not update ${file} (${message(error)}); it uses the settings as read and tries again on the next start.`);
      }
    }
    for (const { key, problem, instead } of problems) {
      this.reported.add(key);
      const where = aside ? `The old value was kept in ${aside}.` : `The file was left as it is, because ${unwritten ?? 'it could not be changed'}.`;
      notices.push(`The "${key}" setting in ${file} was not valid (${problem}), so Warren ${instead}. ${where}`);
    }
  }

  /** The key's value, checked; its default (or the readable part of a list) when the file holds something else. */
  get<K extends ReaderKey>(key: K): ReaderValue<K> {
    const checked = check(key, this.store.get(key));
    if (checked.ok) return checked.value;
    // Changed on disk since start-up (by hand, or by a newer Warren): use the fallback, say so once.
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.notices.push(`The "${key}" setting in ${this.store.path} is not valid (${checked.problem}), so Warren ${checked.instead} until it is fixed.`);
    }
    return checked.fallback;
  }
}

function migrate(file: SettingsSnapshot, from: number): SettingsSnapshot {
  let value = file;
  for (let version = from; version < SETTINGS_SCHEMA_VERSION; version += 1) value = migrations[version]!(value);
  return value;
}

function check<K extends ReaderKey>(key: K, raw: unknown): Checked<ReaderValue<K>> {
  const schema: z.ZodType = readerKeys[key];
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as ReaderValue<K> };
  const item = listItem(schema);
  if (item && Array.isArray(raw)) {
    // A list keeps the entries that can be read; only the others are set aside.
    const good: unknown[] = [];
    const bad: unknown[] = [];
    const issues: Issue[] = [];
    for (const [index, entry] of raw.entries()) {
      const one = item.safeParse(entry);
      if (one.success) {
        good.push(one.data);
      } else {
        bad.push(entry);
        issues.push(...one.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })));
      }
    }
    return { ok: false, fallback: good as ReaderValue<K>, keep: bad, problem: `${bad.length} of ${raw.length} entries: ${describe(key, raw, issues)}`, instead: 'keeps only the entries it can read' };
  }
  return { ok: false, fallback: schema.parse(undefined) as ReaderValue<K>, keep: raw, problem: describe(key, raw, parsed.error.issues), instead: 'uses its default' };
}

function listItem(schema: z.ZodType): z.ZodType | null {
  const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodArray ? (inner.element as z.ZodType) : null;
}

type Issue = { path: readonly PropertyKey[]; message: string };

/** `app.autoReconnect: Invalid input: expected boolean, received string (found "yes")`, for the first few issues. */
function describe(key: string, raw: unknown, issues: readonly Issue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const found = valueAt(raw, issue.path);
    return `${[key, ...issue.path.map(String)].join('.')}: ${issue.message}${found === undefined ? '' : ` (found ${short(found)})`}`;
  });
  return shown.join('; ') + (issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '');
}

function valueAt(value: unknown, at: readonly PropertyKey[]): unknown {
  let here = value;
  for (const step of at) here = here !== null && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[step] : undefined;
  return here;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Writes `{ key: old value }` to settings.invalid-<time>.json beside the file, never over an existing file. */
function setAside(file: string, values: Record<string, unknown>, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = path.join(path.dirname(file), `${path.basename(file, '.json')}.invalid-${stamp}.json`);
  writeFileSync(aside, `${JSON.stringify(values, null, '\t')}\n`, { flag: 'wx' });
  return aside;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
