import { Component, type ComponentChildren, render } from 'preact';
import { failureMessage, sendMessage } from '../utils/messaging/channel';

// No page ever renders blank: each page's root is wrapped in this boundary. When something fails
// while the page is drawn (or its stored state cannot be read), it says what failed, and offers a
// repair of the saved data that keeps every API key, and a reload.

interface Props {
  /** What the page is, for the sentence: "the popup", "the options page". */
  page: string;
  children?: ComponentChildren;
}

interface State {
  error: Error | null;
  repair: 'idle' | 'working' | 'failed';
  problem: string;
}

/** The words shown when `page` failed with `error`, and its repair button. */
export function PageFailed(props: {
  page: string;
  error: unknown;
  repair: State['repair'];
  problem: string;
  onRepair: () => void;
}) {
  const detail = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <div class="page-error" role="alert">
      <h1>Model Watch could not show {props.page}</h1>
      <p>
        Something in it failed: <code>{detail.slice(0, 300)}</code>
      </p>
      <p>
        Repairing clears the saved lists and choices, which are fetched and made again; your API
        keys, accounts, settings and pins are kept.
      </p>
      <p class="page-error-actions">
        <button
          type="button"
          class="button primary"
          disabled={props.repair === 'working'}
          onClick={props.onRepair}
        >
          {props.repair === 'working' ? 'Repairing…' : 'Repair saved data'}
        </button>
        <button type="button" class="button" onClick={() => location.reload()}>
          Reload
        </button>
      </p>
      {props.problem !== '' && <p class="message error">{props.problem}</p>}
    </div>
  );
}

/** Catches what fails while a page is drawn, and shows PageFailed instead of a blank page. */
export class PageBoundary extends Component<Props, State> {
  override state: State = { error: null, repair: 'idle', problem: '' };

  static override getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`Model Watch could not show ${this.props.page}:`, error);
  }

  repair = async () => {
    this.setState({ repair: 'working', problem: '' });
    try {
      await sendMessage('repairStorage');
      location.reload();
    } catch (error) {
      this.setState({
        repair: 'failed',
        problem: failureMessage(
          error,
          'The repair did not work. Reload the extension and try again.',
        ),
      });
    }
  };

  override render() {
    const { error, repair, problem } = this.state;
    if (error === null) return this.props.children;
    return (
      <PageFailed
        page={this.props.page}
        error={error}
        repair={repair}
        problem={problem}
        onRepair={() => void this.repair()}
      />
    );
  }
}

/** Stands for a page whose stored state could not be read: the boundary shows the error. */
export function Rethrow({ error }: { error: unknown }): null {
  throw error;
}

/**
 * Draws a page once its stored state is read, inside the boundary; when the state cannot be
 * read at all, the boundary says so. Resolves true once the page itself is drawn.
 */
export function mountPage(
  page: string,
  loaded: Promise<unknown>,
  app: () => ComponentChildren,
): Promise<boolean> {
  const root = document.getElementById('app')!;
  return loaded.then(
    () => {
      render(<PageBoundary page={page}>{app()}</PageBoundary>, root);
      return true;
    },
    (error: unknown) => {
      render(
        <PageBoundary page={page}>
          <Rethrow error={error} />
        </PageBoundary>,
        root,
      );
      return false;
    },
  );
}
