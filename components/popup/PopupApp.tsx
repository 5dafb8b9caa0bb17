import { DatasetsView } from './DatasetsView';
import { Header } from './Header';
import { state } from './model';
import { ModelsView } from './ModelsView';
import { SetupCard } from './SetupCard';
import {
  Announcer,
  EmptyAccount,
  ErrorBanner,
  ErrorPanel,
  LoadingPanel,
  SampleBanner,
} from './StateViews';
import { Tabs } from './Tabs';

/** The popup: header, then whichever state applies (set-up, loading, error, empty, the lists). */
export function PopupApp() {
  const mode = state.connection.value.mode;
  const snapshot = state.snapshot.value;
  const hasData = snapshot.listedAt !== null;

  let body;
  if (mode === 'none') body = <SetupCard />;
  else if (!hasData && snapshot.error) body = <ErrorPanel error={snapshot.error} />;
  else if (!hasData) body = <LoadingPanel />;
  else {
    body = (
      <>
        {snapshot.error && <ErrorBanner error={snapshot.error} />}
        <Tabs
          counts={{ models: snapshot.models.length, datasets: snapshot.datasets.length }}
          panels={{
            models: snapshot.models.length === 0 ? <EmptyAccount /> : <ModelsView />,
            datasets: <DatasetsView />,
          }}
        />
      </>
    );
  }
  return (
    <main class="popup">
      <Header />
      {mode === 'sample' && <SampleBanner />}
      {body}
      <Announcer />
    </main>
  );
}
