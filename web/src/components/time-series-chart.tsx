// The one chart primitive: a thin React wrapper over uPlot for per-minute series (volume, sentiment, response
// times). It owns the uPlot instance: builds it when the series set changes, pushes new data in place,
// follows its container's width, and destroys it on unmount.
import 'uplot/dist/uPlot.min.css';
import { Box } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';

export interface TimeSeries {
  label: string;
  /** One value per timestamp; null leaves a gap. */
  values: readonly (number | null)[];
  /** Any CSS colour; defaults to the palette in order. */
  color?: string;
  /** Line dash pattern in pixels (e.g. [6, 4] for a baseline). */
  dash?: number[];
  /** Line width in pixels (default 2; 0 draws no line, e.g. for a band's edges). */
  width?: number;
}

/** A filled area between two series (indexes into `series`), e.g. a baseline's expected band. */
export interface ChartBand {
  upper: number;
  lower: number;
  fill: string;
}

/** A vertical line at one time (unix seconds) with a short label, e.g. a signal's onset. */
export interface ChartMarker {
  at: number;
  label: string;
  color?: string;
}

export interface TimeSeriesChartProps {
  /** Unix time in seconds, ascending; the x axis. */
  timestamps: readonly number[];
  series: readonly TimeSeries[];
  /** Pixels; the width follows the container. */
  height?: number;
  /** Accessible name of the chart, read instead of the canvas. */
  label: string;
  /** Fill the area under each line (for volumes). */
  filled?: boolean;
  bands?: readonly ChartBand[];
  markers?: readonly ChartMarker[];
}

const palette = ['#4263eb', '#e8590c', '#2f9e44', '#c2255c', '#1098ad', '#7048e8', '#f08c00', '#495057'];

/** Draws each marker as a dashed vertical line with its label at the top. */
function drawMarkers(u: uPlot, markers: readonly ChartMarker[]): void {
  const { ctx } = u;
  const { top, height } = u.bbox;
  ctx.save();
  for (const marker of markers) {
    const x = Math.round(u.valToPos(marker.at, 'x', true));
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
    const color = marker.color ?? '#c92a2a';
    ctx.strokeStyle = color;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = color;
    ctx.font = `${11 * devicePixelRatio}px sans-serif`;
    ctx.fillText(marker.label, x + 4 * devicePixelRatio, top + 12 * devicePixelRatio);
  }
  ctx.restore();
}

function toAlignedData(timestamps: readonly number[], series: readonly TimeSeries[]): uPlot.AlignedData {
  return [Array.from(timestamps), ...series.map((s) => Array.from(s.values))] as uPlot.AlignedData;
}

export function TimeSeriesChart({
  timestamps,
  series,
  height = 240,
  label,
  filled = false,
  bands,
  markers,
}: TimeSeriesChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const data = useMemo(() => toAlignedData(timestamps, series), [timestamps, series]);
  const dataRef = useRef(data);
  dataRef.current = data;

  // Rebuild only when the set of series (or the height) changes; data alone is pushed with setData below.
  const shape = JSON.stringify([
    series.map((s) => [s.label, s.color ?? null, s.dash ?? null, s.width ?? null]),
    height,
    filled,
    bands ?? null,
    markers ?? null,
  ]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const options: uPlot.Options = {
      width: Math.max(container.clientWidth, 100),
      height,
      series: [
        {},
        ...series.map((s, index) => {
          const stroke = s.color ?? palette[index % palette.length] ?? '#4263eb';
          return {
            label: s.label,
            stroke,
            width: s.width ?? 2,
            spanGaps: false,
            ...(s.dash ? { dash: s.dash } : {}),
            ...(filled ? { fill: `${stroke}22` } : {}),
          } satisfies uPlot.Series;
        }),
      ],
      axes: [
        { stroke: '#868e96', grid: { stroke: '#f1f3f5' }, ticks: { stroke: '#dee2e6' } },
        { stroke: '#868e96', grid: { stroke: '#f1f3f5' }, ticks: { stroke: '#dee2e6' }, size: 56 },
      ],
      cursor: { drag: { x: true, y: false } },
      legend: { live: true },
      ...(bands ? { bands: bands.map((b) => ({ series: [b.upper + 1, b.lower + 1], fill: b.fill })) } : {}),
      ...(markers && markers.length > 0 ? { hooks: { draw: [(u: uPlot) => drawMarkers(u, markers)] } } : {}),
    };
    const plot = new uPlot(options, dataRef.current, container);
    plotRef.current = plot;

    const observer = new ResizeObserver(() => {
      const width = container.clientWidth;
      if (width > 0 && width !== plot.width) plot.setSize({ width, height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // `shape` stands for series/height/filled; data changes are handled by the next effect.
  }, [shape]);

  useEffect(() => {
    plotRef.current?.setData(data);
  }, [data]);

  return <Box ref={containerRef} role="img" aria-label={label} w="100%" mih={height} />;
}
