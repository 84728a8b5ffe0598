// The document register's part of the DSGVO rights: a citizen's documents in
// their data export ("documents") and their erasure with the account.
#pragma once

#include "accounts/personal_data.hpp"
#include "documents/documents.hpp"

namespace documents {

class PersonalData final : public accounts::PersonalDataHolder {
public:
  explicit PersonalData(const Register& reg) : register_(reg) {}

  std::string_view section() const override { return "documents"; }
  // Every document with its full number: it is the holder's own data.
  boost::json::value export_data(store::Connection& c, const std::string& user_id) const override;
  // Deletes the person's documents and the reminders sent about them.
  void erase(store::Connection& c, const std::string& user_id, core::TimePoint now) override;

private:
  const Register& register_;
};

} // namespace documents
