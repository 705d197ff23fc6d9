// Bar charts as inline SVG, built from data with the DOM (no library, nothing fetched).
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * bars: [{ label, value, caption }]; vertical bars with the label under each and the caption
 * (e.g. the amount) above. Screen readers get the same figures from the title of each bar.
 */
export function barChart(bars, { title, width = 500, height = 220, highlight } = {}) {
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, class: 'chart' });
  chart.append(svg('title', {}, title));
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  const top = 20;
  const bottom = height - 34;
  bars.forEach((bar, i) => {
    const h = Math.round(((bottom - top) * bar.value) / max);
    const x = i * slot + slot * 0.15;
    const group = svg('g', { class: bar.label === highlight ? 'bar current' : 'bar' });
    group.append(svg('title', {}, `${bar.label}: ${bar.caption ?? bar.value}`));
    group.append(svg('rect', { x, y: bottom - h, width: slot * 0.7, height: Math.max(h, bar.value > 0 ? 1 : 0) }));
    group.append(svg('text', { x: x + slot * 0.35, y: bottom - h - 4, 'text-anchor': 'middle', class: 'value' }, bar.caption ?? String(bar.value)));
    group.append(svg('text', { x: x + slot * 0.35, y: bottom + 14, 'text-anchor': 'middle', class: 'label' }, bar.label));
    if (bar.sublabel) group.append(svg('text', { x: x + slot * 0.35, y: bottom + 28, 'text-anchor': 'middle', class: 'label' }, bar.sublabel));
    chart.append(group);
  });
  chart.append(svg('line', { x1: 0, x2: width, y1: bottom, y2: bottom, class: 'axis' }));
  return chart;
}
