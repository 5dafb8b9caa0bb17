import type { ExtPage } from './driver/page';
import {
  expect,
  type Extension,
  hasText,
  hasValue,
  hidden,
  listedAndCounted,
  requestsSettled,
  test,
  visible,
  BOTH_BROWSERS,
} from './fixtures';
import type { FakeApi } from '../fake-api';

// The studio: a dataset made, filled from the file picker (with a caption by name, a file of the
// wrong kind refused, one image refused by Ideogram's safety check), uploaded in batches, then a
// model trained from it, which the popup and the badge then watch like any other. And images
// collected by right-clicking them on a web page.

const MIN = 60_000;
/** A 1×1 PNG: what Ideogram takes. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

type PickedFile = { name: string; type: string; base64?: string; text?: string };

/** Picks files in the studio's file input, as the browser's file chooser hands them over. */
async function pickFiles(page: ExtPage, files: PickedFile[]) {
  await page.css('input[type="file"]').withElement((el, list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = f.base64
        ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))
        : new TextEncoder().encode(f.text ?? '');
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const input = el as HTMLInputElement;
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, files);
}

const png = (name: string): PickedFile => ({ name, type: 'image/png', base64: PNG });
const STRUCTURED = JSON.stringify({
  high_level_description: 'A lighthouse at dawn',
  style_description: { art_style: 'photograph' },
});

async function ready(extension: Extension, fake: FakeApi) {
  await extension.useKey();
  await listedAndCounted(extension, fake);
}

