/**
 * A uPlot chart that follows its container's width. After uPlot's first draw the container gets
 * `data-ready="true"` and `data-drawn-at` (ms since navigation start), which the browser tests
 * and anyone timing the page can wait on.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface Props {
  options: ChartOptions;
  data: uPlot.AlignedData;
  height?: number;
  label: string;
  testId?: string;
}

export function UPlotChart({ options, data, height = 300, label, testId }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const markDrawn = () => {
      container.dataset.ready = 'true';
      // Only the first draw counts for "time to first chart".
      container.dataset.drawnAt ??= performance.now().toFixed(1);
    };
    const hooks = { ...options.hooks, draw: [...(options.hooks?.draw ?? []), markDrawn] };
    const width = Math.max(container.clientWidth, 200);
    const chart = new uPlot({ ...options, hooks, width, height }, data, container);

    const resize = new ResizeObserver(() => {
      const nextWidth = Math.max(container.clientWidth, 200);
      if (nextWidth !== chart.width) chart.setSize({ width: nextWidth, height });
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      chart.destroy();
      delete container.dataset.ready;
    };
  }, [options, data, height]);

  return <div className="chart" ref={containerRef} role="img" aria-label={label} data-testid={testId} />;
}
