import { render } from 'preact';
import { popupState } from '../../components/popup/model';
import { PopupApp } from '../../components/popup/PopupApp';
import { sendMessage } from '../../utils/messaging';
import '../../components/theme.css';
import './popup.css';

void popupState.loaded.finally(() => render(<PopupApp />, document.getElementById('app')!));
// Paint what is stored first; fresh lists arrive through storage and update the rows in place.
void sendMessage('refresh', {}).catch(() => {});