test('a dataset is made, filled, uploaded and trained from; the new model is watched', async ({
  extension,
  fake,
}) => {
  await ready(extension, fake);
  const studio = await extension.open('studio.html');
  await visible(studio.role('heading', 'Datasets'));
  await visible(studio.text('Brand photos'));
  await studio.role('button', 'New dataset').click();
  // A blank name is refused here, before anything is sent.
  await studio.role('button', 'Create dataset').click();
  await hasText(studio.role('alert').filter({ hasText: 'name' }), 'Give the dataset a name.');
  await studio.label('Name').fill('Catalogue shots');
  await studio.role('button', 'Create dataset').click();
  await visible(studio.role('heading', 'Catalogue shots'));
  expect(fake.account.datasets.map((d) => d.name)).toContain('Catalogue shots');

  // Sixteen images, a caption for the first by its name, and a file Ideogram does not take.
  const shots = Array.from({ length: 16 }, (_, i) =>
    png(`shot-${String(i + 1).padStart(2, '0')}.png`),
  );
  await pickFiles(studio, [
    ...shots,
    { name: 'shot-01.txt', type: 'text/plain', text: 'a red chair on white' },
    // An Ideogram 4.0 structured caption, and one whose JSON is broken: refused before upload.
    { name: 'shot-03.json', type: 'application/json', text: STRUCTURED },
    { name: 'shot-04.json', type: 'application/json', text: '{"high_level_description": ' },
    { name: 'notes.pdf', type: 'application/pdf', text: '%PDF' },
    // Named as an image, but its first bytes are not one: refused before it waits.
    { name: 'renamed.png', type: 'image/png', text: 'GIF89a, renamed' },
  ]);
  await visible(studio.text('16 images waiting'));
  const notAdded = studio.role('alert').filter({ hasText: 'Not added' });
  await hasText(notAdded, 'notes.pdf');
  await hasText(notAdded, 'renamed.png: its contents are not a JPEG, PNG or WebP image');
  await hasText(notAdded, 'shot-04.json: its caption is not valid JSON');
  await hasValue(studio.label('Caption of shot-01.png'), 'a red chair on white');
  // A caption typed is kept as typed (in the browser, with the image).
  await studio.label('Caption of shot-02.png').fill('a blue chair');

  // Ideogram's safety check refuses one of them.
  fake.account.uploadFailures = { 'shot-16.png': 'FAILED_SAFETY_CHECK' };
  fake.clearRequests();
  await studio.role('button', 'Upload 16 files').click();
  const summary = studio.role('status').filter({ hasText: 'uploaded' });
  await hasText(summary, '15 files uploaded, 1 file refused');
  await hasText(summary, 'Rejected by Ideogram’s safety check');
  // Sent in batches the API takes, without cookies; the captions went as .txt files by name.
  const uploads = fake.requests.filter((r) => r.path.endsWith('/upload_assets'));
  expect(uploads).toHaveLength(2);
  expect(uploads.every((r) => r.method === 'POST' && !('cookie' in r.headers))).toBe(true);
  const sent = uploads.flatMap((r) => r.files ?? []);
  expect(sent).toContain('shot-01.txt');
  expect(sent).toContain('shot-02.txt');
  expect(sent).toContain('shot-03.json');
  expect(sent).not.toContain('shot-04.json');
  const dataset = fake.account.datasets.find((d) => d.name === 'Catalogue shots')!;
  expect(dataset.files.find((f) => f.file_name === 'shot-01.png')?.caption).toBe(
    'a red chair on white',
  );
  expect(dataset.files.find((f) => f.file_name === 'shot-02.png')?.caption).toBe('a blue chair');
  expect(dataset.files.find((f) => f.file_name === 'shot-03.png')?.caption).toBe(STRUCTURED);
  // The dataset's files show their captions; the structured one read as text, its JSON a click away.
  await visible(studio.text('A lighthouse at dawn. Style: photograph.'));
  // The refused image stays in the tray, with why; the rest left it.
  await visible(studio.text('1 image waiting'));
  await visible(studio.text('Rejected by Ideogram’s safety check: use another image.').first());
  await visible(studio.text('15 images · 3 captioned · ready to train').first());

  // The tray survives the page: reload it.
  await studio.reload();
  await visible(studio.text('shot-16.png'));

  // A name Ideogram would refuse is refused here.
  await studio.label('Model name').fill('Catalogue v1!');
  await studio.role('button', 'Start training…').click();
  await visible(studio.text('Only letters, digits, spaces and hyphens: remove “!”.'));
  await studio.label('Model name').fill('Catalogue v1');
  // Ideogram 4.0 is the base a dataset starts on; its settings add a batch size.
  expect(await studio.role('radio', /Ideogram 4\.0/).isChecked()).toBe(true);
  await studio.text('Advanced settings (optional)').click();
  await studio.label('Training steps').fill('150');
  await visible(studio.text('Steps go from 100 to 10,000, in hundreds.'));
  await studio.label('Training steps').fill('2000');
  await studio.label('Batch size').selectOption('8');
  // 3.0 has no batch size: the field goes with it, and comes back with 4.0.
  await studio.role('radio', /Ideogram 3\.0/).click();
  await hidden(studio.label('Batch size'));
  await studio.role('radio', /Ideogram 4\.0/).click();
  await visible(studio.label('Batch size'));

  fake.clearRequests();
  await studio.role('button', 'Start training…').click();
  const dialog = studio.role('dialog');
  await hasText(dialog, 'Training is billed to the Ideogram account');
  await hasText(dialog, 'It trains on Ideogram 4.0');
  // While its answer is on the way, the button says so, and pressing it again starts nothing.
  const release = fake.hold('/v1/ideogram-v4/train-model');
  await dialog.role('button', 'Start training').click();
  await studio.role('button', 'Starting training…').click();
  await hidden(studio.role('dialog'));
  release();
  await hasText(
    studio.role('status').filter({ hasText: 'started' }),
    'Training “Catalogue v1” started',
  );
  const trains = fake.requests.filter((r) => r.method === 'POST' && r.path.includes('train'));
  expect(trains).toHaveLength(1);
  // Exactly the fields the form shows: the name, the dataset, the steps and the batch size.
  expect(trains[0]!.path).toBe('/v1/ideogram-v4/train-model-advanced');
  expect(trains[0]!.json).toEqual({
    dataset_id: dataset.dataset_id,
    model_name: 'Catalogue v1',
    training_steps: 2000,
    batch_size: 8,
  });
  const model = fake.account.models.find((m) => m.name === 'Catalogue v1')!;
  expect(model.dataset_id).toBe(dataset.dataset_id);
  expect(model.base).toBe('v4');
  // The base is remembered with the model (the API never says it), and for the dataset.
  const stored = await extension.storage();
  expect((stored.trainings as Record<string, { base: string }>)[model.model_id]?.base).toBe('v4');
  expect(Object.values(stored.trainingBases as Record<string, string>)).toEqual(['v4']);

  // The popup lists it at once, as Creating; then it is watched like any other.
  const popup = await extension.open('popup.html');
  await popup.viewport(400, 600);
  const row = popup.css('[data-model-id]').filter({ hasText: 'Catalogue v1' });
  await hasText(row, 'Creating');
  expect((await extension.badge()).text).toBe('2');
  fake.advance(5 * MIN);
  await extension.fireAlarms();
  await expect.poll(async () => (await extension.badge()).text).toBe('3');
  // Its phase, from its training run, as for any model in training.
  await hasText(row, 'Preparing data');
});

