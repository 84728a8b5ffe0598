// A system timestamp of an entity (createdAt, modifiedAt) held inside the
// entity instead of on the heap: the broker writes them as
// "2026-01-05T13:42:07.123Z" (24 characters), which std::string would
// allocate for; 100,000 entities keep two each.
#pragma once

#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace context {

// Text of at most kCapacity characters, stored inline.
class TimeText {
public:
  static constexpr std::size_t kCapacity = 31;

  TimeText() = default;
  TimeText(std::string_view text) { assign(text); } // NOLINT: implicit like std::string
  TimeText& operator=(std::string_view text) {
    assign(text);
    return *this;
  }

  std::string_view view() const { return {text_, size_}; }
  std::string str() const { return std::string(view()); }
  operator std::string_view() const { return view(); } // NOLINT: reads like a string
  bool empty() const { return size_ == 0; }
  friend bool operator==(const TimeText& a, const TimeText& b) { return a.view() == b.view(); }
  friend bool operator==(const TimeText& a, std::string_view b) { return a.view() == b; }
  friend std::ostream& operator<<(std::ostream& out, const TimeText& t) { return out << t.view(); }

private:
  void assign(std::string_view text) {
    if (text.size() > kCapacity)
      throw std::length_error("timestamp too long: " + std::string(text));
    std::memcpy(text_, text.data(), text.size());
    size_ = static_cast<unsigned char>(text.size());
  }

  char text_[kCapacity] = {};
  unsigned char size_ = 0;
};

} // namespace context
