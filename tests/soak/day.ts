// Long: one simulated day is one story (its world, its events and its checks); split, it reads worse.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { stateAt } from '../../utils/sample/timeline';
import { settingsItem } from '../../utils/storage/choices';
import { accountsItem, apiKeysItem, snapshotsItem } from '../../utils/storage/items';
import { ITEMS } from '../../utils/storage/repair';
import { getRaw } from '../../utils/storage/store';
import { renderBadge } from '../../utils/surfaces/badge';
import { settle, startTestBackground, type TestBackground } from '../background-harness';
import {
  allFaults,
  type FakeAccount,
  fakeDataset,
  fakeId,
  type FakeModel,
  type Fault,
} from '../fake-api';

// A simulated day (or month) of the real background on the fake browser, as the issue "Trust
// under attack and accident" asks: three accounts (one rotating its key halfway), 30 models a day
// moving through every status and phase at random times, a fault drawn for many calls (every
// fault the matrix knows: statuses, hangs, drops, unreadable bodies, Retry-After of every form),
// the worker stopped at random points (mid-check, mid-write), browser restarts, a clock jump
// backwards, going offline, and the popup and options page sending commands meanwhile. After
// every step it checks what a person relies on; a broken promise is a violation, with the step,
// the time and the seed that replays it.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SoakSummary {
  seed: number;
  days: number;
  /** Refresh alarms fired (each a check of one account). */
  checks: number;
  /** Calls answered with a fault. */
  faults: number;
  /** Workers stopped, mid-check or mid-write included. */
  stops: number;
  /** Writes, calls and badge updates those stopped workers never made. */
  cutEffects: number;
  restarts: number;
  clockJumps: number;
  commands: number;
  /** Models that finished or failed, as the extension saw them train. */
  finishes: number;
  notifications: number;
  /** Every promise broken, in order (empty: the day was survived). */
  violations: string[];
}

/** A small, fast PRNG (mulberry32): the same seed replays the same day. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    between: (min: number, max: number) => min + next() * (max - min),
    int: (min: number, max: number) => Math.floor(min + next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Random = ReturnType<typeof random>;

const ACCOUNT_KEYS = [
  'soak-key-alpha-0123456789abcdef',
  'soak-key-bravo-0123456789abcdef',
  'soak-key-charlie-0123456789abcd',
];
const ROTATED_KEY = 'soak-key-bravo-rotated-987654321';
const ACTIVE = new Set(['CREATING', 'TRAINING']);

/** A model's life, scripted at random: created, trained, then finished, failed or odd. */
function scriptModel(rng: Random, from: number, until: number, n: number): FakeModel {
  const createdAt = rng.between(from, until);
  const trainingAt = createdAt + rng.between(1, 12) * MINUTE;
  const endAt = trainingAt + rng.between(40, 6 * 60) * MINUTE;
  const ending = rng.next();
  const owned = !rng.chance(0.1);
  const name = `Soak model ${n}${rng.chance(0.1) ? ' <b>&amp;"</b>' : ''}`;
  const end =
    ending < 0.7
      ? { at: endAt, status: 'COMPLETED', uri: `model/soak-${n}/version/1` }
      : ending < 0.85
        ? { at: endAt, status: 'ERRORED' }
        : ending < 0.95
          ? // Its run fails and the lists still say TRAINING (for a while, or for good).
            rng.chance(0.5)
            ? { at: endAt + rng.between(5, 60) * MINUTE, status: 'ERRORED' }
            : null
          : // A status Ideogram may add one day: shown as it is, announced never.
            { at: endAt, status: 'ARCHIVING' };
  const model: FakeModel = {
    model_id: fakeId('soak'),
    name,
    is_owned: owned,
    dataset_id: null,
    timeline: [
      { at: createdAt, status: 'CREATING', uri: null },
      { at: trainingAt, status: 'TRAINING' },
      ...(end ? [end] : []),
    ],
  };
  if (ending >= 0.85 && ending < 0.95) {
    model.runs = [
      {
        id: `${model.model_id}-run`,
        phases: [
          { at: trainingAt, phase: 'PREPARING_DATA' },
          { at: trainingAt + 2 * MINUTE, phase: 'TRAINING' },
          { at: endAt, phase: 'FAILED' },
        ],
      },
    ];
  }
  return model;
}

