import { createFakeApi, fakeModel, standardAccount } from '../fake-api';
import {
  expect,
  hasCount,
  hasText,
  hasValue,
  lacksText,
  test,
  visible,
  type Extension,
} from './fixtures';

// Two accounts, each on its own fake API: a request goes to the fake whose key it carries.
const TEAM_KEY = 'team-key-4f9a2c';
const team = createFakeApi({
  ...standardAccount(TEAM_KEY),
  models: [
    fakeModel({ name: 'Team poster', status: 'TRAINING', createdAgo: 30 * 60_000 }),
    fakeModel({ name: 'Team logo', status: 'COMPLETED' }),
  ],
  datasets: [],
});
test.use({ otherFakes: [team] });
test.beforeEach(() => {
  team.clearFault();
  team.clearRequests();
  team.account.apiKey = TEAM_KEY;
});

const badgeText = async (extension: Extension) => (await extension.badge()).text;

test('a second key is added on the options page as its own account; a duplicate is refused', async ({
  extension,
  fake,
}) => {
  const options = await extension.open('options.html');
  await options.role('textbox', 'API key').fill(fake.account.apiKey);
  await options.role('button', 'Save').click();
  await visible(options.role('heading', 'Account 1'));

  await options.role('button', 'Add another key').click();
  await options.role('textbox', 'Label').fill('Acme team');
  await options.role('textbox', 'API key').fill(fake.account.apiKey);
  await options.role('button', 'Save').click();
  await visible(options.text('This key is already saved, as “Account 1”.'));

  await options.role('textbox', 'API key').fill(TEAM_KEY);
  await options.role('button', 'Save').click();
  await visible(options.role('heading', 'Acme team'));
  await visible(options.role('article', 'Acme team').text(/Key works: you have 2 models/));
  // The badge counts both accounts: 2 training in the first, 1 in the second.
  await expect.poll(() => badgeText(extension)).toBe('3');
  expect((await extension.badge()).title).toMatch(
    /Account 1: 2 training.*\n.*Acme team: 1 training/s,
  );
});

test('one revoked key shows its error only; the other account keeps refreshing', async ({
  extension,
  fake,
}) => {
  const personal = await extension.useKey(fake.account.apiKey, 'Personal');
  await expect.poll(async () => (await extension.snapshot(personal)).listedAt).toBeTruthy();
  const teamId = await extension.useKey(TEAM_KEY, 'Acme team');
  await expect.poll(async () => (await extension.snapshot(teamId)).listedAt).toBeTruthy();
  await expect.poll(() => badgeText(extension)).toBe('3');

  team.revokeKey();
  const brand = fake.account.models.find((m) => m.name === 'Brand v2')!;
  brand.timeline.push({ at: fake.now(), status: 'COMPLETED', uri: 'model/brand/version/2' });
  fake.clearRequests();
  await extension.fireAlarms();

  await expect
    .poll(async () => (await extension.snapshot(teamId)).error?.kind)
    .toBe('unauthorized');
  await expect.poll(async () => (await extension.snapshot(personal)).error).toBeNull();
  // Personal went on refreshing: Brand v2 finished, so 1 of its own plus Acme's last known 1.
  await expect.poll(() => badgeText(extension)).toBe('2!');
  expect(fake.requests.length).toBeGreaterThan(0);
  const badge = await extension.badge();
  expect(badge.title).toMatch(/Acme team: Ideogram rejected the API key/);
  expect(await extension.alarm(teamId)).toBeNull();
  expect(await extension.alarm(personal)).not.toBeNull();

  const popup = await extension.open('popup.html');
  const alert = popup.role('alert');
  await hasText(alert, 'Acme team:');
  await lacksText(alert, 'Personal:');
});

test('the popup shows all accounts or one, each row saying whose it is', async ({
  extension,
  fake,
}) => {
  const personal = await extension.useKey(fake.account.apiKey, 'Personal');
  const teamId = await extension.useKey(TEAM_KEY, 'Acme team');
  // A new account's lists are fetched as soon as it is saved, whatever the other accounts do.
  await expect.poll(async () => (await extension.snapshot(personal)).listedAt).toBeTruthy();
  await expect.poll(async () => (await extension.snapshot(teamId)).listedAt).toBeTruthy();

  const popup = await extension.open('popup.html');
  await popup.viewport(400, 600);
  await visible(popup.role('tab', 'Models 12'));
  // With all accounts shown, each row says whose it is.
  const teamRow = popup.role('listitem').filter({ hasText: 'Team poster' });
  await hasText(teamRow.css('.part.owner'), 'Acme team');

  await popup.role('button', /^Filters/).click();
  await popup.role('dialog', 'Filters and sort').role('combobox', 'Account').selectOption(teamId);
  await popup.press('Escape');
  await visible(popup.role('tab', 'Models 2'));
  await hasCount(popup.role('listitem').filter({ hasText: 'Brand v1' }), 0);
  await hasCount(teamRow.css('.part.owner'), 0);
  await hasText(popup.css('.filter-summary'), 'Acme team');

  // Remembered, and back to all accounts when the account shown is removed.
  await popup.reload();
  await visible(popup.role('tab', 'Models 2'));
  await popup.role('button', /^Filters/).click();
  await hasValue(popup.role('combobox', 'Account'), teamId);
  const options = await extension.open('options.html');
  await options.role('button', 'Remove Acme team').click();
  await options.role('button', 'Remove', { exact: true }).click();
  await popup.reload();
  await visible(popup.role('tab', 'Models 10'));
  await popup.role('button', /^Filters/).click();
  await hasCount(popup.role('combobox', 'Account'), 0);
});
