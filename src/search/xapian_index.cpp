// The Index behind search.hpp: a Xapian glass database in its own directory,
// a pool of read handles (Xapian objects must not be shared between threads)
// and the in-memory IndexData that plans and judges every query.
#include <signal.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <system_error>

#include "core/error.hpp"
#include "search/calibration.hpp"
#include "search/index_builder.hpp"
#include "search/interpreter.hpp"
#include "search/search.hpp"

namespace search {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kDirPrefix = "xapian-";
// Candidates Xapian returns for calibration to re-rank.
constexpr std::size_t kRerankDepth = 30;
// Multipliers of a field's BM25 weight: title > keywords/synonyms > summary > text.
constexpr std::array<double, 4> kFieldBoost = {3.0, 2.0, 1.4, 1.0};
// Idle read handles kept; more are opened under load and closed afterwards.
constexpr std::size_t kMaxIdleReaders = 32;

core::Error unavailable(const std::string& what) {
  return core::Error(core::ErrorKind::unavailable, "search index: " + what);
}

// Removes index directories of processes that no longer run ("xapian-<pid>-<random>").
void remove_stale_directories(const fs::path& work_dir) {
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(work_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kDirPrefix)) continue;
    const std::string rest = name.substr(kDirPrefix.size());
    const std::size_t dash = rest.find('-');
    pid_t pid = 0;
    try {
      pid = static_cast<pid_t>(std::stol(rest.substr(0, dash)));
    } catch (const std::exception&) {
      continue;
    }
    if (pid <= 0 || pid == getpid()) continue;
    if (kill(pid, 0) == -1 && errno == ESRCH) fs::remove_all(entry.path(), ec);
  }
}

// A fresh, not yet existing path for a database inside work_dir.
fs::path fresh_path(const fs::path& work_dir) {
  std::random_device random;
  for (;;) {
    const fs::path path = work_dir / (std::string(kDirPrefix) + std::to_string(getpid()) + "-" +
                                      std::to_string(random()));
    if (!fs::exists(path)) return path;
  }
}

// Things one thread needs for a search, used by one thread at a time.
struct Reader {
  explicit Reader(const fs::path& dir) : db(dir.string()), enquire(db) {
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.3, 0.5));
  }
  Xapian::Database db;
  Xapian::Enquire enquire;
  Stemmer stemmer;
};

// The Xapian query for a question: every concept ORs its readings, every
// reading its stems, every stem its fields with their boost.
Xapian::Query to_query(const Interpretation& question, const TermStats& stats) {
  std::vector<Xapian::Query> concepts;
  for (const Concept& c : question.concepts) {
    std::vector<Xapian::Query> readings;
    for (const Concept::Alternative& a : c.alternatives) {
      std::vector<Xapian::Query> stems;
      for (const std::string& stem : a.stems) {
        const TermStats::Term* term = stats.find(stem);
        if (term == nullptr) continue;
        std::vector<Xapian::Query> fields;
        for (std::size_t f = 0; f < kFields.size(); ++f) {
          if ((term->fields & kFields[f]) == 0) continue;
          fields.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(std::string(field_prefix(kFields[f])) + stem),
                              kFieldBoost[f]);
        }
        stems.emplace_back(Xapian::Query::OP_OR, fields.begin(), fields.end());
      }
      if (stems.empty()) continue;
      readings.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                            Xapian::Query(Xapian::Query::OP_OR, stems.begin(), stems.end()),
                            a.weight / static_cast<double>(a.stems.size()));
    }
    if (!readings.empty())
      concepts.emplace_back(Xapian::Query::OP_OR, readings.begin(), readings.end());
  }
  return Xapian::Query(Xapian::Query::OP_OR, concepts.begin(), concepts.end());
}

class XapianIndex final : public Index {
public:
  XapianIndex(fs::path dir, std::unique_ptr<IndexData> data)
      : dir_(std::move(dir)), data_(std::move(data)),
        interpreter_(data_->lexicon, data_->stats, data_->decompounder, data_->speller) {
    release(acquire()); // fail early if the database cannot be opened
  }

  ~XapianIndex() override {
    idle_.clear();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Result search(std::string_view query, std::size_t limit) const override {
    if (limit == 0 || limit > kMaxLimit) {
      throw core::Error(core::ErrorKind::invalid_argument,
                        "limit must be between 1 and " + std::to_string(kMaxLimit));
    }
    Result result;
    std::unique_ptr<Reader> reader = acquire();
    const Interpretation question = interpreter_.interpret(query, reader->stemmer);
    result.interpreted_query = question.text;
    result.corrected = question.corrected;

    std::vector<Candidate> candidates;
    try {
      const Xapian::Query xquery = to_query(question, data_->stats);
      if (!xquery.empty()) {
        reader->enquire.set_query(xquery);
        const Xapian::MSet mset = reader->enquire.get_mset(0, std::max(limit, kRerankDepth));
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          candidates.push_back(Candidate{*it - 1, it.get_weight()});
        }
      }
    } catch (const Xapian::Error& e) {
      throw unavailable(e.get_description()); // the reader is dropped, not reused
    }
    release(std::move(reader));

    static const std::vector<std::uint32_t> kNone;
    const auto exact = data_->phrases.find(question.phrase);
    const DocumentFacts facts{data_->stats, data_->titles,
                              exact == data_->phrases.end() ? kNone : exact->second};
    const Verdict verdict = calibrate(question, candidates, facts, limit);
    result.no_answer = verdict.no_answer;
    for (const Scored& s : verdict.hits) {
      if (s.doc < data_->ids.size()) result.hits.push_back(Hit{data_->ids[s.doc], s.score});
    }
    return result;
  }

  std::size_t size() const override { return data_->ids.size(); }

private:
  std::unique_ptr<Reader> acquire() const {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        std::unique_ptr<Reader> reader = std::move(idle_.back());
        idle_.pop_back();
        return reader;
      }
    }
    try {
      return std::make_unique<Reader>(dir_);
    } catch (const Xapian::Error& e) {
      throw unavailable(e.get_description());
    }
  }

  void release(std::unique_ptr<Reader> reader) const {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdleReaders) idle_.push_back(std::move(reader));
  }

  fs::path dir_;
  std::unique_ptr<IndexData> data_;
  Interpreter interpreter_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<Reader>> idle_;
};

void check_ids(const std::vector<Document>& docs) {
  std::set<std::string_view> seen;
  for (const Document& doc : docs) {
    if (doc.id.empty()) {
      throw core::Error(core::ErrorKind::invalid_argument, "search: a document has an empty id");
    }
    if (!seen.insert(doc.id).second) {
      throw core::Error(core::ErrorKind::invalid_argument,
                        "search: duplicate document id " + doc.id);
    }
  }
}

} // namespace

std::unique_ptr<Index> Index::build(const std::vector<Document>& docs, const Lexicon& lexicon,
                                    const fs::path& work_dir) {
  check_ids(docs);
  std::error_code ec;
  fs::create_directories(work_dir, ec);
  if (ec) throw unavailable("cannot create " + work_dir.string() + ": " + ec.message());
  remove_stale_directories(work_dir);
  const fs::path dir = fresh_path(work_dir);
  try {
    return std::make_unique<XapianIndex>(dir, build_index(docs, lexicon, dir));
  } catch (...) {
    fs::remove_all(dir, ec);
    throw;
  }
}

} // namespace search
