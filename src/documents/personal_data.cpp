#include "documents/personal_data.hpp"

#include <boost/json.hpp>

namespace documents {

boost::json::value PersonalData::export_data(store::Connection& c,
                                             const std::string& user_id) const {
  boost::json::array out;
  for (const Document& d : register_.documents_of(c, user_id)) {
    boost::json::object o{{"id", d.id},
                          {"kind", to_string(d.kind)},
                          {"number", d.number},
                          {"issue_date", core::format_date(d.issue_date)},
                          {"authority", d.authority},
                          {"state", to_string(d.state)},
                          {"created_at", d.created_at},
                          {"updated_at", d.updated_at}};
    o["expiry_date"] = d.expiry_date ? boost::json::value(core::format_date(*d.expiry_date))
                                     : boost::json::value(nullptr);
    out.push_back(std::move(o));
  }
  return out;
}

void PersonalData::erase(store::Connection& c, const std::string& user_id, core::TimePoint) {
  register_.erase_all(c, user_id);
}

} // namespace documents
