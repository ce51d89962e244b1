// `{{name}}` in a snippet's command: a value asked for each time it runs.
// A name is letters, digits, `_` and `-`, with spaces around it ignored; any
// other `{{…}}` (and a `{{` that is never closed) is plain text, so commands
// that use braces themselves (awk, Go templates with spaces) still run as written.

const TOKEN = /\{\{([^{}]*)\}\}/gu;
const NAME = /^[\p{L}\p{N}_-]+$/u;

function nameOf(inner: string): string | null {
  const name = inner.trim();
  return NAME.test(name) ? name : null;
}

/** The placeholders to ask for, each once, in the order they first appear. */
export function placeholderNames(command: string): string[] {
  const names: string[] = [];
  for (const match of command.matchAll(TOKEN)) {
    const name = nameOf(match[1]!);
    if (name !== null && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The command with each placeholder replaced by its value, taken as typed (a value is never searched for placeholders). One without a value stays as written. */
export function fill(command: string, values: Readonly<Record<string, string>>): string {
  return command.replace(TOKEN, (token, inner: string) => {
    const name = nameOf(inner);
    return name !== null && Object.prototype.hasOwnProperty.call(values, name) ? values[name]! : token;
  });
}
