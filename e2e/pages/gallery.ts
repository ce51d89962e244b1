// Screenshots for the README's gallery. They land in docs/gallery/ only when
// WARREN_GALLERY=1 (a deliberate refresh); otherwise in the test's own output
// folder, so a CI run never changes tracked files.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, type Page } from '@playwright/test';

export const GALLERY_SIZE = { width: 1400, height: 900 } as const;
const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/gallery');

export class Gallery {
  constructor(private readonly page: Page) {}

  /** Whether this run refreshes the committed images. */
  get publishing(): boolean {
    return process.env.WARREN_GALLERY === '1';
  }

  async useGallerySize(): Promise<void> {
    await this.page.setViewportSize(GALLERY_SIZE);
  }

  /** Saves the whole window as `name`.png (in docs/gallery/ when publishing); answers where it went. */
  async shot(name: string): Promise<string> {
    return this.save(this.publishing ? path.join(DOCS, `${name}.png`) : test.info().outputPath(`${name}.png`));
  }

  /** A picture for looking at after the run, never published. */
  async snapshot(name: string): Promise<string> {
    return this.save(test.info().outputPath(`${name}.png`));
  }

  private async save(file: string): Promise<string> {
    mkdirSync(path.dirname(file), { recursive: true });
    // The caret blinks and the pointer's hover toolbar would show in a picture of the whole window.
    await this.page.mouse.move(GALLERY_SIZE.width - 2, GALLERY_SIZE.height - 2);
    await this.page.screenshot({ path: file, caret: 'hide', animations: 'disabled' });
    return file;
  }
}
