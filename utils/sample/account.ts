import { createIdeogramApi } from '../api/client';
import {
  createFakeIdeogram,
  type FakeAccount,
  type FakeModel,
  type FakeStep,
  fakeFetch,
} from '../fake-ideogram/server';

// The built-in sample account: what someone without a key (a store reviewer, someone deciding
// whether to install) sees. Its training models finish on a clock that starts when sample mode is
// turned on, so the badge visibly changes within minutes. It is served by the same fake server the
// tests use, through the real API client, and never touches the network.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Not a real key: requests in sample mode are answered inside the extension. */
export const SAMPLE_KEY = 'sample-workspace';

const files = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    file_name: `${prefix}-${String(i + 1).padStart(2, '0')}.jpg`,
    file_size_bytes: 180_000 + ((i * 7919) % 900_000),
  }));

type Step = [offset: number, status: string, uri?: string | null];

function model(
  model_id: string,
  name: string,
  since: number,
  steps: Step[],
  options: { shared?: boolean; dataset?: string | null; available?: boolean } = {},
): FakeModel {
  return {
    model_id,
    name,
    is_owned: !options.shared,
    dataset_id: options.dataset ?? null,
    timeline: steps.map(([offset, status, uri]): FakeStep => {
      const step: FakeStep = { at: since + offset, status };
      if (uri !== undefined) step.uri = uri;
      if (options.available !== undefined) step.available = options.available;
      return step;
    }),
  };
}

/** The sample account as it stands for a session that started at `since`. */
export function sampleAccount(since: number): FakeAccount {
  const product = 'smpl-ds-product-shots1';
  const logos = 'smpl-ds-handdrawn-logo';
  const skies = 'smpl-ds-watercolorsky1';
  return {
    apiKey: SAMPLE_KEY,
    datasets: [
      {
        dataset_id: product,
        name: 'Product shots',
        user_id: 'sample-user',
        creation_time: since - 14 * DAY,
        files: files('product', 42),
      },
      {
        dataset_id: logos,
        name: 'Hand-drawn logos',
        user_id: 'sample-user',
        creation_time: since - 6 * DAY,
        files: files('logo', 18),
      },
      // Too few images to train (15 is the minimum): the popup says so.
      {
        dataset_id: skies,
        name: 'Watercolor skies',
        user_id: 'sample-user',
        creation_time: since - DAY,
        files: files('sky', 9),
      },
    ],
    models: [
      model(
        'smplProductShotsV1xxxx',
        'Product shots v1',
        since,
        [[-12 * DAY, 'COMPLETED', 'model/product-shots/version/1']],
        { dataset: product },
      ),
      model(
        'smplProductShotsV2xxxx',
        'Product shots v2',
        since,
        [
          [-70 * MINUTE, 'TRAINING'],
          [2 * MINUTE, 'COMPLETED', 'model/product-shots/version/2'],
        ],
        { dataset: product },
      ),
      model(
        'smplLogoMarkxxxxxxxxxx',
        'Logo mark',
        since,
        [
          [-25 * MINUTE, 'TRAINING'],
          [6 * MINUTE, 'COMPLETED', 'model/logo-mark/version/1'],
        ],
        { dataset: logos },
      ),
      model(
        'smplLogoMarkBoldxxxxxx',
        'Logo mark bold',
        since,
        [
          [-20 * MINUTE, 'TRAINING'],
          [10 * MINUTE, 'ERRORED'],
        ],
        { dataset: logos },
      ),
      model(
        'smplSkylineStudyxxxxxx',
        'Skyline study',
        since,
        [
          [-2 * HOUR, 'TRAINING'],
          [5 * HOUR, 'COMPLETED', 'model/skyline-study/version/1'],
        ],
        { dataset: product },
      ),
      model(
        'smplStoryboardFramesxx',
        'Storyboard frames',
        since,
        [
          [-1 * MINUTE, 'CREATING'],
          [1 * MINUTE, 'TRAINING'],
          [30 * MINUTE, 'COMPLETED', 'model/storyboard-frames/version/1'],
        ],
        { dataset: logos },
      ),
      model('smplPackagingDraftxxxx', 'Packaging draft', since, [[-3 * DAY, 'DRAFT']]),
      model('smplRetroPosterxxxxxxx', 'Retro poster', since, [[-4 * DAY, 'ERRORED']], {
        dataset: product,
      }),
      model(
        'smplHoliday2025xxxxxxx',
        'Holiday 2025',
        since,
        [[-300 * DAY, 'ARCHIVED', 'model/holiday-2025/version/3']],
        { available: false },
      ),
      // Finished but not in the model registry: no URI to copy yet, only its ID.
      model('smplMoodBoardxxxxxxxxx', 'Mood board', since, [[-9 * DAY, 'COMPLETED', null]], {
        dataset: logos,
      }),
      model(
        'smplStudioHouseStylexx',
        'Studio house style',
        since,
        [[-40 * DAY, 'COMPLETED', 'model/studio-house-style/version/4']],
        { shared: true },
      ),
      model(
        'smplTeamMascotxxxxxxxx',
        'Team mascot',
        since,
        [[-20 * DAY, 'COMPLETED', 'model/team-mascot/version/2']],
        { shared: true },
      ),
      model(
        'smplAgencyTypeSetxxxxx',
        'Agency type set',
        since,
        [[-60 * DAY, 'COMPLETED', 'model/agency-type-set/version/1']],
        { shared: true },
      ),
    ],
  };
}

/** An API client for the sample account, answered inside the extension. */
export function createSampleApi(since: number, now: () => number = Date.now) {
  const server = createFakeIdeogram(sampleAccount(since), now);
  return createIdeogramApi({
    apiKey: SAMPLE_KEY,
    fetch: fakeFetch(server.handle),
    isOnline: () => true,
  });
}
