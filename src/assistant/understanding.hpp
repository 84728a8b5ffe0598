// What a citizen's sentence asks for: an intent (the strings of the HTTP
// contract: "service.cost", "travel.documents", "appointment.book", ...),
// its slots (the service hits of the catalogue's search, a destination, a
// date, a document kind) and a confidence in [0, 1]. Rule-based: keyword
// rules decide the kind of question, the catalogue's search (synonyms,
// typos, English) decides the service, the gazetteer the destination.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assistant/dates.hpp"
#include "assistant/travel/gazetteer.hpp"
#include "catalog/catalog.hpp"
#include "documents/model.hpp"

namespace assistant {

// What the dialogue has open, which changes how a short answer reads
// ("Ja" is only an answer when something was offered).
struct DialogueContext {
  bool has_topic = false;       // a service was talked about
  bool offer_pending = false;   // an appointment was offered
  bool cancel_pending = false;  // a cancellation waits for confirmation
  bool has_destination = false; // a travel destination was talked about
};

// One service the search found.
struct ServiceHit {
  std::string id;
  std::string title;
  double score = 0;
};

struct Understanding {
  std::string intent;               // see the list in the file comment
  double confidence = 0;            // 0..1
  std::string rule;                 // which rule fired (for logs and tests)
  std::vector<ServiceHit> services; // best first, at most 3
  bool follow_up = false;           // refers to the conversation's topic
  std::optional<travel::Mention> destination;
  When when;
  std::optional<documents::Kind> document; // "mein Ausweis" -> personalausweis
  bool about_own_documents = false;        // "mein Pass", "reicht mein Ausweis"
};

// Below this confidence a service answer is not given; the assistant says
// it is not sure and hands off.
inline constexpr double kConfidenceThreshold = 0.4;

// Reads sentences. Thread-safe (the catalogue and the gazetteer are).
class Understander {
public:
  Understander(const catalog::Catalog& catalog, const travel::Gazetteer& gazetteer)
      : catalog_(catalog), gazetteer_(gazetteer) {}

  Understanding understand(std::string_view text, core::Date today,
                           const DialogueContext& context) const;

  // The catalogue's best services for a text (at most `limit`).
  std::vector<ServiceHit> search(std::string_view text, std::size_t limit) const;

private:
  const catalog::Catalog& catalog_;
  const travel::Gazetteer& gazetteer_;
};

} // namespace assistant
