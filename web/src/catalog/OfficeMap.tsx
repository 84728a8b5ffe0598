// Where an office is, on a Leaflet map. Leaflet and its CSS are loaded only
// when a map is shown. The background tiles come from the server's
// configuration (GET /api/map-config → tile_url); without one there is no
// tile layer at all (no request to any other server): the marker stands on
// a neutral background and the page says so. The map is keyboard operable
// (Leaflet: arrows pan, +/- zoom); the address next to it is its text
// alternative.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Map as LeafletMap } from 'leaflet';
import { useI18n } from '../i18n';
import { getJson, type MapConfig, type Office } from './api';

const PIN = `<svg viewBox="0 0 36 48" width="36" height="48" aria-hidden="true" focusable="false">
<path d="M18 46.5S3 29.6 3 18a15 15 0 0 1 30 0c0 11.6-15 28.5-15 28.5z" fill="#0f4c5c" stroke="#ffffff" stroke-width="2.5"/>
<circle cx="18" cy="18" r="6.5" fill="#e8a33d"/></svg>`;

type Background = { state: 'loading' } | { state: 'tiles'; url: string; attribution: string } | { state: 'none' };

/** The configured map background; a server without /api/map-config has none. */
export function useMapBackground(): Background {
  const [bg, setBg] = useState<Background>({ state: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    getJson<MapConfig>('/api/map-config', ctrl.signal).then(
      (c) =>
        setBg(
          typeof c.tile_url === 'string' && c.tile_url
            ? { state: 'tiles', url: c.tile_url, attribution: c.attribution ?? '' }
            : { state: 'none' },
        ),
      () => !ctrl.signal.aborted && setBg({ state: 'none' }),
    );
    return () => ctrl.abort();
  }, []);
  return bg;
}

export function OfficeMap({ office, describedBy }: { office: Pick<Office, 'id' | 'name' | 'position'>; describedBy: string }) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const bg = useMapBackground();
  const [failed, setFailed] = useState(false);
  const { lat, lon } = office.position;

  useEffect(() => {
    if (bg.state === 'loading' || !el.current) return;
    let map: LeafletMap | undefined;
    let cancelled = false;
    Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')])
      .then(([L]) => {
        if (cancelled || !el.current) return;
        map = L.map(el.current, {
          center: [lat, lon],
          zoom: 16,
          minZoom: 11,
          maxZoom: 19,
          zoomControl: false,
          attributionControl: bg.state === 'tiles',
          keyboard: true,
          scrollWheelZoom: false,
          dragging: !L.Browser.mobile,
        });
        L.control.zoom({ zoomInTitle: t.office.zoomIn, zoomOutTitle: t.office.zoomOut }).addTo(map);
        if (bg.state === 'tiles') {
          map.attributionControl.setPrefix(false);
          L.tileLayer(bg.url, { attribution: bg.attribution, maxZoom: 19 }).addTo(map);
        }
        L.marker([lat, lon], {
          icon: L.divIcon({ className: 'map-pin', html: PIN, iconSize: [36, 48], iconAnchor: [18, 47] }),
          interactive: false,
          keyboard: false,
        }).addTo(map);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      map?.remove();
    };
    // The zoom titles are set once; the map is rebuilt for another office.
  }, [bg.state, lat, lon]);

  return (
    <div class={`office-map-frame ${bg.state === 'none' ? 'no-tiles' : ''}`}>
      <div
        ref={el}
        class="office-map"
        role="region"
        aria-label={t.office.mapLabel(office.name)}
        aria-describedby={describedBy}
      />
      {bg.state === 'none' && (
        <p class="map-note">
          <strong>{t.office.noTiles}.</strong> {t.office.noTilesNote}
        </p>
      )}
      {failed && <p class="map-note">{t.office.mapFailed}</p>}
    </div>
  );
}
