import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatRowView } from '../api/types.js';
import { periodLabel, timeSeries, type TimePoint, type TimeUnit } from '../lib/corpus-time-axis.js';

const RATE = '#1d5aa6';

/** A point of the line: filled where the rate rests on enough items, hollow on a small sample. */
function RateDot(p: { cx?: number; cy?: number; payload?: TimePoint; index?: number }) {
  if (p.cx === undefined || p.cy === undefined || !p.payload || p.payload.ratePct === null) return <g key={p.index} />;
  return <circle key={p.index} cx={p.cx} cy={p.cy} r={3.5} stroke={RATE} strokeWidth={1.5} fill={p.payload.smallSample ? '#fff' : RATE} />;
}

function TipContent({ active, payload, unit }: { active?: boolean; payload?: ReadonlyArray<{ payload?: TimePoint }>; unit: TimeUnit }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tip">
      <strong>{periodLabel(p.t, unit)}</strong>
      <div>
        {p.ratePct === null
          ? 'No letters'
          : `${p.ratePct}% overturned (95% CI ${p.band?.[0]}–${p.band?.[1]}%), n=${p.items.toLocaleString()}${p.smallSample ? ' — small sample' : ''}`}
      </div>
    </div>
  );
}

/**
 * The overturn rate over time on a real time axis (periods placed by date, gaps as breaks in the
 * line), with its 95% interval as a shaded band and hollow points for small samples.
 */
export function CorpusTimeChart({ rows, unit }: { rows: StatRowView[]; unit: TimeUnit }) {
  const { points, domain, ticks } = timeSeries(rows, unit);
  if (!domain) return <p className="muted small">No dated letters.</p>;
  return (
    <div style={{ width: '100%', height: 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="t" domain={domain[0] === domain[1] ? [domain[0] - 1, domain[1] + 1] : domain} ticks={ticks} tickFormatter={(t: number) => periodLabel(t, unit)} tick={{ fontSize: 12 }} />
          <YAxis unit="%" tick={{ fontSize: 12 }} domain={[0, 100]} />
          <Tooltip content={(p) => <TipContent active={p.active} payload={p.payload as ReadonlyArray<{ payload?: TimePoint }>} unit={unit} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area dataKey="band" name="95% interval" stroke="none" fill={RATE} fillOpacity={0.15} connectNulls={false} isAnimationActive={false} />
          <Line dataKey="ratePct" name="Overturn rate (%); hollow point: fewer than 30 items" stroke={RATE} strokeWidth={2} connectNulls={false} dot={(p) => <RateDot {...p} />} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
