/** The browser benchmarks: run by `npm run bench` (bench/src/main.ts), never by `npm test`. */
const base = require('../../jest.config.js').projects[0];
module.exports = {
  ...base,
  displayName: 'bench-browser',
  rootDir: '../..',
  testMatch: ['<rootDir>/bench/browser/*.bench-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30 * 60_000,
};
