import { popupState } from './model';
import { SetupCard } from './SetupCard';

export function PopupApp() {
  const { connection, models } = popupState;
  const mode = connection.value.mode;
  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Model Watch</h1>
        {mode === 'sample' && <span class="sample-tag">Sample data</span>}
      </header>
      {mode === 'none' ? (
        <SetupCard />
      ) : (
        <ul class="models" aria-label="Models">
          {models.value.map((model) => (
            <li key={model.id}>
              <span class="name">{model.name}</span> <span class="status">{model.status}</span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
