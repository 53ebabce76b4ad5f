import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, guardSession, pickTransport } from './api/client';
import { App } from './features/shell/App';
import { ModelsStoreContext, createModelsStore } from './features/models/modelsStore';
import { initialModelsState } from './features/models/modelsSlice';
import { PosesContext, createPosesStore, initialPosesState } from './features/poses';
import { StoreContext, createAppStore } from './store/store';
import './styles.css';

const client = createClient(pickTransport());
const store = createAppStore(client);
const posesStore = createPosesStore(client);
const models = createModelsStore(guardSession(client, () => store.getState().sessionLost()));
// Poses and models loaded for one person go with them: whoever signs in next loads what they may see.
store.subscribe((s, prev) => {
  if (s.user?.id !== prev.user?.id) {
    posesStore.setState({ ...initialPosesState });
    models.store.setState({ ...initialModelsState });
  }
});
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <PosesContext.Provider value={posesStore}>
        <ModelsStoreContext.Provider value={models.store}>
          <App />
        </ModelsStoreContext.Provider>
      </PosesContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
