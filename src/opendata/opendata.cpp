#include "opendata/opendata.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include <boost/json.hpp>

#include "core/city_time.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

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

OpenData::ImportReport OpenData::import_json(std::string_view text, const std::string& actor,
                                             bool dry_run) {
  ImportReport report;
  boost::json::object root;
  try {
    root = core::json::parse_object(text, 32);
  } catch (const core::Error& e) {
    report.errors.push_back(e.detail());
    return report;
  }
  std::vector<Organization> orgs;
  std::vector<Dataset> datasets;
  std::set<std::string> org_names, dataset_names;
  for (const auto& org : snapshot()->organizations())
    org_names.insert(org.name);
  auto each = [&](const char* member, auto&& read) {
    const boost::json::value* list = root.if_contains(member);
    if (!list) return;
    if (!list->is_array()) {
      report.errors.push_back(std::string(member) + ": must be a list");
      return;
    }
    std::size_t i = 0;
    for (const auto& item : list->as_array()) {
      const std::string where = std::string(member) + "[" + std::to_string(i++) + "]";
      if (!item.is_object()) {
        report.errors.push_back(where + ": must be an object");
        continue;
      }
      std::vector<FieldError> errors;
      read(item.as_object(), errors, where);
      for (const auto& e : errors)
        report.errors.push_back(where + " " + e.field + ": " + e.message);
    }
  };
  each("organizations", [&](const boost::json::object& o, std::vector<FieldError>& errors,
                            const std::string&) {
    Organization org = organization_from_json(o, errors);
    if (!errors.empty()) return;
    if (!org_names.insert(org.name).second &&
        std::any_of(orgs.begin(), orgs.end(), [&](const auto& x) { return x.name == org.name; }))
      errors.push_back({"name", "occurs twice"});
    orgs.push_back(std::move(org));
  });
  each("datasets", [&](const boost::json::object& o, std::vector<FieldError>& errors,
                       const std::string&) {
    Dataset d = dataset_from_json(o, errors);
    if (!errors.empty()) return;
    if (!org_names.contains(d.organization))
      errors.push_back({"organization", "unknown organization " + d.organization});
    const auto& live = live_source_names();
    if (!d.live_source.empty() && std::find(live.begin(), live.end(), d.live_source) == live.end())
      errors.push_back({"live_source", "unknown live source " + d.live_source});
    if (!dataset_names.insert(d.name).second) errors.push_back({"name", "occurs twice"});
    datasets.push_back(std::move(d));
  });
  for (const auto& [key, value] : root)
    if (key != "organizations" && key != "datasets")
      report.errors.push_back(std::string(key) + ": unknown member");
  report.organizations = orgs.size();
  report.datasets = datasets.size();
  if (!report.errors.empty() || dry_run) return report;
  std::lock_guard lock(write_mutex_);
  report.changed = store_.save_all(orgs, datasets, actor, core::format_utc(clock_.now()));
  rebuild();
  return report;
}

SaveStatus OpenData::upload(const std::string& name, std::int64_t if_version,
                            const std::string& file, const std::string& title,
                            std::string_view data, const std::string& format,
                            const std::string& media_type, const std::string& actor) {
  const Dataset* stored = snapshot()->dataset(name);
  if (!stored) throw core::Error(core::ErrorKind::not_found, "There is no dataset '" + name + "'.");
  if (!stored->live_source.empty())
    throw core::Error(core::ErrorKind::unprocessable,
                      "The files of a live dataset are generated; nothing can be uploaded.");
  Dataset d = *stored;
  const std::string id = file.substr(0, file.rfind('.'));
  std::erase_if(d.distributions,
                [&](const Distribution& x) { return x.file == file || x.id == id; });
  Distribution x;
  x.id = id;
  x.title = title.empty() ? file : title;
  x.format = format;
  x.media_type = media_type;
  x.file = file;
  x.byte_size = static_cast<std::int64_t>(data.size());
  d.distributions.push_back(std::move(x));
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char etag[40];
  std::snprintf(etag, sizeof etag, "\"%016llx-%zx\"", static_cast<unsigned long long>(h),
                data.size());
  std::lock_guard lock(write_mutex_);
  const SaveStatus status =
      store_.put_file(d, if_version, file, data, etag, actor, core::format_utc(clock_.now()));
  if (status != SaveStatus::stale) rebuild();
  return status;
}

core::TimePoint OpenData::live_since(const std::string& file, const std::string& etag) {
  const std::string since = store_.live_since(file, etag, core::format_utc(clock_.now()));
  return core::parse_iso_instant(since).value_or(clock_.now());
}

} // namespace opendata
