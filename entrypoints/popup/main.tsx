import { render } from 'preact';
import { loaded, now } from '../../components/popup/model';
import { refresh, showModel, takeModelToShow } from '../../components/popup/actions';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/theme.css';
import './popup.css';

// Paint what is stored at once; fresh lists arrive through storage and update the rows in place.
void loaded.then(async () => {
  render(<PopupApp />, document.getElementById('app')!);
  // Asked for after the first frame: waking the background must not delay what the user sees.
  requestAnimationFrame(() => setTimeout(() => void refresh(false)));
  const model = await takeModelToShow();
  if (model !== null) showModel(model);
});
setInterval(() => (now.value = Date.now()), 15_000);
