/**
 * Preload (`node --require scripts/main-thread-probe.js …`) for scripts/health-during-largest-sweep.js: the server's
 * main-thread figures per phase that do not depend on how loaded the machine is. On SIGUSR2 it appends one JSON line
 * to $PROBE_OUT and starts the next phase: the main thread's CPU time since the last mark (Linux
 * /proc/self/task/<pid>/schedstat, first field: ns on a core; the pool threads have their own task ids and are not
 * counted), the event loop's delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution: the longest block the loop saw,
 * descheduling included) and its utilisation.
 */
'use strict';
const { readFileSync, appendFileSync } = require('node:fs');
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');

const out = process.env.PROBE_OUT;
if (out) {
  const cpuNs = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let lastCpu = cpuNs();
  let lastElu = performance.eventLoopUtilization();
  let lastWall = performance.now();
  process.on('SIGUSR2', () => {
    const cpu = cpuNs();
    const elu = performance.eventLoopUtilization(lastElu);
    const now = performance.now();
    appendFileSync(
      out,
      JSON.stringify({
        wallMs: +(now - lastWall).toFixed(1),
        mainCpuMs: +((cpu - lastCpu) / 1e6).toFixed(1),
        loopDelayMaxMs: +(delay.max / 1e6).toFixed(1),
        loopDelayP99Ms: +(delay.percentile(99) / 1e6).toFixed(1),
        utilization: +elu.utilization.toFixed(3),
      }) + '\n',
    );
    lastCpu = cpu;
    lastElu = performance.eventLoopUtilization();
    lastWall = now;
    delay.reset();
  });
}
