import { openOptions, startSample } from './actions';

/** What a popup without a key shows: how to start, not an error. */
export function SetupCard() {
  return (
    <section class="setup" aria-labelledby="setup-heading">
      <img src="/icon/128.png" width={56} height={56} alt="" />
      <h2 id="setup-heading">Watch your custom models train</h2>
      <p>
        Add your Ideogram API key and Model Watch counts your models in training on the toolbar,
        lists your models and datasets, and copies a model’s URI in one click.
      </p>
      <div class="setup-actions">
        <button type="button" class="button primary" onClick={openOptions}>
          Add your API key
        </button>
        <button type="button" class="button" onClick={() => void startSample()}>
          Try with sample data
        </button>
      </div>
    </section>
  );
}
