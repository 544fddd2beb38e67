// Chart.js, vendored from its npm package (static/vendor/chartjs, MIT licence), plus shared styling.

import "../vendor/chartjs/chart.umd.min.js";

export const Chart = window.Chart;

export const palette = {
  blue: "#2f5bea",
  green: "#18a058",
  orange: "#e58a00",
  red: "#d92d20",
  purple: "#7a5af8",
  teal: "#0e9384",
  pink: "#dd2590",
  grey: "#98a2b3",
  sky: "#36bffa",
};
export const series = [palette.blue, palette.green, palette.orange, palette.purple, palette.teal,
  palette.pink, palette.red, palette.sky, palette.grey];

if (Chart) {
  Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
  Chart.defaults.color = "#5b6477";
  Chart.defaults.animation.duration = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 300;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.responsive = true;
}

/** Replace a chart's labels and data in place (no re-creation, so no flicker). */
export function updateChart(chart, labels, datasets) {
  chart.data.labels = labels;
  datasets.forEach((data, index) => {
    if (chart.data.datasets[index]) chart.data.datasets[index].data = data;
  });
  chart.update();
}