/** When a model's run failed while its status said it was being made, if it did. */
const runFailedAt = (model: FakeModel) =>
  model.is_owned ? model.runs?.[0]?.phases.find((p) => p.phase === 'FAILED')?.at : undefined;

/**
 * A model's status at `at` as a person should see it: the lists' status, except that a run that
 * failed makes a model still "training" a failed one (the run is the more specific source).
 */
function truthAt(model: FakeModel, at: number): string {
  const status = stateAt(model.timeline, at).status;
  const failed = runFailedAt(model);
  return failed !== undefined && failed <= at && ACTIVE.has(status) ? 'ERRORED' : status;
}

/** The statuses a model had at some moment from `from` to `to`. */
function statusesBetween(model: FakeModel, from: number, to: number): Set<string> {
  const seen = new Set([truthAt(model, from)]);
  const moments = [...model.timeline.map((s) => s.at), runFailedAt(model) ?? -Infinity];
  for (const at of moments) if (at > from && at <= to) seen.add(truthAt(model, at));
  return seen;
}

/** Faults drawn for calls: every one the matrix knows but a rejected key (the rotation is one). */
const faultsAt = (now: number): Fault[] =>
  allFaults(now)
    .map((f) => f.fault)
    .filter((f) => !(f.type === 'status' && f.status === 401));

