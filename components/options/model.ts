import { computed } from '@preact/signals';
import { connectionItem, settingsItem, snapshotItem } from '../../utils/storage';
import { loadStored, storedSignal } from '../stored';

// The options page's state: what the background stored, mirrored as signals.

const connection = storedSignal(connectionItem);
const snapshot = storedSignal(snapshotItem);
const settings = storedSignal(settingsItem);

export const optionsState = {
  connection: connection.value,
  snapshot: snapshot.value,
  settings: settings.value,
  loaded: loadStored(connection, snapshot, settings),
  /** Counts for "you have 12 models and 3 datasets". */
  counts: computed(() => {
    const { models, datasets } = snapshot.value.value;
    const owned = models.filter((m) => m.owned).length;
    return { owned, shared: models.length - owned, datasets: datasets.length };
  }),
};
