// Where the studio page is: an account, and a dataset (or the new-dataset form) in the address's
// hash, so Back, reload and links from the popup, the options page and the right-click menu all
// land on the same place.

export interface StudioPlace {
  accountId: string | null;
  /** A dataset's id, NEW_DATASET for the new-dataset form, or null for the list. */
  datasetId: string | null;
}

/** `#account=…&dataset=…`, or '' for the studio's first page. */
export function studioHash(accountId?: string | null, datasetId?: string | null): string {
  const params = new URLSearchParams();
  if (accountId) params.set('account', accountId);
  if (accountId && datasetId) params.set('dataset', datasetId);
  const text = params.toString();
  return text === '' ? '' : `#${text}`;
}

export function readStudioHash(hash: string): StudioPlace {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { accountId: params.get('account'), datasetId: params.get('dataset') };
}

/** The studio page's path inside the extension, for `runtime.getURL`. */
export const studioPath = (accountId?: string | null, datasetId?: string | null) =>
  `/studio.html${studioHash(accountId, datasetId)}` as const;
