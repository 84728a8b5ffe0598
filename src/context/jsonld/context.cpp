#include "context/jsonld/context.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/error.hpp"
#include "core/json.hpp"

namespace context::jsonld {
namespace {

namespace json = boost::json;

constexpr int kMaxDepth = 8;
constexpr std::size_t kMaxCached = 256;

std::uint64_t next_serial() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

bool is_keyword(std::string_view s) { return s.starts_with('@'); }

// "scheme:rest" where scheme is letters, digits, + - . starting with a letter.
bool has_scheme(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
      return false;
  }
  return true;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw core::Error(core::ErrorKind::invalid_argument, "cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The @context member of a context document (or the document when it is a
// bare context object without one).
json::value context_of(const json::value& doc) {
  if (const auto* o = doc.if_object()) {
    if (const auto* c = o->if_contains("@context")) return *c;
  }
  return doc;
}

} // namespace

bool is_core_context_url(std::string_view url) {
  // ngsi-ld-core-context.jsonld or ngsi-ld-core-context-v1.<n>.jsonld
  constexpr std::string_view kPrefix = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context";
  if (!url.starts_with(kPrefix) || !url.ends_with(".jsonld")) return false;
  std::string_view version = url.substr(kPrefix.size());
  version.remove_suffix(std::string_view(".jsonld").size());
  if (version.empty()) return true;
  if (!version.starts_with("-v1.") || version.size() == 4) return false;
  return std::all_of(version.begin() + 4, version.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

std::string Context::expand(std::string_view term) const {
  if (term.empty() || is_keyword(term)) return std::string(term);
  if (auto it = terms_.find(std::string(term)); it != terms_.end()) return it->second;
  if (const auto colon = term.find(':'); colon != std::string_view::npos) {
    const std::string_view prefix = term.substr(0, colon);
    const std::string_view suffix = term.substr(colon + 1);
    if (!suffix.starts_with("//")) {
      if (auto it = terms_.find(std::string(prefix)); it != terms_.end())
        return it->second + std::string(suffix);
    }
    if (has_scheme(term)) return std::string(term);
  }
  return vocab_.empty() ? std::string(term) : vocab_ + std::string(term);
}

std::string Context::compact(std::string_view iri) const {
  if (auto it = reverse_.find(std::string(iri)); it != reverse_.end()) return it->second;
  if (!vocab_.empty() && iri.size() > vocab_.size() && iri.starts_with(vocab_)) {
    std::string rest(iri.substr(vocab_.size()));
    // Only when the short name expands back to the same IRI.
    if (terms_.find(rest) == terms_.end() && rest.find(':') == std::string::npos) return rest;
  }
  // The longest prefix that matches gives the shortest CURIE.
  std::string best;
  std::size_t best_len = 0;
  for (const auto& [prefix_iri, term] : prefixes_) {
    if (iri.size() > prefix_iri.size() && iri.starts_with(prefix_iri) &&
        prefix_iri.size() > best_len) {
      best = term + ":" + std::string(iri.substr(prefix_iri.size()));
      best_len = prefix_iri.size();
    }
  }
  if (!best.empty()) return best;
  return std::string(iri);
}

Resolver::Resolver(const std::string& preloaded_dir, Fetcher fetcher)
    : fetcher_(std::move(fetcher)) {
  const json::value core_doc = core::json::parse(core_context_document());
  documents_.emplace(std::string(kCoreContextUrl),
                     std::make_shared<const json::value>(context_of(core_doc)));
  if (!preloaded_dir.empty()) {
    const std::filesystem::path dir(preloaded_dir);
    const json::value manifest = core::json::parse(read_file(dir / "urls.json"));
    if (!manifest.is_object())
      throw core::Error(core::ErrorKind::invalid_argument, "urls.json must map URLs to file names");
    for (const auto& [url, file] : manifest.as_object()) {
      if (!file.is_string())
        throw core::Error(core::ErrorKind::invalid_argument,
                          "urls.json: file name must be a string");
      const std::filesystem::path name(std::string(file.as_string()));
      if (name.is_absolute() || name.string().find("..") != std::string::npos)
        throw core::Error(core::ErrorKind::invalid_argument,
                          "urls.json: file names stay inside the directory");
      documents_.emplace(std::string(url), std::make_shared<const json::value>(context_of(
                                               core::json::parse(read_file(dir / name)))));
    }
  }
  auto core = std::make_shared<Context>();
  apply(*core, *documents_.at(std::string(kCoreContextUrl)), 0);
  core->source_ = json::string(kCoreContextUrl);
  core->serial_ = next_serial();
  core_ = std::move(core);
}

std::shared_ptr<const json::value> Resolver::document(std::string_view url) const {
  if (is_core_context_url(url)) return documents_.at(std::string(kCoreContextUrl));
  if (auto it = documents_.find(std::string(url)); it != documents_.end()) return it->second;
  const std::string key(url);
  {
    std::lock_guard lock(fetched_mutex_);
    if (auto it = fetched_.find(key); it != fetched_.end()) return it->second;
  }
  const bool web = url.starts_with("https://") || url.starts_with("http://");
  if (!fetcher_ || !web) throw ContextError{true, "the @context '" + key + "' cannot be retrieved"};
  const auto body = fetcher_(key);
  if (!body) throw ContextError{true, "the @context '" + key + "' cannot be retrieved"};
  Document doc;
  try {
    doc = std::make_shared<const json::value>(context_of(core::json::parse(*body, 64)));
  } catch (const std::exception&) {
    throw ContextError{true, "the @context '" + key + "' is not valid JSON"};
  }
  std::lock_guard lock(fetched_mutex_);
  if (fetched_.size() >= kMaxCached) fetched_.clear();
  fetched_.emplace(key, doc);
  return doc;
}

void Resolver::apply(Context& ctx, const json::value& v, int depth) const {
  if (depth > kMaxDepth) throw ContextError{false, "@context nested too deeply"};
  if (v.is_null()) return; // a null context resets to the core context underneath
  if (const auto* s = v.if_string()) {
    const auto doc = document(*s);
    apply(ctx, *doc, depth + 1);
  } else if (const auto* a = v.if_array()) {
    for (const auto& item : *a)
      apply(ctx, item, depth + 1);
  } else if (const auto* o = v.if_object()) {
    apply_object(ctx, *o, depth);
  } else {
    throw ContextError{false, "@context must be a URL, an object or an array of them"};
  }
}

void Resolver::apply_object(Context& ctx, const json::object& o, int depth) const {
  if (const auto* imp = o.if_contains("@import")) {
    if (!imp->is_string()) throw ContextError{false, "@import must be a URL"};
    const auto doc = document(imp->as_string());
    apply(ctx, *doc, depth + 1);
  }
  if (const auto* vocab = o.if_contains("@vocab")) {
    if (vocab->is_null())
      ctx.vocab_.clear();
    else if (const auto* s = vocab->if_string())
      ctx.vocab_ = ctx.expand(*s);
    else
      throw ContextError{false, "@vocab must be a string"};
  }
  // Definitions may refer to each other (CURIEs), in any order: resolve in
  // rounds until nothing changes.
  std::vector<std::pair<std::string, std::string>> pending;
  for (const auto& [key, def] : o) {
    if (is_keyword(key)) continue;
    std::string id;
    if (def.is_null()) {
      ctx.terms_.erase(std::string(key));
      continue;
    }
    if (const auto* s = def.if_string()) {
      id = std::string(*s);
    } else if (const auto* d = def.if_object()) {
      const auto* idv = d->if_contains("@id");
      if (idv && idv->is_string())
        id = std::string(idv->as_string());
      else if (idv && !idv->is_null())
        throw ContextError{false, "the @id of term '" + std::string(key) + "' must be a string"};
      else
        id = std::string(key); // expands through @vocab or as a CURIE
    } else {
      throw ContextError{false, "the definition of term '" + std::string(key) +
                                    "' must be a string or an object"};
    }
    pending.emplace_back(std::string(key), std::move(id));
  }
  // Terms first take their raw value, so that CURIEs among them resolve.
  for (const auto& [term, id] : pending)
    if (is_keyword(id) || has_scheme(id)) ctx.terms_[term] = id;
  for (int round = 0; round < 3; ++round)
    for (const auto& [term, id] : pending) {
      if (is_keyword(id)) continue;
      if (id == term) {
        ctx.terms_.erase(term);
        ctx.terms_[term] = ctx.expand(id);
      } else {
        ctx.terms_[term] = ctx.expand(id);
      }
    }
  // Rebuild the reverse maps: later definitions win, shorter terms win ties.
  ctx.reverse_.clear();
  ctx.prefixes_.clear();
  for (const auto& [term, iri] : ctx.terms_) {
    if (is_keyword(iri)) continue;
    auto [it, inserted] = ctx.reverse_.emplace(iri, term);
    if (!inserted && (term.size() < it->second.size() ||
                      (term.size() == it->second.size() && term < it->second)))
      it->second = term;
    if ((iri.ends_with('/') || iri.ends_with('#')) && term.find(':') == std::string::npos) {
      auto [p, fresh] = ctx.prefixes_.emplace(iri, term);
      if (!fresh && term.size() < p->second.size()) p->second = term;
    }
  }
}

std::shared_ptr<const Context> Resolver::resolve(const json::value& user_context) const {
  std::string key = core::json::dump(user_context);
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto ctx = std::make_shared<Context>(*core_);
  apply(*ctx, user_context, 0);
  ctx->source_ = user_context;
  ctx->serial_ = next_serial();
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_.emplace(std::move(key), ctx);
  return ctx;
}

std::shared_ptr<const Context> Resolver::resolve_url(std::string_view url) const {
  if (is_core_context_url(url)) return core_;
  return resolve(json::string(url));
}

} // namespace context::jsonld
