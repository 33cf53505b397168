// A handful of 16px line icons, inline so the CSP needs no image source.
const PATHS = {
  overview: 'M2 2h5v5H2zM9 2h5v3H9zM9 7h5v7H9zM2 9h5v5H2z',
  targets:
    'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2zm0 3a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm0 2.5a.5.5 0 1 0 0 1 .5.5 0 0 0 0-1z',
  dashboard: 'M2 13l3.5-5 3 3L14 3M2 14h12',
  preflight: 'M3 8.5l3 3 7-7M3 2h10M3 14h10',
  settings:
    'M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.5 1.5M11.5 11.5L13 13M3 13l1.5-1.5M11.5 4.5L13 3',
  external: 'M9 2h5v5M14 2L7 9M12 9v5H2V4h5',
  copy: 'M5 5h9v9H5zM2 11V2h9',
  play: 'M4 2.5v11l9-5.5z',
  stop: 'M3.5 3.5h9v9h-9z',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2v3h-3',
  pause: 'M5 3v10M11 3v10',
  send: 'M2 8l12-6-4 12-2.5-4.5z',
  code: 'M5.5 4L2 8l3.5 4M10.5 4L14 8l-3.5 4',
  close: 'M4 4l8 8M12 4l-8 8',
  traces: 'M2 3h7M4 6.5h8M6 10h4M8 13.5h6',
  logs: 'M3 3h10M3 6.5h10M3 10h7M3 13.5h5',
  plus: 'M8 3v10M3 8h10',
  alerts: 'M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11zM6.5 14h3',
  explore: 'M7 2a5 5 0 1 0 0 10A5 5 0 0 0 7 2zM10.5 10.5L14 14',
  zoomOut: 'M7 2a5 5 0 1 0 0 10A5 5 0 0 0 7 2zM10.5 10.5L14 14M4.5 7h5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
