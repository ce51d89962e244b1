// Which icon a listing row gets, decided from its name and kind alone, so the
// choice is the same on both sides and tested without the DOM.
import type { FileEntry } from '../../src-shared/contract';

export type FileIconKind = 'folder' | 'folder-up' | 'link' | 'link-broken' | 'file' | 'file-text' | 'file-code' | 'file-archive' | 'file-image' | 'file-audio' | 'file-video' | 'file-key';

const byExtension: Record<string, FileIconKind> = {};
const add = (kind: FileIconKind, exts: string) => exts.split(' ').forEach((e) => (byExtension[e] = kind));
add('file-text', 'txt md markdown rst log csv tsv rtf pdf doc docx odt tex');
add('file-code', 'js mjs cjs ts tsx jsx json yaml yml toml ini conf cfg xml html htm css scss py rb go rs c h cc cpp hpp java kt swift php pl lua sql sh bash zsh fish ps1 bat vim env lock mk cmake dockerfile');
add('file-archive', 'zip tar gz tgz bz2 tbz xz txz zst 7z rar lz lzma deb rpm apk jar war iso dmg');
add('file-image', 'png jpg jpeg gif webp bmp svg ico tif tiff heic avif');
add('file-audio', 'mp3 wav flac ogg oga m4a aac opus');
add('file-video', 'mp4 mkv webm mov avi m4v mpg mpeg');
add('file-key', 'pem key crt cer der p12 pfx pub gpg asc');

/** Whole names that say what a file is better than any extension would. */
const byName: Record<string, FileIconKind> = {
  makefile: 'file-code',
  dockerfile: 'file-code',
  readme: 'file-text',
  license: 'file-text',
  authorized_keys: 'file-key',
  known_hosts: 'file-key',
  id_rsa: 'file-key',
  id_ed25519: 'file-key',
  id_ecdsa: 'file-key',
};

export function fileIconKind(entry: Pick<FileEntry, 'name' | 'kind' | 'targetKind'>): FileIconKind {
  if (entry.name === '..') return 'folder-up';
  if (entry.kind === 'dir') return 'folder';
  if (entry.kind === 'symlink') return entry.targetKind === 'missing' ? 'link-broken' : entry.targetKind === 'dir' ? 'folder' : 'link';
  const lower = entry.name.toLowerCase();
  const named = byName[lower];
  if (named) return named;
  // Dotfiles (.bashrc, .gitignore) are configuration: code, not plain text.
  if (lower.startsWith('.') && !lower.slice(1).includes('.')) return 'file-code';
  const dot = lower.lastIndexOf('.');
  return (dot > 0 && byExtension[lower.slice(dot + 1)]) || 'file';
}
