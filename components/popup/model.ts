import { computed } from '@preact/signals';
import { connectionItem, settingsItem, snapshotItem } from '../../utils/storage';
import { storedSignal } from '../stored';

// The popup's state: the stored snapshot and connection, mirrored as signals; what it shows is
// derived from them.

const connection = storedSignal(connectionItem);
const snapshot = storedSignal(snapshotItem);
const settings = storedSignal(settingsItem);

export const popupState = {
  connection: connection.value,
  snapshot: snapshot.value,
  settings: settings.value,
  loaded: Promise.all([connection.loaded, snapshot.loaded, settings.loaded]),
  models: computed(() => snapshot.value.value.models),
};
