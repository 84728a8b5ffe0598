#include "catalog/catalog.hpp"

#include <chrono>
#include <map>
#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace catalog {
namespace {

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

} // namespace

bool searched_alike(const std::vector<Service>& a, const std::vector<Service>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const search::Document x = search_document(a[i]), y = search_document(b[i]);
    if (x.id != y.id || x.title != y.title || x.keywords != y.keywords ||
        x.synonyms != y.synonyms || x.summary != y.summary || x.text != y.text)
      return false;
  }
  return true;
}

search::Document search_document(const Service& s) {
  search::Document d;
  d.id = s.id;
  d.title = s.title;
  d.keywords = s.keywords;
  d.synonyms = s.synonyms;
  d.summary = s.summary;
  d.text = s.description + "\n" + join(s.documents, "\n") + "\n" + join(s.prerequisites, "\n") +
           "\n" + s.topic;
  return d;
}

Snapshot::Snapshot(CatalogData data, std::shared_ptr<const search::Index> index)
    : data_(std::move(data)), index_(std::move(index)) {
  for (std::size_t i = 0; i < data_.services.size(); ++i)
    service_at_[data_.services[i].id] = i;
  for (std::size_t i = 0; i < data_.offices.size(); ++i)
    office_at_[data_.offices[i].id] = i;
}

const Service* Snapshot::service(const std::string& id) const {
  auto it = service_at_.find(id);
  return it == service_at_.end() ? nullptr : &data_.services[it->second];
}

const Office* Snapshot::office(const std::string& id) const {
  auto it = office_at_.find(id);
  return it == office_at_.end() ? nullptr : &data_.offices[it->second];
}

Catalog::Catalog(store::Database& db, const core::Clock& clock, std::filesystem::path search_dir,
                 search::Lexicon lexicon)
    : store_(db), clock_(clock), search_dir_(std::move(search_dir)), lexicon_(std::move(lexicon)) {}

std::shared_ptr<const Snapshot> Catalog::build_snapshot(CatalogData data) const {
  std::vector<search::Document> docs;
  docs.reserve(data.services.size());
  for (const Service& s : data.services)
    docs.push_back(search_document(s));
  auto index = search::Index::build(docs, lexicon_, search_dir_);
  return std::make_shared<const Snapshot>(std::move(data), std::move(index));
}

void Catalog::rebuild_locked() {
  // Loaded after every commit this rebuild must show; a later rebuild waits
  // for write_mutex_, so the pointer only ever moves to a newer state.
  const auto start = std::chrono::steady_clock::now();
  CatalogData data = store_.load();
  const auto loaded = std::chrono::steady_clock::now();
  const std::shared_ptr<const Snapshot> current = snapshot();
  const bool reuse_index =
      current && current->index() && searched_alike(current->services(), data.services);
  auto fresh = reuse_index
                   ? std::make_shared<const Snapshot>(std::move(data), current->shared_index())
                   : build_snapshot(std::move(data));
  const auto built = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(fresh);
  }
  using ms = std::chrono::duration<double, std::milli>;
  spdlog::debug("catalogue snapshot rebuilt: load {:.1f} ms, index {:.1f} ms{}",
                ms(loaded - start).count(), ms(built - loaded).count(),
                reuse_index ? " (index unchanged, reused)" : "");
}

void Catalog::reload() {
  std::lock_guard write(write_mutex_);
  rebuild_locked();
}

ImportReport Catalog::import(CatalogData data, const std::string& actor) {
  ImportReport report;
  check_catalog(data, report.errors);
  if (!report.errors.empty()) return report;
  std::lock_guard write(write_mutex_);
  report.counts = store_.replace_all(data, actor, core::format_utc(clock_.now()));
  rebuild_locked();
  report.imported = true;
  return report;
}

void Catalog::show_commit() {
  const std::uint64_t mine = ++commits_;
  std::lock_guard write(write_mutex_);
  if (shown_ >= mine) return; // a rebuild that loaded after this commit is in place
  // Every edit numbered up to `seen` committed before this load starts.
  const std::uint64_t seen = commits_.load();
  rebuild_locked();
  shown_ = seen;
}

namespace {

bool written(const SaveResult& r) {
  return r.status == SaveResult::Status::created || r.status == SaveResult::Status::updated;
}

} // namespace

SaveResult Catalog::save(const Service& service,
                         const std::optional<std::vector<std::int64_t>>& if_match,
                         const Editor& editor) {
  SaveResult result =
      store_.save_service(service, if_match, editor, core::format_utc(clock_.now()));
  if (written(result)) show_commit();
  return result;
}

SaveResult Catalog::save(const Office& office,
                         const std::optional<std::vector<std::int64_t>>& if_match,
                         const Editor& editor) {
  SaveResult result = store_.save_office(office, if_match, editor, core::format_utc(clock_.now()));
  if (written(result)) show_commit();
  return result;
}

std::shared_ptr<const Snapshot> Catalog::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

SearchAnswer Catalog::search(std::string_view query, std::size_t limit) {
  if (limit < 1 || limit > 100)
    throw core::Error(core::ErrorKind::invalid_argument, "limit must be between 1 and 100");
  SearchAnswer answer;
  answer.snapshot = snapshot();
  if (!answer.snapshot || !answer.snapshot->index()) return answer;
  const search::Result result = answer.snapshot->index()->search(query, limit);
  answer.no_answer = result.no_answer;
  answer.interpreted_query = result.interpreted_query;
  for (const auto& hit : result.hits)
    if (const Service* s = answer.snapshot->service(hit.id)) answer.hits.push_back({s, hit.score});
  std::string trimmed(query.substr(0, 200));
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
    trimmed.pop_back();
  if (answer.no_answer && !trimmed.empty()) {
    try {
      store_.count_miss(trimmed, core::format_utc(clock_.now()));
    } catch (const core::Error& e) {
      spdlog::warn("could not count an unanswered search: {}",
                   e.detail()); // the answer matters more
    }
  }
  return answer;
}

MaturityStats maturity_stats(const std::vector<const Service*>& services) {
  MaturityStats stats;
  int sum = 0, online = 0;
  for (const Service* s : services) {
    ++stats.services;
    ++stats.by_level[static_cast<std::size_t>(std::clamp(s->maturity, 0, 4))];
    sum += s->maturity;
    if (s->maturity >= 3) ++online;
  }
  if (stats.services > 0) {
    stats.average = double(sum) / stats.services;
    stats.share_online = double(online) / stats.services;
  }
  return stats;
}

MaturityStats Catalog::inventory_total() const {
  std::vector<const Service*> all;
  if (auto snap = snapshot())
    for (const Service& s : snap->services())
      all.push_back(&s);
  return maturity_stats(all);
}

std::vector<std::pair<std::string, MaturityStats>> Catalog::inventory_by_department() const {
  std::map<std::string, std::vector<const Service*>> groups;
  if (auto snap = snapshot())
    for (const Service& s : snap->services())
      groups[s.department].push_back(&s);
  std::vector<std::pair<std::string, MaturityStats>> out;
  for (const auto& [department, services] : groups)
    out.emplace_back(department, maturity_stats(services));
  return out;
}

} // namespace catalog
