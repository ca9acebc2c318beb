// Small SVG charts for the reports page, drawn from the figures themselves (no chart library): stacked bars,
// bars against a target line, and lines with points. Colours come from CSS classes (.s-…), never inline styles.
// Each chart is an image with a title and a description; every bar and point carries its value as a tooltip,
// and the page shows the same figures as a table beside it.

import { node } from './dom.js';
import { shortDate } from './zoned.js';

const NS = 'http://www.w3.org/2000/svg';
const W = 720;
const H = 260;
const M = { left: 52, right: 16, top: 16, bottom: 44 };
let charts = 0;

export function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, String(v)));
  if (text != null) e.textContent = text;
  return e;
}

/** A round top for the y axis: 1, 2, 2.5 or 5 times a power of ten, at least the largest value. */
export function niceMax(max) {
  if (!(max > 0)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(max)));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** A top for an axis of counts, with its four grid lines on whole numbers: 4 × 1, 2 or 5 times a power of ten. */
export function countMax(max) {
  for (let power = 1; ; power *= 10) {
    for (const step of [1, 2, 5]) {
      if (4 * step * power >= max) return 4 * step * power;
    }
  }
}

/**
 * An empty chart: title, description, a y axis from 0 to yMax with four grid lines, and a label under at most 14
 * of the columns ({@code label} turns a column's key into its label; days by default).
 */
export function frame(title, description, days, yMax, yFormat, label) {
  const id = 'chart-' + (++charts);
  const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-labelledby': id + '-t ' + id + '-d',
    class: 'chart' });
  root.append(svg('title', { id: id + '-t' }, title), svg('desc', { id: id + '-d' }, description));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v) => M.top + plotH - (v / yMax) * plotH;
  const band = plotW / Math.max(days.length, 1);
  const x = (i) => M.left + i * band;
  const grid = svg('g', { class: 'axes', 'aria-hidden': 'true' });
  for (let k = 0; k <= 4; k++) {
    const v = (yMax * k) / 4;
    grid.append(svg('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }),
      svg('text', { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, yFormat(v)));
  }
  const every = Math.ceil(days.length / 14); // at most 14 day labels
  days.forEach((d, i) => {
    if (i % every === 0) {
      grid.append(svg('text', { x: x(i) + band / 2, y: H - M.bottom + 16, 'text-anchor': 'middle' }, (label || shortDate)(d)));
    }
  });
  root.appendChild(grid);
  return { root, x, y, band, plotH };
}

/**
 * Bars per day, one segment per series stacked in order. series: [{label, cls, values}], values per day.
 */
export function stackedBars(title, description, days, series) {
  const totals = days.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] || 0), 0));
  const yMax = countMax(Math.max(...totals, 0));
  const f = frame(title, description, days, yMax, (v) => String(v));
  const bars = svg('g', { class: 'bars' });
  days.forEach((d, i) => {
    let base = 0;
    series.forEach((s) => {
      const v = s.values[i] || 0;
      if (v > 0) {
        const rect = svg('rect', { x: f.x(i) + f.band * 0.15, width: f.band * 0.7, y: f.y(base + v),
          height: f.y(base) - f.y(base + v), class: s.cls });
        rect.dataset.day = d;
        rect.dataset.series = s.key;
        rect.appendChild(svg('title', null, shortDate(d) + ' — ' + s.label + ' : ' + v));
        bars.appendChild(rect);
      }
      base += v;
    });
  });
  f.root.appendChild(bars);
  return figure(f.root, series);
}

/** Bars per day of a ratio (0–1, null: nothing to measure) against a dashed target line. */
export function ratioBars(title, description, days, values, target, label) {
  const f = frame(title, description, days, 1, (v) => Math.round(v * 100) + ' %');
  const bars = svg('g', { class: 'bars' });
  days.forEach((d, i) => {
    const v = values[i];
    if (v == null) {
      bars.appendChild(svg('text', { x: f.x(i) + f.band / 2, y: f.y(0) - 4, 'text-anchor': 'middle', class: 'none' }, '—'));
      return;
    }
    const below = target != null && v < target;
    const rect = svg('rect', { x: f.x(i) + f.band * 0.2, width: f.band * 0.6, y: f.y(v), height: f.y(0) - f.y(v),
      class: below ? 's-below' : 's-level' });
    rect.dataset.day = d;
    rect.appendChild(svg('title', null, shortDate(d) + ' — ' + Math.round(v * 100) + ' % ' + label
      + (below ? ' (sous l\'objectif)' : '')));
    bars.appendChild(rect);
  });
  f.root.appendChild(bars);
  const legend = [{ label: label, cls: 's-level' }, { label: 'sous l\'objectif', cls: 's-below' }];
  if (target != null) {
    const line = svg('line', { x1: M.left, x2: W - M.right, y1: f.y(target), y2: f.y(target), class: 'target' });
    line.appendChild(svg('title', null, 'objectif : ' + Math.round(target * 100) + ' %'));
    f.root.appendChild(line);
    legend.push({ label: 'objectif ' + Math.round(target * 100) + ' %', cls: 's-target' });
  }
  return figure(f.root, legend);
}

/** Lines with points per day; a null value leaves a gap. series: [{key, label, cls, values}]. */
export function lines(title, description, days, series, unit) {
  const all = series.flatMap((s) => s.values.filter((v) => v != null));
  const yMax = niceMax(Math.max(...all, 0));
  const f = frame(title, description, days, yMax, (v) => Math.round(v) + ' ' + unit);
  series.forEach((s) => {
    const g = svg('g', { class: 'series ' + s.cls });
    let path = '';
    let gap = true;
    s.values.forEach((v, i) => {
      if (v == null) {
        gap = true;
        return;
      }
      const cx = f.x(i) + f.band / 2;
      path += (gap ? 'M' : 'L') + cx.toFixed(1) + ',' + f.y(v).toFixed(1) + ' ';
      gap = false;
      const dot = svg('circle', { cx: cx, cy: f.y(v), r: 4 });
      dot.dataset.day = days[i];
      dot.dataset.series = s.key;
      dot.appendChild(svg('title', null, shortDate(days[i]) + ' — ' + s.label + ' : ' + v + ' ' + unit));
      g.appendChild(dot);
    });
    g.insertBefore(svg('path', { d: path.trim() }), g.firstChild);
    f.root.appendChild(g);
  });
  return figure(f.root, series);
}

function figure(chart, legend) {
  const wrap = node('div', 'chart-wrap');
  const list = node('ul', 'legend');
  legend.forEach((s) => {
    const li = node('li');
    li.append(node('span', 'swatch ' + s.cls), document.createTextNode(s.label));
    list.appendChild(li);
  });
  wrap.append(chart, list);
  return wrap;
}
