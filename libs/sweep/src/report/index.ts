export { buildReport, type ReportInput } from './build-report';
export { diagnoseOverfitting } from './overfitting';
export {
  compareCurves,
  compareAllPairs,
  loadStudentTCdf,
  pairedTTest,
  prepareComparison,
  reportedCurveCount,
  studentTCdfLoaded,
  type ComparedCurve,
} from './comparison';
export { fitWarnings, fitTallyWarnings, type FitTally } from './fit-warnings';
export { thinReport } from './thin-report';
export * from './multinomial-best';
export { refitCurves } from './refit-trials';
