#include "core/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"

namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("stadtkern-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write_toml(const std::string& text) {
    const auto path = dir_ / "stadtkern.toml";
    std::ofstream(path) << text;
    return path.string();
  }

  fs::path dir_;
};

core::ErrorKind kind_of(const core::ConfigSources& s) {
  try {
    core::load_config(s);
  } catch (const core::Error& e) {
    return e.kind();
  }
  return core::ErrorKind::internal;
}

std::string message_of(const core::ConfigSources& s) {
  try {
    core::load_config(s);
  } catch (const core::Error& e) {
    return e.detail();
  }
  return "";
}

TEST_F(ConfigTest, DefaultsWithoutAnySource) {
  const core::Config c = core::load_config({});
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.bind, "0.0.0.0");
  EXPECT_EQ(c.db, "sqlite:");
  EXPECT_EQ(c.data_dir, "var");
  EXPECT_FALSE(c.demo);
  EXPECT_EQ(c.origin.at("port"), "default");
}

TEST_F(ConfigTest, FileOverridesDefaults) {
  core::ConfigSources s;
  s.file_path = write_toml("port = 9000\ndemo = true\n[limits]\nbody_bytes = 2048\n");
  const core::Config c = core::load_config(s);
  EXPECT_EQ(c.port, 9000);
  EXPECT_TRUE(c.demo);
  EXPECT_EQ(c.limits.body_bytes, 2048u);
  EXPECT_EQ(c.origin.at("port"), "file " + *s.file_path);
}

TEST_F(ConfigTest, EnvironmentOverridesFile) {
  core::ConfigSources s;
  s.file_path = write_toml("port = 9000\nlog_level = \"debug\"\n");
  s.env = {{"STADTKERN_PORT", "9100"}, {"STADTKERN_LIMITS_READ_TIMEOUT", "3"}, {"OTHER", "x"}};
  const core::Config c = core::load_config(s);
  EXPECT_EQ(c.port, 9100);
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(c.limits.read_timeout, std::chrono::seconds(3));
  EXPECT_EQ(c.origin.at("port"), "env STADTKERN_PORT");
}

TEST_F(ConfigTest, FlagsOverrideEnvironmentAndFile) {
  core::ConfigSources s;
  s.file_path = write_toml("port = 9000\n");
  s.env = {{"STADTKERN_PORT", "9100"}};
  s.flags = {{"port", "9200"}, {"data_dir", "/tmp/x"}};
  const core::Config c = core::load_config(s);
  EXPECT_EQ(c.port, 9200);
  EXPECT_EQ(c.data_dir, "/tmp/x");
  EXPECT_EQ(c.origin.at("port"), "flag --port");
  EXPECT_EQ(c.origin.at("data_dir"), "flag --data-dir");
}

TEST_F(ConfigTest, MissingOptionalFileIsIgnoredButRequiredFileIsAnError) {
  core::ConfigSources s;
  s.file_path = (dir_ / "absent.toml").string();
  EXPECT_EQ(core::load_config(s).port, 8080);
  s.file_required = true;
  EXPECT_EQ(kind_of(s), core::ErrorKind::invalid_argument);
}

TEST_F(ConfigTest, BadValuesNameTheirSource) {
  core::ConfigSources s;
  s.env = {{"STADTKERN_PORT", "abc"}};
  EXPECT_NE(message_of(s).find("env STADTKERN_PORT"), std::string::npos);
  s.env = {{"STADTKERN_PORT", "70000"}};
  EXPECT_NE(message_of(s).find("out of range"), std::string::npos);
  s.env = {{"STADTKERN_LOG_LEVEL", "loud"}};
  EXPECT_NE(message_of(s).find("not one of"), std::string::npos);
  s.env = {{"STADTKERN_DEMO", "vielleicht"}};
  EXPECT_EQ(kind_of(s), core::ErrorKind::invalid_argument);
}

TEST_F(ConfigTest, UnknownOrMistypedFileKeysAreRejected) {
  core::ConfigSources s;
  s.file_path = write_toml("prot = 9000\n");
  EXPECT_NE(message_of(s).find("unknown setting 'prot'"), std::string::npos);
  s.file_path = write_toml("port = [1, 2]\n");
  EXPECT_EQ(kind_of(s), core::ErrorKind::invalid_argument);
  s.file_path = write_toml("port = \n");
  EXPECT_NE(message_of(s).find("line"), std::string::npos);
}

