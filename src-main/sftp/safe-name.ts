// Whether a name from a server's listing may become one component of a local
// path. A hostile or broken server can list any bytes as a name; the download
// must skip such an entry (and say why), never write outside the chosen folder.

/** Windows device names: `CON`, `nul.txt`, `COM1.log` open a device, not a file, in any folder. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Characters Windows refuses in a name (':' would also open an alternate data stream). */
const WINDOWS_FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;

/**
 * Null when `name` is one plain name on `platform`; otherwise why it is not,
 * as words that follow "its name" (e.g. 'is ".." (the parent folder)').
 */
export function safeEntryName(name: string, platform: NodeJS.Platform): string | null {
  if (name === '') return 'is empty';
  if (name === '.') return 'is "." (the folder itself)';
  if (name === '..') return 'is ".." (the parent folder)';
  if (name.includes('\0')) return 'contains a NUL character';
  if (name.includes('/')) return 'contains "/", a folder separator';
  if (platform !== 'win32') return null;
  if (name.includes('\\')) return 'contains "\\", a folder separator on Windows';
  if (WINDOWS_FORBIDDEN.test(name)) return 'contains a character Windows does not allow in names (< > : " | ? * or a control character)';
  // Windows drops trailing dots and spaces, so "a." would land on "a".
  if (/[. ]$/.test(name)) return 'ends with a dot or a space, which Windows drops (it would land on another name)';
  const stem = name.split('.')[0]!.trimEnd();
  if (WINDOWS_DEVICE.test(stem)) return `is reserved by Windows (${stem.toUpperCase()} is a device name)`;
  return null;
}
