import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatRowView } from '../api/types.js';
import { WrappedTick } from './corpus-chart-tick.js';

/**
 * Upheld and overturned items per group as stacked bars that read without colour: upheld solid,
 * overturned hatched, each segment named in words where it is wide enough, and at the bar's end
 * the overturn rate with its 95% interval and count ("†" marks a small sample).
 */
const UPHELD_FILL = '#8c1d16';
const OVERTURNED_STROKE = '#1e6b3a';

const pct = (x: number) => `${Math.round(x * 100)}%`;

function rateLabel(r: StatRowView): string {
  if (r.overturnRate === null || r.overturnInterval === null) return '';
  return `${pct(r.overturnRate)} overturned (${pct(r.overturnInterval.low)}–${pct(r.overturnInterval.high)}), n=${r.items.toLocaleString()}${r.smallSample ? ' †' : ''}`;
}

/** A segment's name written inside it, when it is wide enough to hold the word. */
function inside(word: string, colour: string) {
  return function SegmentLabel(p: { x?: number | string; y?: number | string; width?: number | string; height?: number | string }) {
    const [x, y, w, h] = [Number(p.x ?? 0), Number(p.y ?? 0), Number(p.width ?? 0), Number(p.height ?? 0)];
    if (w < word.length * 7 + 8) return null;
    return (
      <text x={x + 4} y={y + h / 2} dominantBaseline="middle" fontSize={11} fontWeight={600} fill={colour} stroke="#fff" strokeWidth={word === 'Overturned' ? 3 : 0} paintOrder="stroke">
        {word}
      </text>
    );
  };
}

export function CorpusRateBars({ id, rows }: { id: string; rows: StatRowView[] }) {
  const data = rows.map((r) => ({ ...r, rateText: rateLabel(r) }));
  const height = Math.max(160, 34 * data.length + 60);
  return (
    <div style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <defs>
            <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#e3f1e8" />
              <line x1="0" y1="0" x2="0" y2="6" stroke={OVERTURNED_STROKE} strokeWidth="2.5" />
            </pattern>
          </defs>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 12 }} allowDecimals={false} />
          <YAxis yAxisId="key" type="category" dataKey="key" width={190} interval={0} tick={(p) => <WrappedTick {...p} />} />
          {/* The rate of every row, zero-overturned ones included, as a second axis of labels at the bars' right. */}
          <YAxis yAxisId="rate" orientation="right" type="category" dataKey="rateText" width={205} interval={0} axisLine={false} tickLine={false} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, name) => [Number(v).toLocaleString(), name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="key" dataKey="upheld" name="Upheld (denial stands)" stackId="a" fill={UPHELD_FILL} isAnimationActive={false}>
            <LabelList dataKey="upheld" content={inside('Upheld', '#fff')} />
          </Bar>
          <Bar yAxisId="key" dataKey="overturned" name="Overturned (treatment approved), hatched" stackId="a" fill={`url(#${id}-hatch)`} stroke={OVERTURNED_STROKE} isAnimationActive={false}>
            <LabelList dataKey="overturned" content={inside('Overturned', '#0d3b1f')} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
