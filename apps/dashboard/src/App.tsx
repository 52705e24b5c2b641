/** The page frame: navigation, the API token setting and the current page. */
import { TokenSetting } from './components/TokenSetting';
import { ComparePage } from './pages/ComparePage';
import { DatasetPage } from './pages/DatasetPage';
import { DatasetsPage } from './pages/DatasetsPage';
import { NewSweepPage } from './pages/NewSweepPage';
import { SchedulesPage } from './pages/SchedulesPage';
import { SweepPage } from './pages/SweepPage';
import { SweepsPage } from './pages/SweepsPage';
import { href, useRoute, type Route } from './router';

function CurrentPage({ route }: { route: Route }) {
  switch (route.page) {
    case 'sweeps':
      return <SweepsPage query={route.query} />;
    case 'new-sweep':
      return <NewSweepPage />;
    case 'sweep':
      return <SweepPage key={route.id} id={route.id} />;
    case 'datasets':
      return <DatasetsPage />;
    case 'dataset':
      return <DatasetPage key={route.name} name={route.name} />;
    case 'compare':
      return <ComparePage ids={route.ids} />;
    case 'schedules':
      return <SchedulesPage />;
    case 'not-found':
      return <p>There is no page at {route.path}.</p>;
  }
}

export function App() {
  const route = useRoute();
  const active = (page: Route['page']) => (route.page === page ? 'active' : undefined);
  return (
    <>
      <header className="topbar">
        <a className="brand" href={href.sweeps()}>
          regsweep
        </a>
        <nav>
          <a className={active('sweeps') ?? active('sweep') ?? active('compare')} href={href.sweeps()}>
            Sweeps
          </a>
          <a className={active('new-sweep')} href={href.newSweep()}>
            New sweep
          </a>
          <a className={active('datasets') ?? active('dataset')} href={href.datasets()}>
            Datasets
          </a>
          <a className={active('schedules')} href={href.schedules()}>
            Schedules
          </a>
        </nav>
        <TokenSetting />
      </header>
      <main>
        <CurrentPage route={route} />
      </main>
    </>
  );
}
