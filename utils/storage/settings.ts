import * as v from 'valibot';

// The user's choices on the options page: their shape, their safe ranges, and how a stored value
// (possibly from an older build, or damaged) becomes a usable one.

export interface Settings {
  /** Minutes between checks while a model of yours is being created or trained. */
  activeMinutes: number;
  /** Minutes between checks when nothing is training. */
  idleMinutes: number;
  /** Notify when a model finishes training or fails (needs the optional permission). */
  notify: boolean;
  /** The badge counts models being created (CREATING) as well as TRAINING ones. */
  countCreating: boolean;
}

/** The safe range of each interval: the API is not hammered, and news is not hours late. */
export const INTERVAL_BOUNDS = {
  activeMinutes: { min: 1, max: 10 },
  idleMinutes: { min: 5, max: 120 },
} as const;

export const DEFAULT_SETTINGS: Settings = {
  activeMinutes: 1,
  idleMinutes: 15,
  notify: false,
  countCreating: false,
};

const minutes = (key: keyof typeof INTERVAL_BOUNDS) =>
  v.pipe(
    v.number(),
    v.integer(),
    v.minValue(INTERVAL_BOUNDS[key].min),
    v.maxValue(INTERVAL_BOUNDS[key].max),
  );

/** Settings exactly as they should be stored. */
export const SettingsSchema = v.object({
  activeMinutes: minutes('activeMinutes'),
  idleMinutes: minutes('idleMinutes'),
  notify: v.boolean(),
  countCreating: v.boolean(),
});

/** Settings as stored, with anything missing or out of range replaced by a safe value. */
export function normalizeSettings(stored: unknown): Settings {
  const merged: Record<string, unknown> = {
    ...DEFAULT_SETTINGS,
    ...(typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {}),
  };
  const clampMinutes = (key: keyof typeof INTERVAL_BOUNDS) => {
    const { min, max } = INTERVAL_BOUNDS[key];
    const value = typeof merged[key] === 'string' ? Number(merged[key]) : merged[key];
    return typeof value === 'number' && Number.isFinite(value)
      ? Math.min(max, Math.max(min, Math.round(value)))
      : DEFAULT_SETTINGS[key];
  };
  return {
    activeMinutes: clampMinutes('activeMinutes'),
    idleMinutes: clampMinutes('idleMinutes'),
    notify: merged.notify === true,
    countCreating: merged.countCreating === true,
  };
}
