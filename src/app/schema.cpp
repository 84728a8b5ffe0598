#include "app/schema.hpp"

#include "accounts/accounts.hpp"
#include "audit/audit_log.hpp"
#include "catalog/catalog.hpp"
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
  for (auto& m : audit::AuditLog::migrations())
    all.push_back(std::move(m));
  return all;
}

} // namespace app
