import { wrapLabel } from '../lib/corpus-labels.js';

/**
 * A category-axis label that fits: wrapped onto two lines, shortened with "…" only when it still
 * does not fit, and always with the full name as its SVG <title> (the browser's tooltip).
 */
export function WrappedTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const full = String(props.payload?.value ?? '').replace(/_/g, ' ');
  const { lines } = wrapLabel(full);
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0);
  const lineHeight = 13;
  const top = y - ((lines.length - 1) * lineHeight) / 2;
  return (
    <g className="wrapped-tick">
      <title>{full}</title>
      <text x={x - 6} y={top} textAnchor="end" dominantBaseline="middle" fontSize={12} fill="currentColor">
        {lines.map((l, i) => (
          <tspan key={i} x={x - 6} dy={i === 0 ? 0 : lineHeight}>
            {l}
          </tspan>
        ))}
      </text>
    </g>
  );
}
