import { render } from 'preact';
import { Markdown } from '../../components/markdown';
import privacy from '../../PRIVACY.md?raw';
import '../../components/theme.css';
import './privacy.css';

// The extension shows the same text as PRIVACY.md in the repository, bundled at build time.
render(<Markdown source={privacy} />, document.getElementById('app')!);
