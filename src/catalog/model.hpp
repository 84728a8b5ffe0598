// The records of the Leistungskatalog: services (Leistungen, modelled on the
// FIM Leistungsbeschreibung) and the offices that provide them. Plain data;
// the rules that make a record valid live in catalog/codec.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace catalog {

// One fee of a service: "70,00 € ab 24 Jahren".
struct Fee {
  double amount = 0; // 0 = free of charge
  std::string currency = "EUR";
  std::string condition; // "unter 24 Jahren"; empty = always
  std::string per;       // "Stunde", "Seite"; empty = once
};

// A form to fill in.
struct Form {
  std::string title;
  std::string url;
};

// An administrative service.
struct Service {
  std::string id;    // slug used in URLs: "reisepass-beantragen"
  std::string leika; // 14 digits starting with 99
  std::string title;
  std::string summary;
  std::string description;
  std::string topic;      // "Melde- und Passwesen"
  std::string department; // "Bürgeramt"
  std::vector<std::string> prerequisites;
  std::vector<std::string> documents;
  std::vector<Fee> fees;
  std::string processing_time;
  std::string deadlines;
  std::vector<std::string> legal_basis;
  std::vector<Form> forms;
  std::vector<std::string> hints;
  std::vector<std::string> offices; // office ids
  std::optional<std::string> online_service_url;
  std::vector<std::string> channels; // vor_ort, online, post, telefon, email
  int maturity = 0;                  // OZG Reifegrad 0-4
  std::optional<int> maturity_2025;  // OZG maturity model 2.0: 0-7
  std::optional<int> appointment_minutes;
  std::vector<std::string> keywords;
  std::vector<std::string> synonyms;
  std::vector<std::string> related; // service ids
  std::string last_review;          // ISO date
  std::int64_t version = 0;         // optimistic locking; set by the store
};

// Opening time on one weekday: {"mo", "08:00", "12:30"}.
struct OpeningSlot {
  std::string day; // mo di mi do fr sa so
  std::string open;
  std::string close;
};

// A day that differs from the weekly hours.
struct OpeningException {
  std::string date; // ISO date
  bool closed = true;
  std::string open;
  std::string close;
  std::string note;
};

// A place where services are provided.
struct Office {
  std::string id; // "buergerbuero-mitte"
  std::string name;
  std::string department;
  std::string street;
  std::string postal_code;
  std::string city;
  double lat = 0;
  double lon = 0;
  std::string phone;
  std::string email;
  std::vector<OpeningSlot> opening_hours;
  std::vector<OpeningException> exceptions;
  std::string accessibility;
  int counters = 1; // parallel service desks
  std::string transit;
  std::int64_t version = 0;
};

// The whole catalogue, as imported or exported at once.
struct CatalogData {
  std::vector<Service> services;
  std::vector<Office> offices;
};

// The allowed values of Service::channels.
inline const std::vector<std::string>& channel_names() {
  static const std::vector<std::string> names = {"vor_ort", "online", "post", "telefon", "email"};
  return names;
}

} // namespace catalog
