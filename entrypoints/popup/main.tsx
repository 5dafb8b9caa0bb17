import { refresh, showModel, takeModelToShow } from '../../components/popup/actions';
import { loaded, now } from '../../components/popup/model';
import { PopupApp } from '../../components/popup/PopupApp';
import { mountPage } from '../../components/PageError';
import '../../components/theme.css';
import './popup.css';

// Paint what is stored at once; fresh lists arrive through storage and update the rows in place.
void mountPage('the popup', loaded, () => <PopupApp />).then(async (drawn) => {
  if (!drawn) return;
  // Asked for after the first frame: waking the background must not delay what the user sees.
  requestAnimationFrame(() => setTimeout(() => void refresh(false)));
  const model = await takeModelToShow();
  if (model !== null) showModel(model);
});
setInterval(() => (now.value = Date.now()), 15_000);
