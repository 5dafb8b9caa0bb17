// Words for numbers and times, as the pages show them.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Built once, on first use: creating Intl formatters is slow, and pages format many values.
let numbers: Intl.NumberFormat | undefined;
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "1 model", "12 models", "1,204 models". */
export function plural(count: number, one: string, many = `${one}s`): string {
  const text =
    count < 1000 ? String(count) : (numbers ??= new Intl.NumberFormat('en')).format(count);
  return `${text} ${count === 1 ? one : many}`;
}

/** "just now", "4 min ago", "3 h ago", "2 days ago", then the date. */
export function timeAgo(at: number, now: number): string {
  const elapsed = Math.max(0, now - at);
  if (elapsed < 45_000) return 'just now';
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 2 * DAY) return 'yesterday';
  if (elapsed < 30 * DAY) return `${Math.floor(elapsed / DAY)} days ago`;
  return `on ${formatDate(at)}`;
}

/** "3 Mar 2026" (the same in every locale, so rows line up and tests are stable). */
export function formatDate(at: number): string {
  const d = new Date(at);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** "18 Nov" this year, "3 Mar 2025" another: a date as short as it can be without doubt. */
export function shortDate(at: number, now: number): string {
  const d = new Date(at);
  return d.getFullYear() === new Date(now).getFullYear()
    ? `${d.getDate()} ${MONTHS[d.getMonth()]}`
    : formatDate(at);
}

/** "18 Nov, 14:05" (or with the year when it is not this year's): a moment, to the minute. */
export function shortDateTime(at: number, now: number): string {
  const d = new Date(at);
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${shortDate(at, now)}, ${time}`;
}

/** How long something has lasted: "12 min", "2 h 5 min", "3 days 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 60) return `${Math.max(1, minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return `${plural(days, 'day')}${restHours === 0 ? '' : ` ${restHours} h`}`;
}

/** "980 B", "234 KB", "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * A status (or a run's phase) in words: "Training", "Preparing data"; one Ideogram added later
 * reads as itself ("WARMING_UP" → "Warming up").
 */
export function statusLabel(status: string): string {
  const words = status.replace(/_+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
