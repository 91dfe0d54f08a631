import { useEffect, useState } from 'react';

/** The wall clock, re-read every `ms`: countdowns are computed from recorded instants, never counted. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function formatDuration(ms: number): string {
  const neg = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${neg ? '−' : ''}${h > 0 ? `${h}:${p(m)}` : `${m}`}:${p(s)}`;
}

/** A clock time as operators read it at night: 24-hour HH:MM. */
export function hhmm(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}
