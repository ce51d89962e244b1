import { useEffect } from 'react';
import { useStore } from '../store/store';
import { TerminalTabs } from '../terminal/TerminalTabs';
import { TerminalToolbar } from './TerminalToolbar';
import { Dialogs } from './Dialogs';
import { EditConflictDialog } from '../files/EditConflictDialog';
import { SidebarTabs } from './SidebarTabs';
import { PromptDialog } from '../prompts/PromptDialog';
import { startShortcuts } from './shortcuts';

export function App() {
  const notices = useStore((s) => s.notices);
  const dismissNotice = useStore((s) => s.dismissNotice);
  useEffect(() => startShortcuts(), []);
  return (
    <div className="app">
      {notices.length > 0 && (
        <div className="notices">
          {notices.map((notice, i) => (
            <p key={i} className="notice" role="alert">
              {notice} <button onClick={() => dismissNotice(i)} aria-label="Dismiss notice">✕</button>
            </p>
          ))}
        </div>
      )}
      <div className="workspace">
        <SidebarTabs />
        <main className="main">
          <TerminalTabs toolbar={<TerminalToolbar />} />
        </main>
      </div>
      <Dialogs />
      <EditConflictDialog />
      <PromptDialog />
    </div>
  );
}
