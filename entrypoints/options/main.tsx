import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import { optionsState } from '../../components/options/model';
import { PageBoundary, Rethrow } from '../../components/PageError';
import '../../components/theme.css';
import './options.css';

const app = document.getElementById('app')!;

// Render once the stored state is read, so the page never flashes the "no key" form at someone
// who has a key.
optionsState.loaded.then(
  () =>
    render(
      <PageBoundary page="the options page">
        <OptionsApp />
      </PageBoundary>,
      app,
    ),
  (error: unknown) =>
    render(
      <PageBoundary page="the options page">
        <Rethrow error={error} />
      </PageBoundary>,
      app,
    ),
);
