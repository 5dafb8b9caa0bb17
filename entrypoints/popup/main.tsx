import { render } from 'preact';

render(<p>Model Watch for Ideogram</p>, document.getElementById('app')!);
