// A handle between two panes: drag it, or focus it and use the arrow keys. The size is saved in the
// settings when the drag ends, so the layout is the same after a restart.
import { useRef } from 'react';

interface Props {
  orientation: 'horizontal' | 'vertical';
  /** Current size of the pane the handle resizes, in its unit (percent or pixels). */
  value: number;
  min: number;
  max: number;
  /** From a pointer position to the new size. */
  fromPointer: (e: PointerEvent) => number;
  onChange: (v: number) => void;
  onCommit: (v: number) => void;
  label: string;
  step?: number;
  /** The resized pane comes after the handle (the terminal): moving the handle up or left grows it. */
  paneAfter?: boolean;
}

export function Splitter({
  orientation,
  value,
  min,
  max,
  fromPointer,
  onChange,
  onCommit,
  label,
  step = 2,
  paneAfter = false,
}: Props) {
  const last = useRef(value);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));
  return (
    <div
      className={`splitter splitter-${orientation}`}
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-label={label}
      onPointerDown={(e) => {
        e.preventDefault();
        const el = e.currentTarget;
        el.setPointerCapture(e.pointerId);
        const move = (ev: PointerEvent) => {
          last.current = clamp(fromPointer(ev));
          onChange(last.current);
        };
        const up = () => {
          el.removeEventListener('pointermove', move);
          el.removeEventListener('pointerup', up);
          onCommit(last.current);
        };
        el.addEventListener('pointermove', move);
        el.addEventListener('pointerup', up);
      }}
      onKeyDown={(e) => {
        const back = ['ArrowUp', 'ArrowLeft'];
        const forward = ['ArrowDown', 'ArrowRight'];
        const [grow, shrink] = paneAfter ? [back, forward] : [forward, back];
        const d = grow.includes(e.key) ? step : shrink.includes(e.key) ? -step : 0;
        if (!d) return;
        e.preventDefault();
        const v = clamp(value + d);
        onChange(v);
        onCommit(v);
      }}
    />
  );
}
