import { render } from 'preact';
import { refresh, showModel, takeModelToShow } from '../../components/popup/actions';
import { loaded, now } from '../../components/popup/model';
import { PopupApp } from '../../components/popup/PopupApp';
import { PageBoundary, Rethrow } from '../../components/PageError';
import '../../components/theme.css';
import './popup.css';

const app = document.getElementById('app')!;

// Paint what is stored at once; fresh lists arrive through storage and update the rows in place.
loaded.then(
  async () => {
    render(
      <PageBoundary page="the popup">
        <PopupApp />
      </PageBoundary>,
      app,
    );
    // Asked for after the first frame: waking the background must not delay what the user sees.
    requestAnimationFrame(() => setTimeout(() => void refresh(false)));
    const model = await takeModelToShow();
    if (model !== null) showModel(model);
  },
  (error: unknown) =>
    render(
      <PageBoundary page="the popup">
        <Rethrow error={error} />
      </PageBoundary>,
      app,
    ),
);
setInterval(() => (now.value = Date.now()), 15_000);
