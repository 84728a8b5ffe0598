// Fetching remote @context documents over HTTP(S) with libcurl.
#include <curl/curl.h>

#include <memory>

#include "context/jsonld/context.hpp"

namespace context::jsonld {
namespace {

constexpr std::size_t kMaxBytes = 1024 * 1024;

// Collects the body; stops the transfer beyond kMaxBytes.
std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t n = size * count;
  if (body->size() + n > kMaxBytes) return 0;
  body->append(data, n);
  return n;
}

} // namespace

Fetcher http_fetcher(std::chrono::milliseconds timeout) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return [timeout](const std::string& url) -> std::optional<std::string> {
    if (!initialised) return std::nullopt;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return std::nullopt;
    std::string body;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE, static_cast<long>(kMaxBytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "stadtkern-ngsi-ld");
    struct curl_slist* headers =
        curl_slist_append(nullptr, "Accept: application/ld+json, application/json");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(headers, curl_slist_free_all);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (curl_easy_perform(c) != CURLE_OK) return std::nullopt;
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status >= 300) return std::nullopt;
    return body;
  };
}

} // namespace context::jsonld
