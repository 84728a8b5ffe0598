#include "opendata/opendata.hpp"

#include <algorithm>

#include "core/city_time.hpp"
#include "core/error.hpp"

namespace opendata {

Snapshot::Snapshot(std::vector<Organization> organizations, std::vector<Dataset> datasets)
    : organizations_(std::move(organizations)), datasets_(std::move(datasets)) {
  for (std::size_t i = 0; i < organizations_.size(); ++i)
    org_at_.emplace(organizations_[i].name, i);
  for (std::size_t i = 0; i < datasets_.size(); ++i) {
    dataset_at_.emplace(datasets_[i].name, i);
    last_modified_ = std::max(last_modified_, datasets_[i].modified);
  }
}

const Organization* Snapshot::organization(std::string_view name) const {
  auto it = org_at_.find(std::string(name));
  return it == org_at_.end() ? nullptr : &organizations_[it->second];
}

const Dataset* Snapshot::dataset(std::string_view name) const {
  auto it = dataset_at_.find(std::string(name));
  return it == dataset_at_.end() ? nullptr : &datasets_[it->second];
}

OpenData::OpenData(store::Database& db, const core::Clock& clock, CityInfo city)
    : store_(db), clock_(clock), city_(std::move(city)),
      snapshot_(std::make_shared<Snapshot>(std::vector<Organization>{}, std::vector<Dataset>{})) {}

void OpenData::reload() {
  std::lock_guard lock(write_mutex_);
  rebuild();
}

void OpenData::rebuild() {
  auto next = std::make_shared<const Snapshot>(store_.organizations(), store_.datasets());
  std::lock_guard lock(mutex_);
  snapshot_ = std::move(next);
}

std::shared_ptr<const Snapshot> OpenData::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

SaveStatus OpenData::save(const Dataset& dataset, std::optional<std::int64_t> if_version,
                          const std::string& actor) {
  if (!dataset.live_source.empty()) {
    const auto& names = live_source_names();
    if (std::find(names.begin(), names.end(), dataset.live_source) == names.end())
      throw core::Error(core::ErrorKind::unprocessable,
                        "unknown live source '" + dataset.live_source + "'");
  }
  std::lock_guard lock(write_mutex_);
  const SaveStatus status = store_.save(dataset, if_version, actor, core::format_utc(clock_.now()));
  if (status == SaveStatus::created || status == SaveStatus::updated) rebuild();
  return status;
}

SaveStatus OpenData::save(const Organization& organization, const std::string& actor) {
  std::lock_guard lock(write_mutex_);
  const SaveStatus status = store_.save(organization, actor, core::format_utc(clock_.now()));
  if (status == SaveStatus::created || status == SaveStatus::updated) rebuild();
  return status;
}

core::TimePoint OpenData::live_since(const std::string& file, const std::string& etag) {
  const std::string since = store_.live_since(file, etag, core::format_utc(clock_.now()));
  return core::parse_iso_instant(since).value_or(clock_.now());
}

} // namespace opendata
