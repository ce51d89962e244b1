// Building blocks every domain's schemas use.
import { z } from 'zod';

export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be a plain id');
export const folderRef = id.nullable();
export const port = z.number().int().min(1).max(65535);
/** A port to listen on: 0 lets the system (or the server) choose. */
export const anyPort = z.number().int().min(0).max(65535);
export const cols = z.number().int().min(2).max(1000);
export const rows = z.number().int().min(1).max(500);
// Paths travel as text; each side checks them (absolute, no NUL) before use.
export const filePath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path must not contain NUL');
export const fileMode = z.number().int().min(0).max(0o7777);
export const empty = z.object({}).strict();

/** Phantom carrier for a request's result type; the input is a runtime schema. */
export const request =
  <Output>() =>
  <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
