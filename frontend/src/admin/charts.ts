// Chart.js, loaded on demand in its own chunk (see vite.config.ts): only the bar chart's pieces are
// registered, so the rest of the library is tree-shaken away.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, Legend } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: number[];
  colour: string;
}

export interface BarSpec {
  labels: string[];
  series: Series[];
  /** Horizontal bars, for long lists of labels (regions, impact areas). */
  horizontal: boolean;
  locale: string;
  format: (value: number) => string;
}

/** Draws a bar chart on the canvas; returns the function that removes it. */
export function drawBars(canvas: HTMLCanvasElement, spec: BarSpec): () => void {
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.colour })),
    },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale: spec.locale,
      plugins: {
        legend: { display: spec.series.length > 1 },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label ?? ''}: ${spec.format(Number(item.raw))}` } },
      },
      scales: {
        [valueAxis]: { beginAtZero: true, ticks: { callback: (value: string | number) => spec.format(Number(value)) } },
      },
    },
  });
  return () => chart.destroy();
}
