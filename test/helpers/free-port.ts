/** The bench starts servers on free ports too; the one helper lives with it (bench/ is built, test/ is not). */
export { freePort } from '../../bench/src/free-port';
