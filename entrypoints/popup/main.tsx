import { refreshOnOpening, showModel, takeModelToShow } from '../../components/popup/actions';
import { loaded, loadLists, loadTrayWaiting, now } from '../../components/popup/model';
import { PopupApp } from '../../components/popup/PopupApp';
import { mountPage } from '../../components/PageError';
import '../../components/theme.css';
import './popup.css';

// Paint from the small stored items at once (the first screen the background prepared); then,
// after that frame, read the whole lists and ask the background for fresh ones. Fresh lists
// arrive through storage and update the rows in place.
void mountPage('the popup', loaded, () => <PopupApp />).then(async (drawn) => {
  if (!drawn) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      void loadLists();
      void refreshOnOpening();
      void loadTrayWaiting();
    }),
  );
  const model = await takeModelToShow();
  if (model !== null) {
    await loadLists();
    showModel(model);
  }
});
setInterval(() => (now.value = Date.now()), 15_000);
