import { DatasetsView } from './DatasetsView';
import { Header } from './Header';
import { AccountSwitcher } from './AccountSwitcher';
import { accountErrors, hasData, listedDatasets, listedModels, mode, multiAccount } from './model';
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
  const errors = accountErrors.value;
  let body;
  if (mode.value === 'none') body = <SetupCard />;
  else if (!hasData.value && errors.length > 0) body = <ErrorPanel errors={errors} />;
  else if (!hasData.value) body = <LoadingPanel />;
  else {
    body = (
      <>
        {errors.length > 0 && <ErrorBanner errors={errors} />}
        <Tabs
          counts={{ models: listedModels.value.length, datasets: listedDatasets.value.length }}
          panels={{
            models: listedModels.value.length === 0 ? <EmptyAccount /> : <ModelsView />,
            datasets: <DatasetsView />,
          }}
        />
      </>
    );
  }
  return (
    <main class="popup">
      <Header />
      {mode.value === 'sample' && <SampleBanner />}
      {multiAccount.value && <AccountSwitcher />}
      {body}
      <Announcer />
    </main>
  );
}
