import { File, FileArchive, FileAudio, FileCode, FileImage, FileKey, FileText, FileVideo, Folder, FolderUp, Link, Link2Off, type LucideIcon } from 'lucide-react';
import type { FileEntry } from '../../src-shared/contract';
import { fileIconKind, type FileIconKind } from './file-icon';

const icons: Record<FileIconKind, LucideIcon> = {
  folder: Folder,
  'folder-up': FolderUp,
  link: Link,
  'link-broken': Link2Off,
  file: File,
  'file-text': FileText,
  'file-code': FileCode,
  'file-archive': FileArchive,
  'file-image': FileImage,
  'file-audio': FileAudio,
  'file-video': FileVideo,
  'file-key': FileKey,
};

export function FileIcon({ entry }: { entry: Pick<FileEntry, 'name' | 'kind' | 'targetKind'> }) {
  const kind = fileIconKind(entry);
  const Icon = icons[kind];
  return <Icon className={`file-icon file-icon-${kind}`} size={15} aria-hidden="true" data-icon={kind} />;
}
