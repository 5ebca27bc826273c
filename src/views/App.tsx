import { NETWORK_FACTS } from '../model/paper.ts';

/** Placeholder shell until the explorer views land. */
export function App() {
  return (
    <main>
      <h1>Inception Explorer</h1>
      <ul>
        {Object.values(NETWORK_FACTS).map((n) => <li key={n.id}>{n.title}</li>)}
      </ul>
    </main>
  );
}
