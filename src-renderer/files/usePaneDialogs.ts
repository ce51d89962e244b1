// The dialogs a pane opens: a name (new folder, rename), permissions, properties,
// and the delete confirmation (the app-wide one in the store).
import { useState } from 'react';
import type { FileEntry } from '../../src-shared/contract';
import { useStore } from '../store/store';
import { baseNameRange, deletePrompt, isDirLike, joinPath } from './file-pane-model';
import type { PaneApi } from './pane-api';

interface Naming {
  title: string;
  initial: string;
  /** The part of `initial` selected when the dialog opens. */
  select?: [number, number];
  done(name: string): void;
}

/** `path` is the folder shown; `run` changes this side and lists it again (useDirectory's run). */
export function usePaneDialogs(api: PaneApi, path: string, run: (action: () => Promise<unknown>) => Promise<void>) {
  const [naming, setNaming] = useState<Naming | null>(null);
  const [chmodOf, setChmodOf] = useState<FileEntry | null>(null);
  const [propertiesOf, setPropertiesOf] = useState<FileEntry | null>(null);

  const newFolder = () => setNaming({ title: 'New folder', initial: '', done: (name) => void run(() => api.mkdir(joinPath(path, name))) });
  const rename = (one: FileEntry | null) => {
    if (!one) return;
    setNaming({ title: `Rename ${one.name}`, initial: one.name, select: baseNameRange(one.name, isDirLike(one)), done: (name) => name !== one.name && void run(() => api.rename(one.path, joinPath(path, name))) });
  };
  const remove = (entries: FileEntry[]) => {
    if (entries.length === 0) return;
    useStore.getState().showDialog({
      kind: 'confirm',
      ...deletePrompt(entries, api.side),
      confirmLabel: 'Delete',
      onConfirm: () =>
        run(async () => {
          for (const e of entries) await api.remove(e.path);
        }),
    });
  };

  return {
    naming,
    submitName: (name: string) => {
      setNaming(null);
      naming?.done(name);
    },
    cancelName: () => setNaming(null),
    newFolder,
    rename,
    remove,
    chmodOf,
    showChmod: (one: FileEntry | null) => {
      if (one) setChmodOf(one);
    },
    applyChmod: (mode: number) => {
      const target = chmodOf;
      setChmodOf(null);
      if (target) void run(() => api.chmod(target.path, mode));
    },
    cancelChmod: () => setChmodOf(null),
    propertiesOf,
    showProperties: (one: FileEntry | null) => {
      if (one) setPropertiesOf(one);
    },
    closeProperties: () => setPropertiesOf(null),
  };
}
