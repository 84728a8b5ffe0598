// Line icons for the areas, drawn for Stadtkern (24×24, stroke = currentColor).
import type { JSX } from 'preact';
import type { AreaId } from '../i18n';

type ToolIcon =
  | 'menu'
  | 'close'
  | 'globe'
  | 'arrow'
  | 'search'
  | 'external'
  | 'phone'
  | 'mail'
  | 'pin'
  | 'office'
  | 'accessible'
  | 'transit'
  | 'download'
  | 'lock';

const paths: Record<AreaId | ToolIcon, JSX.Element> = {
  assistent: (
    <>
      <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A1.5 1.5 0 0 1 4 14.5z" />
      <path d="M8.5 9.5h.01M12 9.5h.01M15.5 9.5h.01" stroke-width="2.6" />
    </>
  ),
  leistungen: (
    <>
      <path d="M6 2.5h8.5L19 7v14.5H6z" />
      <path d="M14 2.5V7.5h5M9 11.5h7M9 15h7M9 18.5h4" />
    </>
  ),
  termine: (
    <>
      <rect x="3.5" y="5" width="17" height="15.5" rx="2" />
      <path d="M3.5 10h17M8 3v4M16 3v4" />
      <path d="M8.5 14.5l2 2 4-4" />
    </>
  ),
  konto: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21c.6-4.2 3.8-6.5 8-6.5s7.4 2.3 8 6.5" />
    </>
  ),
  maengelmelder: (
    <>
      <path d="M12 21.5s-7-6.3-7-12a7 7 0 0 1 14 0c0 5.7-7 12-7 12z" />
      <path d="M12 6v4.5M12 13.2h.01" stroke-width="2.4" />
    </>
  ),
  opendata: (
    <>
      <ellipse cx="12" cy="5.5" rx="7.5" ry="2.8" />
      <path d="M4.5 5.5v13c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8v-13" />
      <path d="M4.5 12c0 1.5 3.4 2.8 7.5 2.8s7.5-1.3 7.5-2.8" />
    </>
  ),
  sensoren: (
    <>
      <circle cx="12" cy="12" r="2.2" />
      <path d="M8.2 8.2a5.4 5.4 0 0 0 0 7.6M15.8 8.2a5.4 5.4 0 0 1 0 7.6M5.2 5.2a9.6 9.6 0 0 0 0 13.6M18.8 5.2a9.6 9.6 0 0 1 0 13.6" />
    </>
  ),
  cockpit: (
    <>
      <path d="M3.5 20.5h17" />
      <path d="M6 20.5V13M10.5 20.5V8M15 20.5v-9M19.5 20.5V5" stroke-width="2.6" />
    </>
  ),
  verwaltung: (
    <>
      <path d="M3 9.5L12 4l9 5.5z" />
      <path d="M5.5 10.5v8M10 10.5v8M14 10.5v8M18.5 10.5v8M3 21h18M4 18.5h16" />
    </>
  ),
  entwickler: (
    <>
      <path d="M8 7l-5 5 5 5M16 7l5 5-5 5M13.5 4.5l-3 15" />
    </>
  ),
  menu: <path d="M4 6.5h16M4 12h16M4 17.5h16" />,
  close: <path d="M6 6l12 12M18 6L6 18" />,
  globe: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c2.3 2.3 3.4 5.2 3.4 8.5s-1.1 6.2-3.4 8.5c-2.3-2.3-3.4-5.2-3.4-8.5s1.1-6.2 3.4-8.5z" />
    </>
  ),
  arrow: <path d="M5 12h13M13 6.5l5.5 5.5-5.5 5.5" />,
  search: (
    <>
      <circle cx="10.5" cy="10.5" r="6" />
      <path d="M15 15l5 5" />
    </>
  ),
  external: <path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" />,
  phone: (
    <path d="M6.5 3.5h3l1.5 4-2 1.3a11 11 0 0 0 5.2 5.2l1.3-2 4 1.5v3a2 2 0 0 1-2 2A15.5 15.5 0 0 1 4.5 5.5a2 2 0 0 1 2-2z" />
  ),
  mail: (
    <>
      <rect x="3" y="5.5" width="18" height="13" rx="2" />
      <path d="M3.5 7l8.5 6.5L20.5 7" />
    </>
  ),
  pin: (
    <>
      <path d="M12 21.5s-7-6.3-7-12a7 7 0 0 1 14 0c0 5.7-7 12-7 12z" />
      <circle cx="12" cy="9.5" r="2.6" />
    </>
  ),
  office: (
    <>
      <path d="M4 21V8.5L12 4l8 4.5V21" />
      <path d="M2.5 21h19M9.5 21v-5h5v5M8 11h.01M12 11h.01M16 11h.01" />
    </>
  ),
  accessible: (
    <>
      <circle cx="11" cy="4.5" r="1.8" />
      <path d="M11 7.5v6h5.5l2.5 5.5M11 10.5h5M8 10.7a5.5 5.5 0 1 0 7.6 7.3" />
    </>
  ),
  transit: (
    <>
      <rect x="5" y="3" width="14" height="14.5" rx="2.5" />
      <path d="M5 11h14M8.5 14.3h.01M15.5 14.3h.01M8 17.5L6.5 21M16 17.5l1.5 3.5M9 6h6" />
    </>
  ),
  download: <path d="M12 3.5v11.5M7 10.5l5 5 5-5M4.5 20h15" />,
  lock: (
    <>
      <rect x="5" y="10.5" width="14" height="10" rx="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
    </>
  ),
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 24, class: cls }: { name: IconName; size?: number; class?: string }) {
  return (
    <svg
      class={cls ? `icon ${cls}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  );
}
