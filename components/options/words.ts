import type { KeyCheck } from '../../utils/messaging/protocol';
import { plural } from '../../utils/words/format';

/** "Key works: you have 12 models and 3 datasets (and 4 models shared with you)." */
export function keyWorksSentence(check: KeyCheck): string {
  const shared = check.shared > 0 ? ` (and ${plural(check.shared, 'model')} shared with you)` : '';
  return `Key works: you have ${plural(check.owned, 'model')} and ${plural(check.datasets, 'dataset')}${shared}.`;
}
