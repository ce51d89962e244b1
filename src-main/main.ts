// The Electron shell: windows, security settings and wiring. Kept small,
// because it is the one part that cannot run on machines without Electron.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron';
import Store from 'electron-store';
import { createServices } from './app/services';
import { Hub } from './ipc/hub';
import { createRouter } from './ipc/router';
import { connectWindow, serveOverIpc, serveStartDrag } from './ipc/electron-transport';
import { quarantineCorruptFile, SETTINGS_NAME, type SettingsStore } from './settings/settings-store';
import { noSecretBox, type SecretBox } from './secrets/secret-box';
import { savingStore } from './storage/store';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererIndex = path.join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

function openSettings(): { store: SettingsStore; notices: string[] } {
  const dir = app.getPath('userData');
  const notice = quarantineCorruptFile(path.join(dir, `${SETTINGS_NAME}.json`));
  const store = new Store<Record<string, unknown>>({ name: SETTINGS_NAME, cwd: dir });
  return {
    store: savingStore({ get: (key) => store.get(key), set: (key, value) => store.set(key, value), delete: (key) => store.delete(key), path: store.path }),
    notices: notice ? [notice] : [],
  };
}

async function safeStorageBox(): Promise<SecretBox> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return noSecretBox('no OS keychain is available, so passwords are not saved');
  // basic_text "encrypts" with a key anyone can read: that is not storing a secret.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return noSecretBox('no keyring (GNOME Keyring or KWallet) was found, so passwords and passphrases are not saved');
  }
  return {
    available: true,
    encrypt: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    decrypt: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}

function createWindow(hub: Hub): void {
  const win = new BrowserWindow({
    width: 1200,
    height: 780,
    title: 'Warren',
    icon: path.join(here, '../../assets/icon.png'),
    webPreferences: {
      preload: path.join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  connectWindow(hub, win.webContents);
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links printed in a terminal open in the user's browser, never in Warren.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadFile(rendererIndex);
}

// Tests and portable setups point Warren at a data folder of their own.
if (process.env.WARREN_USER_DATA) app.setPath('userData', process.env.WARREN_USER_DATA);
app.enableSandbox();
app.whenReady().then(async () => {
  // Only the terminal's copy and paste is allowed, and only to our own page.
  const allowed = new Set(['clipboard-read', 'clipboard-sanitized-write']);
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback) =>
    callback(allowed.has(permission) && contents.getURL() === rendererUrl),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin) => allowed.has(permission) && origin === 'file:///');
  const hub = new Hub();
  const { store, notices } = openSettings();
  const services = createServices({ store, secrets: await safeStorageBox(), hub, version: app.getVersion(), notices });
  const router = createRouter(services.handlers, (line) => console.error(line));
  serveOverIpc(router, (url) => url === rendererUrl);
  serveStartDrag((url) => url === rendererUrl, (file) => services.files.dragOut.owns(file), path.join(here, '../../assets/icon.png'));
  createWindow(hub);
  // Hold the quit until every connection is closed and no tunnel port is left listening.
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed) return;
    event.preventDefault();
    void services.dispose().finally(() => {
      disposed = true;
      app.quit();
    });
  });
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow(hub));
}, (error: unknown) => {
  dialog.showErrorBox('Warren could not start', String(error));
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
