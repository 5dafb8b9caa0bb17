// Ideogram's docs show `2000-01-23 04:56:07+00:00` (a space, not ISO's `T`), and clients see ISO
// strings too. Date.parse is lenient in engine-specific ways, so the format is matched exactly.
const API_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses an API timestamp to epoch milliseconds; null when it is not one. A missing zone means UTC. */
export function parseApiTime(text: string): number | null {
  const match = API_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone = 'Z'] = match;
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second, ms);
  if (
    +month! < 1 ||
    +month! > 12 ||
    +day! < 1 ||
    +day! > 31 ||
    +hour! > 23 ||
    +minute! > 59 ||
    +second > 60
  ) {
    return null;
  }
  // Reject dates that roll over (2023-02-30 would otherwise become March 2nd).
  if (new Date(utc).getUTCDate() !== +day!) return null;
  return utc - zoneOffsetMinutes(zone) * 60_000;
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

/** Formats epoch milliseconds the way the API writes them (`2000-01-23 04:56:07+00:00`). */
export function formatApiTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}
