import type { AreaId } from './i18n';

export interface Area {
  id: AreaId;
  path: string;
}

// The areas of the portal, in navigation order. Names and texts live in
// the dictionary (i18n.tsx) under areas.<id>.
export const AREAS: readonly Area[] = [
  { id: 'assistent', path: '/assistent' },
  { id: 'leistungen', path: '/leistungen' },
  { id: 'termine', path: '/termine' },
  { id: 'konto', path: '/konto' },
  { id: 'maengelmelder', path: '/maengelmelder' },
  { id: 'opendata', path: '/daten' },
  { id: 'sensoren', path: '/sensoren' },
  { id: 'cockpit', path: '/cockpit' },
  { id: 'verwaltung', path: '/verwaltung' },
  { id: 'entwickler', path: '/entwickler' },
];

export const LEGAL_PAGES = ['impressum', 'datenschutz', 'barrierefreiheit'] as const;
export type LegalPage = (typeof LEGAL_PAGES)[number];
