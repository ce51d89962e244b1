/** What a dialog is doing right now (spinner and text), announced politely. */
export function Working({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p role="status">
      <span className="spinner" aria-hidden="true" /> {text}
    </p>
  );
}

/** What went wrong, announced at once. */
export function ErrorLine({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {error}
    </p>
  );
}

/** A settings form's one line of outcome: the error while there is one, else what was saved. */
export function SaveOutcome({ error, status }: { error: string | null; status: string }) {
  if (error) return <ErrorLine error={error} />;
  return (
    <p className="muted" role="status">
      {status}
    </p>
  );
}
