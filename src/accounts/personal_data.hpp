// The DSGVO rights across modules. A module that holds personal data of
// citizens implements PersonalDataHolder and registers it with
// accounts::Accounts::add_holder() at start-up; the export of a citizen's
// data (Art. 15/20, GET /api/me/export) and the deletion of their account
// (Art. 17, DELETE /api/me) then reach every holder.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace accounts {

// A module that holds personal data of citizens.
class PersonalDataHolder {
public:
  virtual ~PersonalDataHolder() = default;
  // The section name in the export: "documents", "appointments", "inbox".
  virtual std::string_view section() const = 0;
  // Everything this module holds about the user (runs inside a read job).
  virtual boost::json::value export_data(store::Connection& c,
                                         const std::string& user_id) const = 0;
  // Inside the deletion's write transaction: cancel what lies in the future,
  // erase the user's personal data; statistics may keep anonymous rows only.
  virtual void erase(store::Connection& c, const std::string& user_id, core::TimePoint now) = 0;
};

} // namespace accounts
