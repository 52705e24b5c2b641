import { fitOne } from '../src/fit';
import { fixtureDataset, readFixture } from './helpers/read-csv';
it('debug', () => {
  for (const [file, idx] of [['linear-diabetes.json', 0], ['linear-diabetes.json', 11], ['logistic-breast-cancer.json', 6]] as const) {
    const fx = readFixture(file);
    const data = fixtureDataset(fx);
    const c = fx.cases[idx];
    for (const tol of [1e-7, 1e-10, 1e-14, 1e-18, 1e-22]) {
      const f = fitOne(data, { model: fx.model, penalty: { kind: c.penalty, l1Ratio: c.l1Ratio }, lambda: c.lam, standardize: c.standardize, solver: { kind: 'cd', tolerance: tol, maxIterations: 1e8 } });
      let d = 0, m = 0;
      data.x.names.forEach((nm, j) => { m = Math.max(m, Math.abs(c.coefficients[nm])); d = Math.max(d, Math.abs(f.coefficients[j] - c.coefficients[nm])); });
      console.log(file, idx, tol, f.iterations, f.status, d / m, f.objective - c.objective, f.nonzeros, c.nonzeros);
    }
  }
});
