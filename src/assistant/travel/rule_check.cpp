#include "assistant/travel/rule_check.hpp"

namespace assistant::travel {

std::string_view to_string(Finding finding) {
  switch (finding) {
  case Finding::sufficient: return "sufficient";
  case Finding::not_accepted: return "not_accepted";
  case Finding::not_usable: return "not_usable";
  case Finding::expired: return "expired";
  case Finding::too_short: return "too_short";
  }
  return "not_usable";
}

core::Date required_until(const Validity& validity, const Trip& trip) {
  const core::Date departure = trip.departure.value_or(trip.entry);
  switch (validity.kind) {
  case Validity::Kind::stay: return departure;
  case Validity::Kind::after_entry: {
    // The document must also last the whole stay, however long it is.
    const core::Date after_entry =
        core::add_days(core::add_months(trip.entry, validity.months), validity.days);
    return core::days_between(after_entry, departure) > 0 ? departure : after_entry;
  }
  case Validity::Kind::after_departure:
    return core::add_days(core::add_months(departure, validity.months), validity.days);
  }
  return departure;
}

namespace {

// The smallest n with expires + n months >= until (n >= 1 when expires < until).
int months_rounded_up(core::Date expires, core::Date until) {
  int n = core::whole_months_between(expires, until);
  while (core::days_between(core::add_months(expires, n), until) > 0)
    ++n;
  return n;
}

DocumentFinding assess(const EntryRule& rule, const CitizenDocument& doc, const Trip& trip,
                       core::Date until, core::Date today) {
  DocumentFinding f{doc};
  f.months_left = core::whole_months_between(today, doc.expires);
  if (doc.status != DocumentStatus::valid) {
    f.finding = Finding::not_usable;
  } else if (!rule.accepts(doc.kind)) {
    f.finding = Finding::not_accepted;
  } else if (core::days_between(doc.expires, trip.entry) > 0) {
    f.finding = Finding::expired;
    f.expired_already = core::days_between(doc.expires, today) > 0;
  } else if (core::days_between(doc.expires, until) > 0) {
    f.finding = Finding::too_short;
  } else {
    f.finding = Finding::sufficient;
  }
  if (f.finding == Finding::expired || f.finding == Finding::too_short) {
    f.days_short = core::days_between(doc.expires, until);
    f.months_short = months_rounded_up(doc.expires, until);
  }
  return f;
}

} // namespace

CheckResult check_documents(const EntryRule& rule, const std::vector<CitizenDocument>& documents,
                            const Trip& trip, core::Date today) {
  CheckResult result;
  result.required_until = required_until(rule.validity, trip);
  result.validity_confirmed = rule.validity.confirmed;
  result.departure_assumed = !trip.departure && rule.validity.kind != Validity::Kind::after_entry;
  for (const auto& doc : documents) {
    result.findings.push_back(assess(rule, doc, trip, result.required_until, today));
    if (result.findings.back().finding == Finding::sufficient) result.sufficient = true;
  }
  return result;
}

} // namespace assistant::travel
