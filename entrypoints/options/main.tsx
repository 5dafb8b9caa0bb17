import { OptionsApp } from '../../components/options/OptionsApp';
import { optionsState } from '../../components/options/model';
import { mountPage } from '../../components/PageError';
import '../../components/theme.css';
import './options.css';

// Drawn once the stored state is read, so the page never flashes the "no key" form at someone
// who has a key.
void mountPage('the options page', optionsState.loaded, () => <OptionsApp />);
