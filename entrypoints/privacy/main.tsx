import { Markdown } from '../../components/markdown';
import { mountPage } from '../../components/PageError';
import privacy from '../../PRIVACY.md?raw';
import '../../components/theme.css';
import './privacy.css';

// The extension shows the same text as PRIVACY.md in the repository, bundled at build time.
void mountPage('the privacy policy', Promise.resolve(), () => <Markdown source={privacy} />);
