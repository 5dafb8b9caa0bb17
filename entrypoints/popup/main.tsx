import { refreshOnOpening, showModel, takeModelToShow } from '../../components/popup/actions';
import { DatasetPage } from '../../components/popup/DatasetsView';
import { loaded, loadLists, loadTrayWaiting, now } from '../../components/popup/model';
import { FilterPanel, ModelPage, RowMenu } from '../../components/popup/ModelsView';
import { PopupApp } from '../../components/popup/PopupApp';
import { mountPage } from '../../components/PageError';
import '../../components/theme.css';
import './popup.css';

// Paint from the small stored items at once (the first screen the background prepared); then,
// after that frame, read the whole lists and ask the background for fresh ones, and load the
// parts a click opens (a model's page, a dataset's, the filters, a row's menu). Fresh lists
// arrive through storage and update the rows in place.
void mountPage('the popup', loaded, () => <PopupApp />).then(async (drawn) => {
  if (!drawn) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      void loadLists();
      void refreshOnOpening();
      void loadTrayWaiting();
      for (const view of [ModelPage, RowMenu, FilterPanel, DatasetPage]) void view.preload();
    }),
  );
  const model = await takeModelToShow();
  if (model !== null) {
    await loadLists();
    showModel(model);
  }
});
setInterval(() => (now.value = Date.now()), 15_000);
