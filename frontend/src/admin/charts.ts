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

/** A long category label on several lines of at most `width` characters (whole words), so that a
 * phone's narrow chart shows it whole instead of cutting it at the canvas's edge. */
export function wrapLabel(label: string, width = 16): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [label];
}

/** Draws a bar chart on the canvas; returns the function that removes it. */
export function drawBars(canvas: HTMLCanvasElement, spec: BarSpec): () => void {
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const categoryAxis = spec.horizontal ? 'y' : 'x';
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
        [categoryAxis]: { ticks: { autoSkip: false, callback: (_: string | number, index: number) => wrapLabel(spec.labels[index] ?? '') } },
      },
    },
  });
  return () => chart.destroy();
}
