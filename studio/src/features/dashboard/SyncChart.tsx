'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Empty } from '@/components/ui';

export type SyncPoint = { at: string; synced: number; errors: number };

function label(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** Records synced and errors per time bucket. */
export function SyncChart({ points }: { points: SyncPoint[] }) {
  if (points.length === 0 || points.every((p) => p.synced === 0 && p.errors === 0)) {
    return <Empty title="No records synced in this period yet">The chart fills in as runs finish.</Empty>;
  }
  const data = points.map((p) => ({ ...p, label: label(p.at) }));
  return (
    <div style={{ width: '100%', height: 220 }} data-testid="sync-chart" role="img" aria-label={`Records synced and errors over time: ${points.reduce((a, p) => a + p.synced, 0)} synced, ${points.reduce((a, p) => a + p.errors, 0)} errors`}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="synced" name="Records synced" fill="#2f5bd3" />
          <Bar dataKey="errors" name="Errors" fill="#c0392b" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
