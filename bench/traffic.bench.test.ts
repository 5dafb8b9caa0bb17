import { writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { settle, startTestBackground } from '../tests/background-harness';
import { fakeDataset, fakeModel, TEST_KEY } from '../tests/fake-api';
import type { FakeAccount } from '../tests/fake-api';

// API traffic in one hour for an account of 200 models of which 2 are training: the extension's
// refresh engine (driven by its own alarms) against a naive "fetch everything every minute" loop,
// both answered by the same fake API.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function account(): FakeAccount {
  const datasets = Array.from({ length: 10 }, (_, i) => fakeDataset(`Dataset ${i + 1}`, 20 + i));
  const statuses = ['COMPLETED', 'COMPLETED', 'COMPLETED', 'ERRORED', 'ARCHIVED', 'DRAFT'];
  const models = Array.from({ length: 198 }, (_, i) =>
    fakeModel({
      name: `Model ${String(i + 1).padStart(3, '0')}`,
      status: statuses[i % statuses.length],
      owned: i % 5 !== 0,
      datasetId: datasets[i % datasets.length]!.dataset_id,
      createdAgo: (i + 1) * 24 * MINUTE * 60,
    }),
  );
  for (const name of ['Training A', 'Training B']) {
    models.push(fakeModel({ name, status: 'TRAINING', createdAgo: 20 * MINUTE }));
  }
  return { apiKey: TEST_KEY, models, datasets };
}

const sum = (requests: { bytes: number }[]) => requests.reduce((total, r) => total + r.bytes, 0);

async function ours(popupOpensPerHour: number) {
  const env = await startTestBackground({ account: account() });
  await env.ask('saveKey', { key: TEST_KEY, check: true });
  await settle(); // the alarm is set by the background's storage listener
  env.fake.clearRequests();
  const start = env.now();
  const opens = Array.from(
    { length: popupOpensPerHour },
    (_, i) => start + ((i + 0.5) * HOUR) / popupOpensPerHour,
  );
  for (;;) {
    const alarm = (await env.alarm())!.scheduledTime;
    const nextOpen = opens[0];
    const next = nextOpen !== undefined && nextOpen < alarm ? nextOpen : alarm;
    if (next > start + HOUR) break;
    env.advance(next - env.now());
    if (next === nextOpen) {
      opens.shift();
      // The popup opening: it asks for what is stale (its last tab, Models).
      await env.ask('refresh', { opening: { datasets: false } });
    } else {
      await env.fireAlarm();
    }
  }
  expect((await env.badge()).text).toBe('2');
  return { calls: env.fake.requests.length, bytes: sum(env.fake.requests) };
}

async function naive() {
  const env = await startTestBackground({ account: account() });
  for (let minute = 0; minute < 60; minute++) {
    for (const path of ['/models', '/datasets']) {
      env.fake.respond({
        method: 'GET',
        url: `https://api.ideogram.ai${path}`,
        headers: { 'Api-Key': TEST_KEY },
      });
    }
  }
  return { calls: env.fake.requests.length, bytes: sum(env.fake.requests) };
}

it(
  'uses at least 50 times fewer bytes than a naive loop (20 with the popup opened 4 times)',
  {
    timeout: 120_000,
  },
  async () => {
    const background = await ours(0);
    const withPopup = await ours(4);
    const loop = await naive();
    const rows = [
      { name: 'Model Watch, background only', ...background },
      { name: 'Model Watch, popup opened 4 times', ...withPopup },
      { name: 'Naive loop: both lists every minute', ...loop },
    ];
    const result = {
      account: '200 models (2 training, 40 shared), 10 datasets',
      rows,
      ratioBytes: loop.bytes / background.bytes,
      ratioBytesWithPopup: loop.bytes / withPopup.bytes,
    };
    writeFileSync(
      new URL('./traffic.json', import.meta.url),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    console.log(
      rows
        .map((r) => `${r.name}: ${r.calls} calls, ${(r.bytes / 1024).toFixed(1)} KiB per hour`)
        .join('\n'),
    );
    console.log(
      `bytes ratio: ${result.ratioBytes.toFixed(0)}x (${result.ratioBytesWithPopup.toFixed(0)}x with popup opens)`,
    );
    expect(result.ratioBytes).toBeGreaterThanOrEqual(50);
    expect(result.ratioBytesWithPopup).toBeGreaterThanOrEqual(20);
  },
);
