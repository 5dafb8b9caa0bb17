import type { Account } from '../storage/items';

const MAX_LABEL = 40;

/** The label as typed (trimmed, shortened), or the next free "Account N" when it is empty. */
export function accountLabel(typed: string | undefined, others: readonly Account[]): string {
  const label = (typed ?? '').trim().replace(/\s+/g, ' ').slice(0, MAX_LABEL);
  if (label !== '') return label;
  const taken = new Set(others.map((a) => a.label));
  let n = others.filter((a) => !a.sample).length + 1;
  while (taken.has(`Account ${n}`)) n += 1;
  return `Account ${n}`;
}
