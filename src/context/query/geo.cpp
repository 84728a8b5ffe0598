#include "context/query/geo.hpp"

#include <boost/geometry.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "context/model/problem.hpp"
#include "core/json.hpp"

namespace context::query {
namespace {

namespace bg = boost::geometry;
namespace json = boost::json;

using Point = bg::model::d2::point_xy<double>;
using LineString = bg::model::linestring<Point>;
using Polygon = bg::model::polygon<Point, false>; // GeoJSON: exterior counter-clockwise
using GeoPoint = bg::model::point<double, 2, bg::cs::geographic<bg::degree>>;
using GeoLine = bg::model::linestring<GeoPoint>;

// Every GeoJSON geometry as its parts: points, lines and polygons.
struct Shape {
  std::vector<Point> points;
  std::vector<LineString> lines;
  std::vector<Polygon> polygons;
  bool empty() const { return points.empty() && lines.empty() && polygons.empty(); }
};

[[noreturn]] void bad(const std::string& detail) { fail(ProblemType::bad_request_data, detail); }

Point to_point(const json::value& v) {
  const auto* a = v.if_array();
  if (!a || a->size() < 2 || a->size() > 3 || !(*a)[0].is_number() || !(*a)[1].is_number())
    throw std::invalid_argument("position");
  const double lon = (*a)[0].to_number<double>(), lat = (*a)[1].to_number<double>();
  if (!std::isfinite(lon) || !std::isfinite(lat) || lon < -180 || lon > 180 || lat < -90 ||
      lat > 90)
    throw std::invalid_argument("position");
  return {lon, lat};
}

LineString to_line(const json::value& v) {
  const auto* a = v.if_array();
  if (!a || a->size() < 2) throw std::invalid_argument("line");
  LineString l;
  for (const auto& p : *a)
    l.push_back(to_point(p));
  return l;
}

Polygon to_polygon(const json::value& v) {
  const auto* rings = v.if_array();
  if (!rings || rings->empty()) throw std::invalid_argument("polygon");
  Polygon poly;
  for (std::size_t i = 0; i < rings->size(); ++i) {
    const auto* ring = (*rings)[i].if_array();
    if (!ring || ring->size() < 4) throw std::invalid_argument("ring");
    auto& target = i == 0 ? poly.outer() : (poly.inners().emplace_back(), poly.inners().back());
    for (const auto& p : *ring)
      target.push_back(to_point(p));
  }
  bg::correct(poly); // orientation and closing, whatever the client sent
  return poly;
}

// Throws std::invalid_argument for a malformed geometry.
void add_geometry(Shape& s, std::string_view type, const json::value& c) {
  const auto* a = c.if_array();
  if (type == "Point") {
    s.points.push_back(to_point(c));
  } else if (type == "LineString") {
    s.lines.push_back(to_line(c));
  } else if (type == "Polygon") {
    s.polygons.push_back(to_polygon(c));
  } else if (type == "MultiPoint" && a) {
    for (const auto& p : *a)
      s.points.push_back(to_point(p));
  } else if (type == "MultiLineString" && a) {
    for (const auto& l : *a)
      s.lines.push_back(to_line(l));
  } else if (type == "MultiPolygon" && a) {
    for (const auto& p : *a)
      s.polygons.push_back(to_polygon(p));
  } else {
    throw std::invalid_argument("type");
  }
}

// A stored GeoJSON value as a shape; std::nullopt when it is not usable.
std::optional<Shape> shape_of(const json::value& v) {
  const auto* o = v.if_object();
  if (!o) return std::nullopt;
  const auto* t = o->if_contains("type");
  if (!t || !t->is_string()) return std::nullopt;
  Shape s;
  try {
    if (t->as_string() == "GeometryCollection") {
      const auto* g = o->if_contains("geometries");
      if (!g || !g->is_array()) return std::nullopt;
      for (const auto& item : g->as_array()) {
        auto part = shape_of(item);
        if (!part) return std::nullopt;
        s.points.insert(s.points.end(), part->points.begin(), part->points.end());
        s.lines.insert(s.lines.end(), part->lines.begin(), part->lines.end());
        s.polygons.insert(s.polygons.end(), part->polygons.begin(), part->polygons.end());
      }
    } else {
      const auto* c = o->if_contains("coordinates");
      if (!c) return std::nullopt;
      add_geometry(s, t->as_string(), *c);
    }
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  return s;
}

template <class F> bool any_pair(const Shape& a, const Shape& b, F&& f) {
  auto with = [&](const auto& x) {
    for (const auto& y : b.points)
      if (f(x, y)) return true;
    for (const auto& y : b.lines)
      if (f(x, y)) return true;
    for (const auto& y : b.polygons)
      if (f(x, y)) return true;
    return false;
  };
  for (const auto& x : a.points)
    if (with(x)) return true;
  for (const auto& x : a.lines)
    if (with(x)) return true;
  for (const auto& x : a.polygons)
    if (with(x)) return true;
  return false;
}

bool intersects(const Shape& a, const Shape& b) {
  return any_pair(a, b, [](const auto& x, const auto& y) { return bg::intersects(x, y); });
}

// Every part of `inner` lies within one of the polygons of `outer`.
bool within(const Shape& inner, const Shape& outer) {
  if (outer.polygons.empty() || inner.empty()) return false;
  auto in_some = [&](const auto& part) {
    return std::any_of(outer.polygons.begin(), outer.polygons.end(),
                       [&](const Polygon& p) { return bg::within(part, p); });
  };
  return std::all_of(inner.points.begin(), inner.points.end(), in_some) &&
         std::all_of(inner.lines.begin(), inner.lines.end(), in_some) &&
         std::all_of(inner.polygons.begin(), inner.polygons.end(), in_some);
}

bool overlaps(const Shape& a, const Shape& b) {
  for (const auto& x : a.polygons)
    for (const auto& y : b.polygons)
      if (bg::overlaps(x, y)) return true;
  for (const auto& x : a.lines)
    for (const auto& y : b.lines)
      if (bg::overlaps(x, y)) return true;
  return false;
}

GeoPoint geo(const Point& p) { return {p.x(), p.y()}; }

// Geodesic distance in metres from a point to the nearest part of a shape
// (0 inside a polygon).
double distance_m(const Point& from, const Shape& s) {
  const bg::strategy::distance::geographic<> strategy;
  double best = std::numeric_limits<double>::infinity();
  const GeoPoint g = geo(from);
  for (const auto& p : s.points)
    best = std::min(best, bg::distance(g, geo(p), strategy));
  auto line_distance = [&](const auto& ring) {
    GeoLine l;
    for (const auto& p : ring)
      l.push_back(geo(p));
    return bg::distance(g, l, bg::strategy::distance::geographic_cross_track<>());
  };
  for (const auto& l : s.lines)
    best = std::min(best, line_distance(l));
  for (const auto& poly : s.polygons) {
    if (bg::covered_by(from, poly)) return 0;
    best = std::min(best, line_distance(poly.outer()));
  }
  return best;
}

} // namespace

struct GeoQuery::Impl {
  enum class Rel { near_max, near_min, within, contains, intersects, equals, disjoint, overlaps };
  Rel rel = Rel::intersects;
  double distance = 0;
  Shape shape;
  json::value geojson; // {"type", "coordinates"} for equals
  std::string geoproperty;
};

GeoQuery GeoQuery::parse(std::string_view georel, std::string_view geometry,
                         std::string_view coordinates, std::string_view geoproperty,
                         const jsonld::Context& ctx) {
  if (georel.empty() || geometry.empty() || coordinates.empty())
    bad("a geo-query needs georel, geometry and coordinates");
  auto impl = std::make_shared<Impl>();
  using Rel = Impl::Rel;
  if (georel.starts_with("near;")) {
    const std::string_view rest = georel.substr(5);
    const bool max = rest.starts_with("maxDistance==");
    const bool min = rest.starts_with("minDistance==");
    if (!max && !min) bad("near needs maxDistance==<metres> or minDistance==<metres>");
    const std::string number(rest.substr(13));
    std::size_t used = 0;
    try {
      impl->distance = std::stod(number, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != number.size() || !(impl->distance >= 0) ||
        !std::isfinite(impl->distance))
      bad("the distance of near must be a number of metres");
    impl->rel = max ? Rel::near_max : Rel::near_min;
    if (geometry != "Point") bad("near needs a Point");
  } else if (georel == "within") {
    impl->rel = Rel::within;
  } else if (georel == "contains") {
    impl->rel = Rel::contains;
  } else if (georel == "intersects") {
    impl->rel = Rel::intersects;
  } else if (georel == "equals") {
    impl->rel = Rel::equals;
  } else if (georel == "disjoint") {
    impl->rel = Rel::disjoint;
  } else if (georel == "overlaps") {
    impl->rel = Rel::overlaps;
  } else {
    bad("unknown georel '" + std::string(georel) + "'");
  }
  json::value coords;
  try {
    coords = core::json::parse(coordinates, 8);
  } catch (const std::exception&) {
    bad("coordinates must be a JSON array");
  }
  try {
    add_geometry(impl->shape, geometry, coords);
  } catch (const std::invalid_argument&) {
    bad("invalid " + std::string(geometry) + " coordinates (or unknown geometry type)");
  }
  if (impl->rel == Rel::within && impl->shape.polygons.empty())
    bad("within needs a Polygon or MultiPolygon");
  impl->geojson = json::object{{"type", geometry}, {"coordinates", coords}};
  const std::string property = geoproperty.empty() ? "location" : std::string(geoproperty);
  if (!valid_name(property)) bad("invalid geoproperty");
  impl->geoproperty = ctx.expand(property);
  GeoQuery q;
  q.impl_ = std::move(impl);
  return q;
}

bool GeoQuery::matches(const Entity& e) const {
  const auto* list = e.attrs.if_contains(impl_->geoproperty);
  if (!list) return false;
  using Rel = Impl::Rel;
  for (const auto& item : list->as_array()) {
    const auto& inst = item.as_object();
    const auto* value = inst.if_contains("value");
    if (!value) continue;
    const auto shape = shape_of(*value);
    if (!shape || shape->empty()) continue;
    const Shape& q = impl_->shape;
    bool hit = false;
    switch (impl_->rel) {
    case Rel::near_max: hit = distance_m(q.points.front(), *shape) <= impl_->distance; break;
    case Rel::near_min: hit = distance_m(q.points.front(), *shape) >= impl_->distance; break;
    case Rel::within: hit = within(*shape, q); break;
    case Rel::contains: hit = within(q, *shape); break;
    case Rel::intersects: hit = intersects(*shape, q); break;
    case Rel::disjoint: hit = !intersects(*shape, q); break;
    case Rel::overlaps: hit = overlaps(*shape, q); break;
    case Rel::equals: {
      const auto& v = value->as_object();
      const auto* t = v.if_contains("type");
      const auto* c = v.if_contains("coordinates");
      hit = t && c && *t == impl_->geojson.at("type") && *c == impl_->geojson.at("coordinates");
      break;
    }
    }
    if (hit) return true;
  }
  return false;
}

} // namespace context::query
