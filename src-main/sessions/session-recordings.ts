// Which sessions are recording, and to where. SessionService tells it about
// each session (opened, output, connected, ended); the router's
// record-start/stop requests turn recordings on and off. Every change is
// announced with session:recording, so the tab shows the mark whether the
// user, the host's setting or a failing disk made it.
import type { LogFormat } from '../../src-shared/logging-settings';
import { AppError } from '../errors/app-error';
import type { Hub } from '../ipc/hub';
import { SessionRecorder } from './session-recorder';

export interface SessionRecordingsDeps {
  hub: Hub;
  /** The folder logs go to now (read on each start, so a changed setting applies to the next recording). */
  folder: () => string;
  now?: () => Date;
}

interface Watched {
  clientId: string;
  hostName: string;
  cols: number;
  recorder: SessionRecorder | null;
}

export class SessionRecordings {
  private readonly sessions = new Map<string, Watched>();
  /** Files of ended sessions still being written and closed. */
  private readonly closing = new Set<Promise<void>>();

  constructor(private readonly deps: SessionRecordingsDeps) {}

  /** A session opened; it can be recorded from now until ended(). */
  opened(sessionId: string, clientId: string, hostName: string, cols: number): void {
    this.sessions.set(sessionId, { clientId, hostName, cols, recorder: null });
  }

  resized(sessionId: string, cols: number): void {
    const watched = this.sessions.get(sessionId);
    if (!watched) return;
    watched.cols = cols;
    watched.recorder?.resize(cols);
  }

  output(sessionId: string, bytes: Uint8Array): void {
    this.sessions.get(sessionId)?.recorder?.write(bytes);
  }

  /** Starts a recording the user asked for: answers with the file, or throws why not. */
  async start(clientId: string, sessionId: string, format: LogFormat): Promise<{ path: string }> {
    const watched = this.sessions.get(sessionId);
    if (!watched || watched.clientId !== clientId) throw new AppError('session-gone', 'This terminal is no longer connected. Open the host again to record it.');
    if (watched.recorder) {
      const where = watched.recorder.path ? ` to ${watched.recorder.path}` : '';
      throw new AppError('busy', `This terminal is already recording${where}. Stop that recording first.`);
    }
    return { path: await this.begin(sessionId, watched, format) };
  }

  /** Starts recording by the host's setting; a failure is told through the event, since nobody waits for an answer. */
  autoStart(sessionId: string, format: LogFormat): void {
    const watched = this.sessions.get(sessionId);
    if (!watched || watched.recorder) return;
    this.begin(sessionId, watched, format).catch((error: unknown) => {
      this.emit(watched, sessionId, { recording: false, format, error: `Recording did not start: ${(error as Error).message}` });
    });
  }

  async stop(clientId: string, sessionId: string): Promise<void> {
    const watched = this.sessions.get(sessionId);
    if (!watched || watched.clientId !== clientId) return; // already ended: nothing records
    await this.finish(sessionId, watched);
  }

  /** The session is over: its recording (if any) is closed, and it is forgotten. */
  ended(sessionId: string): void {
    const watched = this.sessions.get(sessionId);
    if (!watched) return;
    this.sessions.delete(sessionId);
    const done = this.finish(sessionId, watched).finally(() => this.closing.delete(done));
    this.closing.add(done);
  }

  /** Closes every recording, including those of sessions that just ended (for shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all([...[...this.sessions.entries()].map(([id, watched]) => this.finish(id, watched)), ...this.closing]);
  }

  private async begin(sessionId: string, watched: Watched, format: LogFormat): Promise<string> {
    const recorder = new SessionRecorder({
      folder: this.deps.folder(),
      hostName: watched.hostName,
      format,
      cols: watched.cols,
      now: this.deps.now?.(),
      onFailed: (error) => {
        if (watched.recorder === recorder) watched.recorder = null;
        this.emit(watched, sessionId, { recording: false, path: recorder.path ?? undefined, format, error: error.message });
      },
    });
    // Set before the file opens, so no output between now and then is missed.
    watched.recorder = recorder;
    try {
      const file = await recorder.ready;
      if (watched.recorder === recorder) this.emit(watched, sessionId, { recording: true, path: file, format });
      return file;
    } catch (error) {
      if (watched.recorder === recorder) watched.recorder = null;
      throw error;
    }
  }

  private async finish(sessionId: string, watched: Watched): Promise<void> {
    const recorder = watched.recorder;
    if (!recorder) return;
    watched.recorder = null;
    await recorder.stop();
    if (recorder.path) this.emit(watched, sessionId, { recording: false, path: recorder.path, format: recorder.format });
  }

  private emit(watched: Watched, sessionId: string, event: { recording: boolean; path?: string; format?: LogFormat; error?: string }): void {
    this.deps.hub.emit(watched.clientId, 'session:recording', { sessionId, ...event });
  }
}
