// The term-level JSON-LD processing an NGSI-LD broker needs: an active
// context (terms, prefixes, @vocab) built from inline objects, URLs and
// arrays of both; expansion of a term to its IRI on write and compaction of
// an IRI back to the request's term on read. Full JSON-LD (framing, graph
// algorithms) is not needed by the API and not offered.
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace context::jsonld {

// The URL of the embedded core context, v1.8 (served without any network).
inline constexpr std::string_view kCoreContextUrl =
    "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";
// The JSON-LD relation of a Link header that carries a context.
inline constexpr std::string_view kContextRel = "http://www.w3.org/ns/json-ld#context";

// Thrown for a context that is malformed (BadRequestData) or cannot be
// retrieved (LdContextNotAvailable).
struct ContextError {
  bool unavailable = false; // true: the URL could not be loaded; false: malformed
  std::string detail;
};

// An immutable active context. Thread-safe to share.
class Context {
public:
  // The IRI of a term as used in a payload: a defined term, a CURIE with a
  // defined prefix, an absolute IRI as is, else @vocab + term.
  std::string expand(std::string_view term) const;
  // The shortest name of an IRI under this context: a term that maps to it,
  // a @vocab-relative name, a CURIE, else the IRI itself.
  std::string compact(std::string_view iri) const;
  // The URLs and objects this context was built from, for echoing in
  // responses (a string for a single URL, else an array).
  const boost::json::value& source() const { return source_; }
  // A number no other context of this process has (for caches keyed by context).
  std::uint64_t serial() const { return serial_; }

private:
  friend class Resolver;
  std::unordered_map<std::string, std::string> terms_;   // term -> IRI
  std::unordered_map<std::string, std::string> reverse_; // IRI -> preferred term
  std::map<std::string, std::string> prefixes_;          // IRI prefix (ending / or #) -> term
  std::string vocab_;
  boost::json::value source_;
  std::uint64_t serial_ = 0;
};

// Loads a context document from the web: the body, or std::nullopt when it
// cannot be had (timeout, error status, too large). Must be thread-safe.
using Fetcher = std::function<std::optional<std::string>(const std::string& url)>;

// A Fetcher over HTTP(S) with libcurl: at most `timeout` for the whole
// transfer, 3 redirects, 1 MiB, http and https only.
Fetcher http_fetcher(std::chrono::milliseconds timeout);

// Builds active contexts: the embedded core context always sits underneath
// (as the spec requires), preloaded documents are served by URL, other URLs
// are fetched with `fetcher` (when given) and kept, resolved contexts are
// cached by their text. Thread-safe.
class Resolver {
public:
  // preloaded_dir: a directory with `urls.json` ({"<url>": "<file>", ...})
  // and the files it names; empty = none. Throws when the
  // manifest or a file named in it cannot be read (core::Error{invalid_argument}).
  explicit Resolver(const std::string& preloaded_dir = {}, Fetcher fetcher = {});

  // The core context alone.
  std::shared_ptr<const Context> core() const { return core_; }
  // The active context of a user @context value (string, object or array)
  // on top of the core context. Throws ContextError.
  std::shared_ptr<const Context> resolve(const boost::json::value& user_context) const;
  // The active context for a Link header URL (already extracted).
  std::shared_ptr<const Context> resolve_url(std::string_view url) const;
  // How many documents are served locally (core + preloaded).
  std::size_t preloaded_count() const { return documents_.size(); }

private:
  void apply(Context& ctx, const boost::json::value& v, int depth) const;
  void apply_object(Context& ctx, const boost::json::object& o, int depth) const;
  std::shared_ptr<const boost::json::value> document(std::string_view url) const;

  using Document = std::shared_ptr<const boost::json::value>;
  std::unordered_map<std::string, Document> documents_; // preloaded: url -> @context value
  Fetcher fetcher_;
  mutable std::mutex fetched_mutex_;
  mutable std::unordered_map<std::string, Document> fetched_; // remote documents kept
  std::shared_ptr<const Context> core_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Context>> cache_;
};

// True for the URLs of the core context (every published version name).
bool is_core_context_url(std::string_view url);

// The embedded core context document (JSON text).
std::string_view core_context_document();

} // namespace context::jsonld
