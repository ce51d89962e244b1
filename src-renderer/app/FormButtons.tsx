/** The Cancel / submit pair at the foot of a form dialog. */
export function FormButtons({ onCancel, submit = 'OK', disabled = false }: { onCancel(): void; submit?: string; disabled?: boolean }) {
  return (
    <div className="dialog-buttons">
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="primary" disabled={disabled}>
        {submit}
      </button>
    </div>
  );
}
