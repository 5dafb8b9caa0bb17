import { ALL_ACCOUNTS } from '../../utils/storage/choices';
import { selectedAccount, state } from './model';
import { setAccount } from './actions';

/** Shown with more than one account: all of them, or one. The choice is remembered. */
export function AccountSwitcher() {
  return (
    <div class="account-switcher">
      <label for="account">Account</label>
      <select
        id="account"
        value={selectedAccount.value}
        onChange={(event) => setAccount(event.currentTarget.value)}
      >
        <option value={ALL_ACCOUNTS}>All accounts</option>
        {state.accounts.value.map((account) => (
          <option key={account.id} value={account.id}>
            {account.label}
          </option>
        ))}
      </select>
    </div>
  );
}
