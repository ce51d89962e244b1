// The `snippets` key of the settings file: the saved snippets, in the order
// they were created. The settings file's schema (settings/settings-schema)
// composes this, so this folder reaches the file through storage/, never
// through settings/.
import { z } from 'zod';
import { id } from '../../src-shared/contract/common';
import { snippetFields, type Snippet } from '../../src-shared/contract';

export const SNIPPETS_KEY = 'snippets';

export const storedSnippet = snippetFields.extend({ id }) satisfies z.ZodType<Snippet>;

/** A file from before snippets (no key) reads as none. */
export const storedSnippets = z.array(storedSnippet).default([]);
