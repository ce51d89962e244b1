// The toolbar's Snippets button: opens the picker for the focused terminal.
import { SquareCode } from 'lucide-react';
import { openSnippetPicker } from './snippet-actions';

export function SnippetsButton() {
  return (
    <button className="toolbar-button" title="Run a saved command (Ctrl+Shift+S)" onClick={openSnippetPicker}>
      <SquareCode size={16} aria-hidden />
      Snippets
    </button>
  );
}
