import type { TrayItem } from '../utils/studio/tray';

/** A tray item waiting to be uploaded: a small PNG unless `extra` says otherwise. */
export const trayItem = (name: string, extra: Partial<TrayItem> = {}): TrayItem => ({
  id: `id-${name}`,
  accountId: 'a',
  datasetId: 'd',
  name,
  kind: 'image',
  type: 'image/png',
  size: 10,
  blob: new Blob(['x']),
  caption: '',
  addedAt: 0,
  ...extra,
});
