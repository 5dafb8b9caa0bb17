import { DatasetsView } from './DatasetsView';
import { Header } from './Header';
import {
  accountErrors,
  hasData,
  listedModels,
  mode,
  state,
  tabCounts,
  waitingForLists,
} from './model';
import { ModelsView } from './ModelsView';
import { SetupCard } from './SetupCard';
import {
  Announcer,
  EmptyAccount,
  ErrorBanner,
  ErrorPanel,
  LoadingPanel,
  SampleBanner,
  SkeletonRows,
} from './StateViews';

/** The tabs' panels (ARIA tabpanels): the open one drawn, the other hidden and empty. */
function Panels() {
  const current = state.prefs.value.tab;
  const empty =
    !waitingForLists.value && tabCounts.value.models === 0 && listedModels.value.length === 0;
  const models = empty ? <EmptyAccount /> : <ModelsView />;
  return (
    <>
      {(['models', 'datasets'] as const).map((tab) => (
        <div
          key={tab}
          id={`panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`tab-${tab}`}
          class="panel"
          hidden={current !== tab}
        >
          {current === tab && (tab === 'models' ? models : <DatasetsView />)}
        </div>
      ))}
    </>
  );
}

/**
 * The popup: a header, then whichever state applies (set-up, first check, error, empty, the
 * lists). With lists it takes the popup's full height, the list filling what the strips leave;
 * the other states are as tall as what they say.
 */
export function PopupApp() {
  const errors = accountErrors.value;
  let body;
  let full = false;
  if (mode.value === 'none') body = <SetupCard />;
  else if (waitingForLists.value && !hasData.value) body = <SkeletonRows />;
  else if (!hasData.value && errors.length > 0) body = <ErrorPanel errors={errors} />;
  else if (!hasData.value) body = <LoadingPanel />;
  else {
    full = true;
    body = (
      <>
        {errors.length > 0 && <ErrorBanner errors={errors} />}
        <Panels />
      </>
    );
  }
  return (
    <main class={`popup${full ? ' with-lists' : ''}`}>
      <Header />
      {mode.value === 'sample' && <SampleBanner />}
      {body}
      <Announcer />
    </main>
  );
}
