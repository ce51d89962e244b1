// Turns the "Editor command" setting into an argument list for spawn without
// a shell: a file name with spaces or `$(…)` in it must stay one argument and
// never be run. Quoting follows the POSIX shell's rules for '…', "…" and \
// (enough for `code --wait {file}`, `"C:\Program Files\…\notepad++.exe"`, or
// `gedit`), nothing more: no variables, globs or pipes.
import { AppError } from '../errors/app-error';

export const FILE_TOKEN = '{file}';

/** Splits a command line into words as sh would, without expanding anything. */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      // Inside "…", a backslash escapes only what sh lets it escape; Windows paths keep theirs.
      else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new AppError('invalid-input', `The editor command has an unclosed ${quote} quote. Close it, or remove it, in Settings › Editor.`);
  if (inWord) words.push(word);
  return words;
}

/** The program and its arguments for opening `file`: {file} replaced, or the file appended when the command does not say where. */
export function editorArgv(line: string, file: string): { program: string; args: string[] } {
  const words = splitCommand(line);
  if (words.length === 0) throw new AppError('invalid-input', 'The editor command is empty.');
  const mentions = words.some((w) => w.includes(FILE_TOKEN));
  const filled = words.map((w) => w.split(FILE_TOKEN).join(file));
  if (!mentions) filled.push(file);
  const [program, ...args] = filled as [string, ...string[]];
  return { program, args };
}
