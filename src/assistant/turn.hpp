// Internal to the assistant's engine: the working state of one turn, shared
// by engine.cpp and the answer files (answer_*.cpp).
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "assistant/engine.hpp"

namespace assistant {

// The working state of one turn.
struct Assistant::Turn {
  const TurnInput& input;
  const http::Identity* identity;
  Conversation conversation;
  core::Date today;
  std::shared_ptr<const catalog::Snapshot> snap;
  Understanding u;
  std::vector<std::string> paragraphs;
  boost::json::array actions;
  std::vector<Source> sources;

  void say(std::string p) { paragraphs.push_back(std::move(p)); }
  void source(std::string title, std::string url) {
    for (const auto& s : sources)
      if (s.url == url) return;
    sources.push_back({std::move(title), std::move(url)});
  }
  std::string user_id() const { return identity ? identity->user_id : std::string(); }
};

// A quick-reply suggestion button.
inline boost::json::object reply_button(const char* text) {
  return {{"type", "reply"}, {"text", text}};
}

// The invitation to log in for a personal answer.
inline boost::json::object login_required() {
  return {{"type", "login_required"},
          {"url", "/anmelden?weiter=%2Fassistent"},
          {"label", "Anmelden für eine persönliche Prüfung"}};
}

} // namespace assistant
