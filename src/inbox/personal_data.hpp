// The Postfach's part of the DSGVO rights: a person's messages in their data
// export ("inbox") and their erasure with the account.
#pragma once

#include "accounts/personal_data.hpp"
#include "inbox/inbox.hpp"

namespace inbox {

class PersonalData final : public accounts::PersonalDataHolder {
public:
  explicit PersonalData(const Inbox& inbox) : inbox_(inbox) {}

  std::string_view section() const override { return "inbox"; }
  boost::json::value export_data(store::Connection& c, const std::string& user_id) const override;
  void erase(store::Connection& c, const std::string& user_id, core::TimePoint now) override;

private:
  const Inbox& inbox_;
};

} // namespace inbox
