// The `editor` key of the settings file: which command opens a file for
// Edit locally (empty: the OS default app). The settings file's schema
// composes this, so this folder reaches the file through storage/ only.
import { z } from 'zod';
import type { EditorSettings } from '../../src-shared/contract';

export const EDITOR_KEY = 'editor';

export const storedEditorSettings = z.object({ command: z.string().default('') }).default({ command: '' }) satisfies z.ZodType<EditorSettings>;
