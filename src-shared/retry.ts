// How long to wait before each automatic reconnect, for terminals, file tabs
// and tunnels alike: quick at first, then no more than every 30 s, then stop
// and leave it to the user.
export const RECONNECT_BACKOFF_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/** The wait before attempt `attempt` (0-based), or null once the schedule is spent. */
export function reconnectDelay(attempt: number, schedule: readonly number[] = RECONNECT_BACKOFF_MS): number | null {
  return attempt >= 0 && attempt < schedule.length ? schedule[attempt]! : null;
}
