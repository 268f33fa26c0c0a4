/**
 * The rate-shock curve as a small inline SVG, drawn by code: the share of the screened rows
 * below 1x and below 1.5x ICR as the shock runs from 0 to +500 bp, the screen's own shock
 * marked. No chart library: two polylines, a few labels and the mark cost less than any
 * library's import, and every node is made with createElementNS, so no text from anywhere is
 * parsed as markup (the figures are numbers; the labels are the code's own words).
 *
 * Accessible as one image: role="img" with a <title> and a <desc> holding the figures
 * (`describeShockCurve`), referenced by aria-labelledby and aria-describedby.
 */
import { describeShockCurve, shareOrNull, type ShockCurve } from "../core/sweep";

const SVG = "http://www.w3.org/2000/svg";

/** What the picture draws: one value (or a gap) per shock and line. */
export interface CurvePlot {
  readonly shocks: readonly number[];
  readonly marked: number;
  readonly lines: readonly { readonly label: string; readonly values: readonly (number | null)[] }[];
}

export function curvePlot(curve: ShockCurve): CurvePlot {
  return {
    shocks: curve.shocks,
    marked: curve.marked,
    lines: curve.lines.map((line) => ({ label: `below ${line.threshold}x`, values: line.points.map(shareOrNull) })),
  };
}

function node<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string | number>>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

const WIDTH = 280;
const HEIGHT = 150;
const PAD = { left: 34, right: 10, top: 10, bottom: 30 };
/** One class per line, in the order of `lines`: colours live in taskpane.css. */
const LINE_CLASSES = ["curve-line curve-1", "curve-line curve-2"];

/**
 * The curve as an <svg>. `id` prefixes the ids of its title and description (unique in the page).
 * The y axis runs from 0 to the next 10% above the highest share.
 */
export function shockCurveSvg(plot: CurvePlot, id: string, title: string, description: string): SVGSVGElement {
  const { shocks, marked, lines } = plot;
  const svg = node("svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: WIDTH,
    height: HEIGHT,
    role: "img",
    class: "shock-curve",
    "aria-labelledby": `${id}-title`,
    "aria-describedby": `${id}-desc`,
  });
  svg.appendChild(node("title", { id: `${id}-title` }, title));
  svg.appendChild(node("desc", { id: `${id}-desc` }, description));

  const lowShock = shocks[0] ?? 0;
  const highShock = shocks[shocks.length - 1] ?? 500;
  let top = 0;
  for (const line of lines) for (const v of line.values) if (v !== null && v > top) top = v;
  const maxShare = Math.min(1, Math.max(0.1, Math.ceil(top * 10 + 1e-9) / 10));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (bp: number): number => PAD.left + (highShock === lowShock ? 0 : ((bp - lowShock) / (highShock - lowShock)) * plotW);
  const y = (share: number): number => PAD.top + plotH - (share / maxShare) * plotH;
  const fixed = (n: number): string => n.toFixed(1);

  const axes = node("g", { class: "curve-axes", "aria-hidden": "true" });
  axes.appendChild(node("line", { x1: PAD.left, y1: PAD.top + plotH, x2: PAD.left + plotW, y2: PAD.top + plotH }));
  axes.appendChild(node("line", { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + plotH }));
  for (const share of [0, maxShare / 2, maxShare]) {
    axes.appendChild(node("text", { x: PAD.left - 4, y: fixed(y(share) + 3), "text-anchor": "end" }, `${Math.round(share * 100)}%`));
  }
  for (const bp of [lowShock, (lowShock + highShock) / 2, highShock]) {
    axes.appendChild(node("text", { x: fixed(x(bp)), y: PAD.top + plotH + 12, "text-anchor": "middle" }, `${bp > 0 ? "+" : ""}${bp}`));
  }
  axes.appendChild(node("text", { x: PAD.left + plotW / 2, y: HEIGHT - 4, "text-anchor": "middle" }, "rate shock (bp)"));
  svg.appendChild(axes);

  // The screen's own shock: a dashed vertical line, then a dot on each curve.
  const mark = node("g", { class: "curve-mark", "aria-hidden": "true" });
  mark.appendChild(node("line", { x1: fixed(x(marked)), y1: PAD.top, x2: fixed(x(marked)), y2: PAD.top + plotH }));
  svg.appendChild(mark);

  lines.forEach((line, k) => {
    const group = node("g", { class: LINE_CLASSES[k % LINE_CLASSES.length], "aria-hidden": "true" });
    // A gap where no company was counted: the line is broken there, not drawn through zero.
    let points: string[] = [];
    const flush = (): void => {
      if (points.length > 0) group.appendChild(node("polyline", { points: points.join(" ") }));
      points = [];
    };
    line.values.forEach((v, i) => {
      if (v === null) flush();
      else points.push(`${fixed(x(shocks[i]))},${fixed(y(v))}`);
    });
    flush();
    const at = line.values[shocks.indexOf(marked)];
    if (at !== null && at !== undefined) group.appendChild(node("circle", { cx: fixed(x(marked)), cy: fixed(y(at)), r: 3.5 }));
    const last = line.values[line.values.length - 1];
    if (last !== null && last !== undefined) {
      // The lower line (below 1x never exceeds below 1.5x) is labelled under itself, the other above.
      const dy = k === 0 && lines.length > 1 ? 12 : -5;
      group.appendChild(node("text", { x: fixed(x(highShock) - 2), y: fixed(y(last) + dy), "text-anchor": "end" }, line.label));
    }
    svg.appendChild(group);
  });
  return svg;
}

/** The pane's figure for a screen's curve, with its figures in words. */
export function shockCurveFigure(curve: ShockCurve): SVGSVGElement {
  return shockCurveSvg(curvePlot(curve), "shock-curve", `Rate shock: share of the screened rows below 1x and 1.5x ICR, 0 to +500 bp (this screen: +${curve.marked} bp)`, describeShockCurve(curve));
}
