import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { value, warren } from './api/warren';
import { useStore } from './store/store';
import { watchOsColorScheme } from './store/settings-slice';
import { startOutputRouting } from './terminal/output-router';
import { startSessionStateRouting } from './terminal/tab-actions';
import { startPromptRouting } from './prompts/prompt-actions';
import { startFilesRouting } from './files/files-actions';
import { startTunnelRouting } from './tunnels/tunnel-actions';
import { startHostRouting } from './hosts/host-routing';
import { startAutoReconnect } from './terminal/auto-reconnect';
import { startRecordingRouting } from './terminal/recording-actions';
import { startAppThemeSync } from './theme/theme-sync';
import { startLinkRouting } from './app/link-request';
import { quickConnect } from './palette/palette-actions';
import './app/app.css';

async function boot() {
  startOutputRouting();
  startSessionStateRouting();
  startPromptRouting();
  startFilesRouting();
  startTunnelRouting();
  startHostRouting();
  startRecordingRouting();
  startAutoReconnect();
  watchOsColorScheme((osDark) => useStore.setState({ osDark }));
  startAppThemeSync();
  // ssh:// links: asked about first, then opened as an unsaved terminal (quick connect).
  startLinkRouting((address) => void quickConnect(address));
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  try {
    const info = await value(warren().app.info({}));
    await useStore.getState().loadSettings();
    useStore.setState({ canStoreSecrets: info.canStoreSecrets });
    useStore.getState().addNotices(info.notices);
    await useStore.getState().reloadTree();
  } catch (error) {
    useStore.getState().addNotices([`Warren could not load its settings: ${(error as Error).message}`]);
  }
}

void boot();
