// "Open files here": where a terminal's shell is, asked of the server when the
// shell did not say (OSC 7).
import { z } from 'zod';
import { id, request } from './common';

export const filesHereRequests = {
  /** The current folder of the terminal's shell (Linux servers; see src-main/files/shell-cwd). */
  'session:cwd': request<{ path: string }>()(z.object({ sessionId: id }).strict()),
};
