#include "context/subscriptions/http_transport.hpp"

#include <curl/curl.h>

#include <string>

namespace context::subscriptions {
namespace {

std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }

class HttpTransport final : public Transport {
public:
  explicit HttpTransport(std::chrono::milliseconds timeout) : timeout_(timeout) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    (void)initialised;
  }

  bool deliver(const Delivery& d, std::string& error) override {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
      error = "curl_easy_init failed";
      return false;
    }
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, d.uri.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout_.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, d.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(d.body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "stadtkern-ngsi-ld");
    curl_slist* headers = nullptr;
    std::unique_ptr<curl_slist*, void (*)(curl_slist**)> guard(
        &headers, [](curl_slist** h) { curl_slist_free_all(*h); });
    headers = curl_slist_append(headers, ("Content-Type: " + d.content_type).c_str());
    headers = curl_slist_append(headers, "Expect:");
    for (const auto& [name, value] : d.headers)
      headers = curl_slist_append(headers, (name + ": " + value).c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (const CURLcode rc = curl_easy_perform(c); rc != CURLE_OK) {
      error = curl_easy_strerror(rc);
      return false;
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
      error = "HTTP " + std::to_string(status);
      return false;
    }
    return true;
  }

private:
  std::chrono::milliseconds timeout_;
};

} // namespace

std::unique_ptr<Transport> http_transport(std::chrono::milliseconds timeout) {
  return std::make_unique<HttpTransport>(timeout);
}

} // namespace context::subscriptions
