import type { ApiFailure } from './api/errors';

/** What the background does for the extension's pages: one method per message. */
export interface Protocol {
  /** Fetches the full model and dataset lists and stores them; resolves once stored. */
  refresh(request: { force?: boolean }): Promise<{ error: ApiFailure | null }>;
}
