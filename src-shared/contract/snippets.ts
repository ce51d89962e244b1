// Saved commands ("snippets"): for every host, or for one, typed into the
// focused terminal (and the broadcast set) when run.
import { z } from 'zod';
import { empty, id, request } from './common';

/** A command is typed, not run by Warren: it may span lines, but 64 KiB is already far beyond a paste anyone reads first. */
export const SNIPPET_COMMAND_MAX_BYTES = 64 * 1024;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

export const snippetName = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(200)
  .regex(/^[^\p{Cc}\p{Cs}]+$/u, 'name must be printable text, on one line');

export const snippetCommand = z
  .string()
  .refine((text) => text.trim().length > 0, 'command is required')
  .refine((text) => utf8Length(text) <= SNIPPET_COMMAND_MAX_BYTES, `command must be at most ${SNIPPET_COMMAND_MAX_BYTES / 1024} KiB`)
  .refine((text) => !text.includes('\0'), 'command must not contain NUL');

/** The fields of a snippet, without its id: what the form sends and what is stored. */
export const snippetFields = z.object({
  name: snippetName,
  command: snippetCommand,
  /** null: offered for every host. */
  hostId: id.nullable(),
  /** Send Enter after the command, so it runs at once. */
  pressEnter: z.boolean(),
});

export interface Snippet {
  id: string;
  name: string;
  command: string;
  hostId: string | null;
  pressEnter: boolean;
}

export const snippetRequests = {
  'snippets:list': request<Snippet[]>()(empty),
  /** Creates a snippet (no id) or replaces the one with this id; answers the snippet as saved. */
  'snippets:save': request<Snippet>()(snippetFields.extend({ id: id.optional() }).strict()),
  'snippets:remove': request<null>()(z.object({ id }).strict()),
};