test(
  'right-click an image on a page: it waits in the dataset’s tray, fetched without the key',
  BOTH_BROWSERS,
  async ({ extension, fake }) => {
    await ready(extension, fake);
    fake.servePage(
      '/__test/gallery',
      '<h1>Gallery</h1><img id="cat" src="/__test/cat.png" alt="A cat" width="120" height="120">',
    );
    fake.serveFile('/__test/cat.png', 'image/png', Buffer.from(PNG, 'base64'));
    const page = await extension.openWeb('https://api.ideogram.ai/__test/gallery');
    await visible(page.role('img', 'A cat'));
    const accountId = ((await extension.storage()).accounts as { id: string }[])[0]!.id;
    const brand = fake.account.datasets.find((d) => d.name === 'Brand photos')!;
    await requestsSettled(fake);
    fake.clearRequests();
    await extension.collectFromMenu(page, '#cat', {
      title: 'Brand photos',
      menuItemId: `collect:${accountId}:${brand.dataset_id}`,
    });

    // It is fetched by the extension with no cookie and never the key, and goes to the tray only.
    await expect.poll(() => fake.requests.some((r) => r.path === '/__test/cat.png')).toBe(true);
    const fetched = fake.requests.find((r) => r.path === '/__test/cat.png')!;
    expect(Object.keys(fetched.headers).map((h) => h.toLowerCase())).not.toContain('api-key');
    expect(Object.keys(fetched.headers).map((h) => h.toLowerCase())).not.toContain('cookie');
    // Firefox asked, with the site's access, for consent to send website content on (its prompt
    // is switched off for tests, so granted); Chromium has no such consent.
    const consent = await extension.evaluate(
      () => browser.permissions.getAll() as Promise<{ data_collection?: string[] }>,
    );
    if (extension.browser === 'firefox') {
      expect(consent.data_collection).toEqual(['authenticationInfo', 'websiteContent']);
    } else expect(consent.data_collection).toBeUndefined();

    // The popup says an image waits, and the studio shows it on the dataset's page.
    const popup = await extension.open('popup.html');
    await popup.role('tab', /Datasets/).click();
    await visible(popup.text('1 image waiting to upload'));
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    const studio = await extension.open(
      `studio.html#account=${accountId}&dataset=${brand.dataset_id}`,
    );
    await visible(studio.role('heading', 'Brand photos'));
    await visible(studio.text('cat.png'));
    await studio.role('button', 'Remove cat.png').click();
    await hidden(studio.text('cat.png'));
  },
);

