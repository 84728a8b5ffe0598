#include "app/schema.hpp"

#include "accounts/accounts.hpp"
#include "appointments/appointments.hpp"
#include "audit/audit_log.hpp"
#include "catalog/catalog.hpp"
#include "context/broker.hpp"
#include "context/subscriptions/notifier.hpp"
#include "documents/documents.hpp"
#include "inbox/inbox.hpp"
#include "mail/outbox.hpp"
#include "opendata/opendata.hpp"
#include "platform/installation_store.hpp"

namespace app {

std::vector<store::Migration> all_migrations() {
  std::vector<store::Migration> all;
  for (auto& m : platform::platform_migrations())
    all.push_back(std::move(m));
  for (auto& m : catalog::Catalog::migrations())
    all.push_back(std::move(m));
  for (auto& m : accounts::Accounts::migrations())
    all.push_back(std::move(m));
  for (auto& m : mail::Outbox::migrations())
    all.push_back(std::move(m));
  for (auto& m : documents::Register::migrations())
    all.push_back(std::move(m));
  for (auto& m : inbox::Inbox::migrations())
    all.push_back(std::move(m));
  for (auto& m : appointments::Calendar::migrations())
    all.push_back(std::move(m));
  for (auto& m : audit::AuditLog::migrations())
    all.push_back(std::move(m));
  for (auto& m : opendata::OpenData::migrations())
    all.push_back(std::move(m));
  for (auto& m : context::Broker::migrations())
    all.push_back(std::move(m));
  for (auto& m : context::subscriptions::Notifier::migrations())
    all.push_back(std::move(m));
  return all;
}

} // namespace app
