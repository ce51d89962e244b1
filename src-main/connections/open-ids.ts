// The ids callers gave the things they opened (terminals, Files tabs), in one
// set: the prompter and the connection logs key by them too, so a terminal
// and a Files tab must never share one. Renderer-chosen ids are checked here
// before anything connects.
import { AppError } from '../errors/app-error';

export class OpenIds {
  private readonly used = new Set<string>();

  /** Takes `id` for something new, or refuses it while it names something still open. */
  claim(id: string): void {
    if (this.used.has(id)) throw new AppError('exists', `The id ${id} is already in use by an open terminal or Files tab. Open it with a new id.`);
    this.used.add(id);
  }

  release(id: string): void {
    this.used.delete(id);
  }

  has(id: string): boolean {
    return this.used.has(id);
  }
}
