#include "inbox/personal_data.hpp"

#include <boost/json.hpp>

namespace inbox {

boost::json::value PersonalData::export_data(store::Connection& c,
                                             const std::string& user_id) const {
  boost::json::array out;
  for (const Message& m : inbox_.messages_of(c, user_id))
    out.push_back(to_json(m));
  return out;
}

void PersonalData::erase(store::Connection& c, const std::string& user_id, core::TimePoint) {
  inbox_.erase_all(c, user_id);
}

} // namespace inbox
