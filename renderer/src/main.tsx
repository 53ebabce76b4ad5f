import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient, pickTransport } from './api/client';
import { App } from './features/shell/App';
import { PosesContext, createPosesStore } from './features/poses';
import { StoreContext, createAppStore } from './store/store';
import './styles.css';

const client = createClient(pickTransport());
const store = createAppStore(client);
const posesStore = createPosesStore(client);
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <PosesContext.Provider value={posesStore}>
        <App />
      </PosesContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