export async function soakDays({
  seed,
  days,
}: {
  seed: number;
  days: number;
}): Promise<SoakSummary> {
  const rng = random(seed);
  const summary: SoakSummary = {
    seed,
    days,
    checks: 0,
    faults: 0,
    stops: 0,
    cutEffects: 0,
    restarts: 0,
    clockJumps: 0,
    commands: 0,
    finishes: 0,
    notifications: 0,
    violations: [],
  };
  const accounts: FakeAccount[] = ACCOUNT_KEYS.map((apiKey, i) => ({
    apiKey,
    models: [],
    datasets: [fakeDataset(`Soak dataset ${i + 1}`, 10)],
  }));
  const env = await startTestBackground({
    account: accounts[0]!,
    otherAccounts: accounts.slice(1),
  });
  const start = env.serverNow();
  const end = start + days * DAY;
  let step = 0;
  const violation = (what: string) => {
    const at = Math.round((env.serverNow() - start) / MINUTE);
    summary.violations.push(`step ${step}, minute ${at}: ${what}`);
  };
  const rejected: unknown[] = [];
  const onRejection = (reason: unknown) => void rejected.push(reason);
  process.on('unhandledRejection', onRejection);
  // The extension's own randomness (back-off jitter, alarm spread) follows the seed too.
  const realRandom = Math.random;
  Math.random = random(seed ^ 0x5eed).next;

  try {
    await env.enableNotifications();
    await env.ask('saveSettings', { activeMinutes: 3, idleMinutes: 15 });
    for (const [i, key] of ACCOUNT_KEYS.entries()) {
      await env.ask('saveKey', { key, check: true, label: `Soak ${i + 1}` });
    }
    await settle();
    const ids = (await env.accounts()).map((a) => a.id);
    const keys: Record<string, string> = Object.fromEntries(
      ids.map((id, i) => [id, ACCOUNT_KEYS[i]!]),
    );
    const labels = new Map((await env.accounts()).map((a) => [a.id, a.label]));

    // The world: 30 models a day across the accounts, added when they are created.
    const script = Array.from({ length: 30 * days }, (_, n) => {
      const day = Math.floor(n / 30);
      const account = rng.int(0, 2);
      return { account, model: scriptModel(rng, start + day * DAY, start + (day + 1) * DAY, n) };
    }).sort((a, b) => a.model.timeline[0]!.at - b.model.timeline[0]!.at);
    const truth = new Map<string, FakeModel>();
    let added = 0;
    const addDue = (now: number) => {
      while (added < script.length && script[added]!.model.timeline[0]!.at <= now) {
        const { account, model } = script[added]!;
        accounts[account]!.models.push(model);
        truth.set(model.model_id, model);
        added += 1;
      }
    };

    // What the extension saw and said.
    const seenActive = new Set<string>();
    /** Per model: its finish shown, and whether the person has dismissed it since. */
    const shown = new Map<string, 'on screen' | 'dismissed'>();
    let logged = 0;
    /** Per account: server times of its completed listings (the last two matter). */
    const listings = new Map<string, { listedAt: number | null; times: number[] }>();

    // Events of the day, drawn ahead so that the seed alone decides them.
    const rotation = {
      revokeAt: start + 12 * HOUR,
      saveAt: start + 12 * HOUR + rng.between(3, 40) * MINUTE,
    };
    const jumps = Array.from(
      { length: days },
      (_, d) => start + d * DAY + rng.between(2, 22) * HOUR,
    );
    let nextCommand = start + rng.between(5, 40) * MINUTE;
    let nextStop = start + rng.between(20, 120) * MINUTE;
    let nextRestart = start + rng.between(2, 8) * HOUR;
    let offlineUntil: number | null = null;
    let nextOffline = start + rng.between(1, 10) * HOUR;

    const fakeOf = (accountId: string) => env.fakes[ids.indexOf(accountId)]!;
    /** How far the browser's clock is from the API's (it jumps back once a day). */
    let skew = 0;

    async function check() {
      const now = env.serverNow();
      const raw = await getRaw(ITEMS.map(([item]) => item.key));
      for (const [item, what] of ITEMS) {
        const problem = item.parse(raw[item.key]).problem;
        if (problem !== null) violation(`${what} unreadable: ${problem}`);
      }
      const storedKeys = apiKeysItem.parse(raw.apiKeys).value;
      if (JSON.stringify(storedKeys) !== JSON.stringify(keys)) {
        violation(`keys changed: ${Object.keys(storedKeys).length} stored, ${ids.length} saved`);
      }
      const storedAccounts = accountsItem.parse(raw.accounts).value;
      if (
        storedAccounts.map((a) => `${a.id}:${a.label}`).join() !==
        ids.map((id) => `${id}:${labels.get(id)}`).join()
      ) {
        violation('accounts changed');
      }
      const snapshots = snapshotsItem.parse(raw.snapshots).value;
      const settings = settingsItem.parse(raw.settings).value;
      const badge = await env.badge();
      const expected = renderBadge({
        accounts: storedAccounts,
        snapshots,
        settings,
        now: env.now(),
      });
      if (badge.text !== expected.text) {
        violation(`badge says "${badge.text}", its stored lists say "${expected.text}"`);
      }
      for (const id of ids) {
        const snapshot = snapshots[id];
        const listing = listings.get(id) ?? { listedAt: null, times: [] };
        if (snapshot && snapshot.listedAt !== listing.listedAt) {
          listing.listedAt = snapshot.listedAt;
          listing.times.push(now);
        }
        listings.set(id, listing);
        // The lists are at most one completed listing behind: every model shows a status it had
        // since the listing before the last one.
        const since = listing.times.at(-2) ?? start;
        for (const model of snapshot?.models ?? []) {
          const real = truth.get(model.id);
          if (!real) continue;
          if (model.owned && ACTIVE.has(model.status)) seenActive.add(model.id);
          // A failed run shows only in a model's detail, read on its own pace (every five
          // minutes while it trains, when the account can be read): until a detail read since
          // the failure, the lists' TRAINING is what the extension can know. (The quiet evening
          // checks that each one did turn failed.)
          const failed = runFailedAt(real);
          const detailBehind =
            failed !== undefined &&
            ACTIVE.has(model.status) &&
            // Not read since it failed; or read outside a check (a key saved, a page opened),
            // which leaves the status to the next check, the one that announces it.
            (model.runsAt === undefined ||
              model.runsAt - skew < failed ||
              model.runs?.at(-1)?.phase === 'FAILED');
          const allowed = detailBehind
            ? new Set([...statusesBetween(real, since, now), stateAt(real.timeline, now).status])
            : statusesBetween(real, since, now);
          if (!allowed.has(model.status)) {
            violation(
              `${model.name} shows ${model.status}, not a status it had since its last listings`,
            );
          }
        }
      }
      // Each finish once: shown again only where it still is on screen (a worker stopped
      // between showing it and noting it), never after the person dismissed it.
      for (const entry of env.notificationLog.slice(logged)) {
        const modelId = entry.id.replace(/^model:/, '');
        const real = truth.get(modelId);
        const kind = /finished training/.test(entry.title)
          ? 'COMPLETED'
          : /failed to train/.test(entry.title)
            ? 'ERRORED'
            : null;
        if (kind === null) continue; // "taking longer than usual"
        summary.notifications += 1;
        if (!real || truthAt(real, now) !== kind) {
          violation(`"${entry.title}" announced, but the model is not ${kind}`);
        }
        if (shown.get(modelId) === 'dismissed') violation(`"${entry.title}" announced again`);
        shown.set(modelId, 'on screen');
      }
      logged = env.notificationLog.length;
      // The person reads and dismisses some notifications.
      for (const [modelId, state] of shown) {
        if (state === 'on screen' && rng.chance(0.5)) {
          shown.set(modelId, 'dismissed');
          await env.clearNotification(`model:${modelId}`);
        }
      }
      if (rejected.length > 0) {
        violation(`unhandled rejection: ${String(rejected[0])}`);
        rejected.length = 0;
      }
    }

    /** Fires the alarms that are due, each account's check with a fault drawn for it, maybe. */
    async function fireDue(faulty: boolean) {
      const due = (await fakeBrowser.alarms.getAll())
        .filter((a) => a.scheduledTime <= env.now() && a.name.startsWith('refresh:'))
        .sort((a, b) => a.scheduledTime - b.scheduledTime);
      for (const alarm of due) {
        const accountId = alarm.name.slice('refresh:'.length);
        if (faulty && rng.chance(0.2)) {
          const fault = rng.pick(faultsAt(env.serverNow()));
          // A hang costs the harness its timeout in real time: rarer than the rest.
          if (fault.type !== 'hang' || rng.chance(0.3)) {
            const times = rng.int(1, 3);
            fakeOf(accountId).failNext(fault, times);
            summary.faults += times;
          }
        }
        summary.checks += 1;
        // Fired alarms are gone, as in the browser; the check sets the next one.
        await fakeBrowser.alarms.clear(alarm.name);
        await env.inWorker(() =>
          fakeBrowser.alarms.onAlarm.trigger({ ...alarm, scheduledTime: env.now() }),
        );
      }
      await settle();
      for (const fake of env.fakes) fake.clearFault();
    }

    /** Something the popup or the options page asks, as a person would, maybe mid-check. */
    async function command() {
      summary.commands += 1;
      const due = (await fakeBrowser.alarms.getAll()).find((a) => a.name.startsWith('refresh:'));
      if (due && rng.chance(0.5)) {
        summary.checks += 1;
        void env.inWorker(() =>
          fakeBrowser.alarms.onAlarm.trigger({ ...due, scheduledTime: env.now() }),
        );
      }
      const id = rng.pick(ids);
      const models = [...truth.values()].filter((m) =>
        accounts[ids.indexOf(id)]!.models.includes(m),
      );
      const which = rng.int(0, 6);
      const ask = (run: () => Promise<unknown>) => run().catch(() => undefined);
      if (which === 0)
        await ask(() => env.ask('refresh', { opening: { datasets: rng.chance(0.5) } }));
      if (which === 1) await ask(() => env.ask('refresh', { force: true }));
      if (which === 2) {
        await ask(() =>
          env.ask('saveSettings', {
            activeMinutes: rng.int(1, 10),
            countCreating: rng.chance(0.5),
          }),
        );
      }
      if (which === 3 && models.length > 0) {
        await ask(() => env.ask('getModel', { accountId: id, id: rng.pick(models).model_id }));
      }
      if (which === 4 && models.length > 0) {
        await ask(() =>
          env.ask('setPin', { modelId: rng.pick(models).model_id, pinned: rng.chance(0.7) }),
        );
      }
      if (which === 5) {
        const label = `Soak ${ids.indexOf(id) + 1}${rng.chance(0.5) ? ' (renamed)' : ''}`;
        const renamed = await env.ask('renameAccount', { id, label }).catch(() => null);
        if (renamed) labels.set(id, label);
      }
      if (which === 6) await env.typeInAddressBar(rng.pick(['soak', 'model 1', 'b&', '']));
      await settle();
    }

    /** The worker stops at a random point of a check (or between two), then wakes again. */
    async function stop(browserRestart: boolean) {
      const due = (await fakeBrowser.alarms.getAll())
        .filter((a) => a.name.startsWith('refresh:'))
        .sort((a, b) => a.scheduledTime - b.scheduledTime)[0];
      if (due && rng.chance(0.7)) {
        // The next check comes (its alarm fires when it is due, not before)...
        env.advance(Math.max(0, due.scheduledTime - env.now()));
        addDue(env.serverNow());
        summary.checks += 1;
        await fakeBrowser.alarms.clear(due.name);
        // ...and, mid-check: the check runs a random number of turns, then the worker is gone.
        void env.inWorker(() =>
          fakeBrowser.alarms.onAlarm.trigger({ ...due, scheduledTime: env.now() }),
        );
        // A check runs on promises: its point of death is counted in microtask turns.
        const turns = rng.int(0, 80);
        for (let i = 0; i < turns; i++) await Promise.resolve();
      }
      if (browserRestart) {
        summary.restarts += 1;
        await env.restartBrowser();
      } else {
        summary.stops += 1;
        await env.stopWorker();
      }
    }

    while (env.serverNow() < end) {
      step += 1;
      const now = env.serverNow();
      addDue(now);
      const alarms = (await fakeBrowser.alarms.getAll()).map(
        (a) => a.scheduledTime - (env.now() - now),
      );
      const nextAlarm = alarms.length > 0 ? Math.min(...alarms) : now + 5 * MINUTE;
      const nextModel = script[added]?.model.timeline[0]!.at ?? Infinity;
      const next = Math.min(
        Math.max(nextAlarm, now + 1000),
        nextModel,
        nextCommand,
        nextStop,
        nextRestart,
        rotation.revokeAt,
        rotation.saveAt,
        jumps[0] ?? Infinity,
        offlineUntil ?? nextOffline,
        end,
      );
      env.advance(Math.max(0, next - now));
      const at = env.serverNow();
      addDue(at);
      if (at >= rotation.revokeAt && rotation.revokeAt !== Infinity) {
        // Account 2's key is replaced on Ideogram: the old one stops working.
        accounts[1]!.apiKey = ROTATED_KEY;
        rotation.revokeAt = Infinity;
      } else if (
        at >= rotation.saveAt &&
        rotation.revokeAt === Infinity &&
        rotation.saveAt !== Infinity
      ) {
        // The person pastes the new key over the old one, on the options page.
        const saved = await env
          .ask('saveKey', { key: ROTATED_KEY, check: true, accountId: ids[1] })
          // Refused as a whole (offline, say): the options page says so, the key stays typed.
          .catch((error: Error) => ({ saved: false as const, error: { message: error.message } }));
        if (saved.saved) {
          keys[ids[1]!] = ROTATED_KEY;
          rotation.saveAt = Infinity;
        } else if ('problem' in saved) {
          violation(`the rotated key was refused: ${saved.problem}`);
          rotation.saveAt = Infinity;
        } else {
          // Not checked (offline, a fault): the options page says so, and the person tries again.
          rotation.saveAt = at + rng.between(2, 15) * MINUTE;
        }
      } else if (jumps.length > 0 && at >= jumps[0]!) {
        // The computer's clock goes back (a time-zone fix, a dead battery): the API's goes on.
        jumps.shift();
        summary.clockJumps += 1;
        const back = rng.between(10, 120) * MINUTE;
        env.jumpClock(-back);
        skew -= back;
        // The browser's alarms wait in real time, whatever the wall clock says.
        for (const a of await fakeBrowser.alarms.getAll()) {
          await fakeBrowser.alarms.create(a.name, { when: a.scheduledTime - back });
        }
      } else if (at >= nextStop) {
        nextStop = at + rng.between(20, 150) * MINUTE;
        await stop(false);
      } else if (at >= nextRestart) {
        nextRestart = at + rng.between(3, 10) * HOUR;
        await stop(true);
      } else if (at >= nextCommand) {
        nextCommand = at + rng.between(3, 45) * MINUTE;
        await command();
      } else if (offlineUntil !== null && at >= offlineUntil) {
        offlineUntil = null;
        nextOffline = at + rng.between(2, 10) * HOUR;
        await env.setOnline(true, { announce: rng.chance(0.5) });
      } else if (offlineUntil === null && at >= nextOffline) {
        offlineUntil = at + rng.between(2, 30) * MINUTE;
        await env.setOnline(false);
      }
      await fireDue(true);
      await check();
    }

    // Then a quiet evening: no fault, online, no stop, until every check has caught up.
    await env.setOnline(true);
    const evening = env.serverNow() + 3 * HOUR;
    while (env.serverNow() < evening) {
      step += 1;
      const alarms = (await fakeBrowser.alarms.getAll()).map((a) => a.scheduledTime);
      const nextAlarm = alarms.length > 0 ? Math.min(...alarms) - env.now() : 5 * MINUTE;
      env.advance(Math.max(1000, nextAlarm));
      await fireDue(false);
      await check();
    }
    // Every finish the extension saw coming was announced: as of its account's last check
    // (a model that finished after it is the next check's to see).
    const snapshots = await snapshotsItem.getValue();
    for (const id of seenActive) {
      const real = truth.get(id)!;
      const owner = ids.find((a) => accounts[ids.indexOf(a)]!.models.includes(real));
      const checked = owner === undefined ? null : (snapshots[owner]?.checkedAt ?? null);
      const status = truthAt(real, checked === null ? env.serverNow() : checked - skew);
      if (status !== 'COMPLETED' && status !== 'ERRORED') continue;
      summary.finishes += 1;
      const stored = Object.values(snapshots)
        .flatMap((s) => s.models)
        .find((m) => m.id === id);
      if (stored?.status !== status) {
        violation(`${real.name} is ${status}, its list says ${stored?.status}`);
      }
      if (!shown.has(id)) violation(`${real.name} became ${status} and was never announced`);
    }
    summary.cutEffects = env.cutEffects;
  } finally {
    Math.random = realRandom;
    process.off('unhandledRejection', onRejection);
  }
  return summary;
}

/** The summary in one line, with the seed that replays it. */
export const summaryLine = (s: SoakSummary) =>
  `soak seed ${s.seed}: ${s.days} simulated day${s.days === 1 ? '' : 's'}, ${s.checks} checks, ${s.faults} faults, ${s.stops} workers stopped (${s.cutEffects} effects cut), ${s.restarts} browser restarts, ${s.clockJumps} clock jumps back, ${s.commands} commands, ${s.finishes} finishes, ${s.notifications} notifications, ${s.violations.length} broken promises`;

export type { TestBackground };
