import { createApp } from '../../apps/server/src/main';
it('boots', async () => {
  const app = await createApp({ dbPath: '/tmp/exp/dbg/x.sqlite', poolSize: 1, dashboard: false, logger: ['error'], abortOnError: false } as any);
  await app.close();
});
