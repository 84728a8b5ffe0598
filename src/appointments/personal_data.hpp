// The appointment system's part of the DSGVO rights: the export lists the
// citizen's appointments (Art. 15/20); the deletion of the account cancels
// the future ones and removes name, e-mail and the link to the account from
// all of them (Art. 17), so only anonymous rows stay for statistics.
#pragma once

#include "accounts/personal_data.hpp"
#include "appointments/appointments.hpp"

namespace appointments {

class PersonalData final : public accounts::PersonalDataHolder {
public:
  explicit PersonalData(const Calendar& calendar) : calendar_(calendar) {}
  std::string_view section() const override { return "appointments"; }
  boost::json::value export_data(store::Connection& c, const std::string& user_id) const override;
  void erase(store::Connection& c, const std::string& user_id, core::TimePoint now) override;

private:
  const Calendar& calendar_;
};

} // namespace appointments
