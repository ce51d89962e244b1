// The search box of a filtered list (the command palette, the snippet
// picker): a combobox that keeps the focus while arrows move the list's
// active option, so a screen reader announces the option and typing still
// filters.
import type { KeyboardEvent, Ref } from 'react';

export function FilterCombobox(props: {
  label: string;
  placeholder: string;
  listId: string;
  /** The id of the list's active option, if any. */
  activeId: string | undefined;
  expanded: boolean;
  value: string;
  /** Typing starts again from the first option. */
  onQuery(query: string): void;
  onKeyDown(e: KeyboardEvent<HTMLInputElement>): void;
  inputRef?: Ref<HTMLInputElement>;
  type?: 'search' | 'text';
}) {
  return (
    <input
      ref={props.inputRef}
      type={props.type ?? 'text'}
      role="combobox"
      aria-label={props.label}
      aria-expanded={props.expanded}
      aria-controls={props.listId}
      aria-autocomplete="list"
      aria-activedescendant={props.activeId}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(e) => props.onQuery(e.target.value)}
      onKeyDown={props.onKeyDown}
      autoFocus
      spellCheck={false}
      autoComplete="off"
    />
  );
}