TEST_F(ConfigTest, AccountSettings) {
  core::Config c = core::load_config({});
  EXPECT_EQ(c.accounts.password_cost, "interactive");
  EXPECT_EQ(c.accounts.session_idle_minutes, 60);
  EXPECT_FALSE(c.accounts.secure_cookies);
  core::ConfigSources s;
  s.file_path = write_toml("[accounts]\nsecure_cookies = true\nsession_idle_minutes = 15\n");
  s.env = {{"STADTKERN_ACCOUNTS_PASSWORD_COST", "minimal"}};
  c = core::load_config(s);
  EXPECT_EQ(c.accounts.password_cost, "minimal");
  EXPECT_EQ(c.accounts.session_idle_minutes, 15);
  EXPECT_TRUE(c.accounts.secure_cookies);
  s.env = {{"STADTKERN_ACCOUNTS_PASSWORD_COST", "weak"}};
  EXPECT_NE(message_of(s).find("not one of"), std::string::npos);
  s.env = {{"STADTKERN_ACCOUNTS_SESSION_IDLE_MINUTES", "0"}};
  EXPECT_NE(message_of(s).find("out of range"), std::string::npos);
}

TEST_F(ConfigTest, PublicUrlIsAnHttpOriginWithoutPath) {
  EXPECT_EQ(core::load_config({}).public_url, "http://localhost:8080");
  core::ConfigSources s;
  for (const auto& [given, kept] : std::vector<std::pair<std::string, std::string>>{
           {"https://stadt.example", "https://stadt.example"},
           {"https://stadt.example/", "https://stadt.example"},
           {"http://10.0.0.5:8080", "http://10.0.0.5:8080"}}) {
    s.env = {{"STADTKERN_PUBLIC_URL", given}};
    EXPECT_EQ(core::load_config(s).public_url, kept) << given;
  }
  for (const char* bad : {"", "stadt.example", "ftp://stadt.example", "https://",
                          "https://stadt.example/buergerportal", "https://stadt.example?x=1",
                          "https://user@stadt.example", "https://stadt example", "javascript:x"}) {
    s.env = {{"STADTKERN_PUBLIC_URL", bad}};
    EXPECT_EQ(kind_of(s), core::ErrorKind::invalid_argument) << bad;
    EXPECT_NE(message_of(s).find("STADTKERN_PUBLIC_URL"), std::string::npos) << message_of(s);
  }
}

TEST_F(ConfigTest, OpenDataSettingsNameTheTownAndCheckTheirForm) {
  core::Config c = core::load_config({});
  EXPECT_EQ(c.opendata.municipality_key, "05999000");
  EXPECT_EQ(c.opendata.contributor_id, "musterstadt");
  core::ConfigSources s;
  s.file_path = write_toml("[opendata]\ncity_name = \"Beispielheim\"\n"
                           "municipality_key = \"05315000\"\ncontributor_id = \"beispielheim\"\n"
                           "bbox = \"6.77,50.83,7.16,51.08\"\n");
  c = core::load_config(s);
  EXPECT_EQ(c.opendata.city_name, "Beispielheim");
  EXPECT_EQ(c.opendata.municipality_key, "05315000");
  EXPECT_EQ(c.opendata.contributor_id, "beispielheim");
  EXPECT_DOUBLE_EQ(c.opendata.west, 6.77);
  EXPECT_DOUBLE_EQ(c.opendata.north, 51.08);
  s.file_path.reset();
  for (const auto& [key, bad] : std::vector<std::pair<std::string, std::string>>{
           {"STADTKERN_OPENDATA_MUNICIPALITY_KEY", "0531500"},
           {"STADTKERN_OPENDATA_MUNICIPALITY_KEY", "0531500x"},
           {"STADTKERN_OPENDATA_CONTRIBUTOR_ID", "Beispiel heim"},
           {"STADTKERN_OPENDATA_CONTRIBUTOR_ID", "a/../b"},
           {"STADTKERN_OPENDATA_CITY_NAME", ""},
           {"STADTKERN_OPENDATA_BBOX", "7,50,6,51"},
           {"STADTKERN_OPENDATA_BBOX", "6,50,7"},
           {"STADTKERN_OPENDATA_BBOX", "6,50,7,51,8"},
           {"STADTKERN_OPENDATA_BBOX", "6,50,x,51"},
           {"STADTKERN_OPENDATA_BBOX", "6,-95,7,51"}}) {
    s.env = {{key, bad}};
    EXPECT_EQ(kind_of(s), core::ErrorKind::invalid_argument) << key << "=" << bad;
    EXPECT_NE(message_of(s).find(key), std::string::npos) << message_of(s);
  }
}

TEST_F(ConfigTest, EnvNames) {
  EXPECT_EQ(core::env_name("port"), "STADTKERN_PORT");
  EXPECT_EQ(core::env_name("limits.body_bytes"), "STADTKERN_LIMITS_BODY_BYTES");
  const auto& keys = core::config_keys();
  EXPECT_NE(std::find(keys.begin(), keys.end(), "limits.max_connections"), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "nonsense"), keys.end());
}

} // namespace