test('refusals keep what was prepared (429, 402, 400); an upload cut off after it landed is read back', async ({
  extension,
  fake,
}) => {
  await ready(extension, fake);
  const accountId = ((await extension.storage()).accounts as { id: string }[])[0]!.id;
  const brand = fake.account.datasets.find((d) => d.name === 'Brand photos')!;
  const studio = await extension.open(
    `studio.html#account=${accountId}&dataset=${brand.dataset_id}`,
  );
  await visible(studio.text('24 images · ready to train').first());
  await pickFiles(studio, [png('extra-1.png'), png('extra-2.png')]);
  await visible(studio.text('2 images waiting'));

  // Rate limited: nothing arrives, both images stay, and the page says why.
  fake.failPath(`/datasets/${brand.dataset_id}/upload_assets`, {
    type: 'status',
    status: 429,
    retryAfter: '30',
  });
  await studio.role('button', 'Upload 2 files').click();
  const summary = studio.role('status').filter({ hasText: 'uploaded' });
  await hasText(summary, '0 files uploaded; 2 still waiting in the tray.');
  await hasText(summary, 'limiting requests');
  await hasText(summary, 'Nothing was changed; what you prepared is kept');
  await visible(studio.text('2 images waiting'));
  expect(brand.files).toHaveLength(24);

  // A 503 after Ideogram stored them: what arrived is read back, and leaves the tray.
  fake.failPath(`/datasets/${brand.dataset_id}/upload_assets`, {
    type: 'status',
    status: 503,
    reached: true,
  });
  await studio.role('button', 'Upload 2 files').click();
  await hasText(summary, '2 files uploaded.');
  await hasText(summary, 'It may have gone through all the same');
  await visible(studio.text('Nothing waiting.'));
  expect(brand.files).toHaveLength(26);
  fake.failPath(`/datasets/${brand.dataset_id}/upload_assets`, null);

  // Out of funds: the training is not started, and the name typed stays.
  fake.failPath('/v1/ideogram-v4/train-model', {
    type: 'status',
    status: 402,
    body: { reject_reason: 'insufficient_funds' },
  });
  await studio.label('Model name').fill('Brand v9');
  await studio.role('button', 'Start training…').click();
  await studio.role('dialog').role('button', 'Start training').click();
  const refusal = studio.role('alert').filter({ hasText: 'funds' });
  await hasText(refusal, 'run out of funds');
  await hasText(refusal, 'Nothing was changed; what you prepared is kept.');
  await hasValue(studio.label('Model name'), 'Brand v9');
  expect((await extension.snapshot()).models.some((m) => m.name === 'Brand v9')).toBe(false);

  // A 400 says which field and why, in Ideogram's words.
  fake.failPath('/v1/ideogram-v4/train-model', {
    type: 'status',
    status: 400,
    body: { detail: 'model_name: already used in this account' },
  });
  await studio.role('button', 'Start training…').click();
  await studio.role('dialog').role('button', 'Start training').click();
  await hasText(
    studio.role('alert').filter({ hasText: 'refused' }),
    'Ideogram refused the training: model_name: already used in this account',
  );

  // A 502 that may have started it: the button is held, then says no model appeared; starting
  // again asks for a second, billed, training in so many words, and only then sends.
  const trains = () => fake.paths().filter((p) => p.startsWith('/v1/ideogram-v4/train-model'));
  fake.failPath('/v1/ideogram-v4/train-model', { type: 'status', status: 502 });
  await studio.role('button', 'Start training…').click();
  await studio.role('dialog').role('button', 'Start training').click();
  const doubt = studio.role('alert').filter({ hasText: 'may have gone through' });
  await hasText(doubt, 'no model of that name is listed yet');
  fake.failPath('/v1/ideogram-v4/train-model', null);
  const sentBefore = trains().length;
  await studio.role('button', 'Start again…').click();
  const confirm = studio.role('dialog');
  await hasText(confirm, 'may bill a second training');
  await confirm.role('button', 'Start a second training').click();
  await visible(studio.text('Training “Brand v9” started.'));
  expect(trains()).toHaveLength(sentBefore + 1);
});
