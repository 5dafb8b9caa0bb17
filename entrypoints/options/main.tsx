import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import { optionsState } from '../../components/options/model';
import '../../components/theme.css';
import './options.css';

// Render once the stored state is read, so the page never flashes the "no key" form at someone
// who has a key.
void optionsState.loaded.finally(() => render(<OptionsApp />, document.getElementById('app')!));
