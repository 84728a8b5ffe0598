// All sensors on a Leaflet map, one round marker per sensor in its type's
// colour with the type's letter. Tiles as on the office pages (the server's
// /api/map-config; without it a neutral background). Choosing a marker
// (click, or Enter when focused) selects the sensor; the list below the map
// is the text alternative.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Map as LeafletMap, LayerGroup } from 'leaflet';
import { useMapBackground } from '../catalog/OfficeMap';
import { TYPE_BY_NAME, type Sensor } from './model';

type Leaflet = typeof import('leaflet');

export function SensorMap({ sensors, selected, onSelect }: { sensors: Sensor[]; selected: string | null; onSelect: (id: string) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const bg = useMapBackground();
  const [lib, setLib] = useState<{ L: Leaflet; map: LeafletMap; layer: LayerGroup } | null>(null);
  const [failed, setFailed] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (bg.state === 'loading' || !el.current) return;
    let map: LeafletMap | undefined;
    let cancelled = false;
    Promise.all([import('leaflet'), import('leaflet/dist/leaflet.css')])
      .then(([L]) => {
        if (cancelled || !el.current) return;
        map = L.map(el.current, {
          center: [51.5136, 7.4653],
          zoom: 14,
          minZoom: 11,
          maxZoom: 19,
          zoomControl: false,
          attributionControl: bg.state === 'tiles',
          keyboard: true,
          scrollWheelZoom: false,
          dragging: !L.Browser.mobile,
        });
        L.control.zoom({ zoomInTitle: 'Vergrößern', zoomOutTitle: 'Verkleinern' }).addTo(map);
        if (bg.state === 'tiles') {
          map.attributionControl.setPrefix(false);
          L.tileLayer(bg.url, { attribution: bg.attribution, maxZoom: 19 }).addTo(map);
        }
        setLib({ L, map, layer: L.layerGroup().addTo(map) });
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      map?.remove();
      setLib(null);
    };
  }, [bg.state]);

  useEffect(() => {
    if (!lib) return;
    const { L, map, layer } = lib;
    layer.clearLayers();
    for (const s of sensors) {
      const t = TYPE_BY_NAME.get(s.type);
      if (!t) continue;
      const isSel = s.id === selected;
      const size = isSel ? 30 : 22;
      const marker = L.marker([s.lat, s.lon], {
        icon: L.divIcon({
          className: `sensor-marker${isSel ? ' selected' : ''}`,
          // Colours by class: the CSP allows no inline style attributes.
          html: `<span class="sensor-marker-${t.symbol}">${t.symbol}</span>`,
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2],
        }),
        title: `${t.name}: ${s.name}`,
        alt: `${t.name}: ${s.name}`,
        keyboard: true,
        zIndexOffset: isSel ? 1000 : 0,
      });
      marker.on('click', () => select.current(s.id));
      marker.addTo(layer);
    }
    if (sensors.length > 0 && !selected) map.fitBounds(L.latLngBounds(sensors.map((s) => [s.lat, s.lon] as [number, number])).pad(0.05));
  }, [lib, sensors, selected]);

  useEffect(() => {
    if (!lib || !selected) return;
    const s = sensors.find((x) => x.id === selected);
    if (s && !lib.map.getBounds().contains([s.lat, s.lon])) lib.map.panTo([s.lat, s.lon]);
  }, [lib, selected]);

  return (
    <div class={`office-map-frame sensor-map-frame ${bg.state === 'none' ? 'no-tiles' : ''}`}>
      <div ref={el} class="office-map sensor-map" role="region" aria-label="Karte der Sensoren" aria-describedby="sensor-map-note" />
      <p id="sensor-map-note" class="visually-hidden">
        Alle Sensoren stehen auch in der Liste unter der Karte.
      </p>
      {bg.state === 'none' && (
        <p class="map-note">
          <strong>Ohne Kartenhintergrund.</strong> Für diese Installation ist kein Kartendienst eingerichtet; die Punkte zeigen die Lage der Sensoren zueinander.
        </p>
      )}
      {failed && <p class="map-note">Die Karte konnte nicht geladen werden. Die Liste unten zeigt alle Sensoren.</p>}
    </div>
  );
}
