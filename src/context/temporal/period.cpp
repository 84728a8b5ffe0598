#include "context/temporal/period.hpp"

#include <algorithm>
#include <cstdio>

namespace context::temporal {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

} // namespace

std::optional<std::int64_t> parse_duration_ms(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  bool in_time = false, any = false;
  double total = 0;
  std::size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time || i + 1 == s.size()) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
      ++i;
    if (i == start || i == s.size() || i - start > 12) return std::nullopt;
    double n = 0;
    try {
      const std::string number(s.substr(start, i - start));
      std::size_t used = 0;
      n = std::stod(number, &used);
      if (used != number.size()) return std::nullopt;
    } catch (...) {
      return std::nullopt;
    }
    const char unit = s[i++];
    double ms = 0;
    if (!in_time && unit == 'W')
      ms = 7 * 86400e3;
    else if (!in_time && unit == 'D')
      ms = 86400e3;
    else if (in_time && unit == 'H')
      ms = 3600e3;
    else if (in_time && unit == 'M')
      ms = 60e3;
    else if (in_time && unit == 'S')
      ms = 1e3;
    else
      return std::nullopt; // Y, M (month) or misplaced units
    total += n * ms;
    any = true;
  }
  if (!any || total < 1 || total > 1e15) return std::nullopt;
  return static_cast<std::int64_t>(total);
}

std::optional<std::int64_t> parse_instant_ms(std::string_view s) {
  int y, mo, d, h, mi, sec = 0, ms = 0;
  if (!digits(s, 0, 4, y) || s.size() < 17 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || s[10] != 'T' || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi))
    return std::nullopt;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!digits(s, 17, 2, sec)) return std::nullopt;
    i = 19;
    if (i < s.size() && s[i] == '.') {
      std::size_t j = i + 1;
      int scale = 100;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') {
        ms += (s[j] - '0') * scale;
        scale /= 10;
        ++j;
      }
      if (j == i + 1) return std::nullopt;
      i = j;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  std::int64_t offset_min = 0;
  if (i < s.size() && s[i] == 'Z' && i + 1 == s.size()) {
  } else if (i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
    int oh, om;
    if (!digits(s, i + 1, 2, oh) || !digits(s, i + 4, 2, om)) return std::nullopt;
    offset_min = (s[i] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  const std::int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi - offset_min) * 60'000 + sec * 1000LL + ms;
}

namespace {

struct Civil {
  std::int64_t y;
  unsigned m, d;
  std::int64_t ms_of_day;
};

Civil civil(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86'400'000 : -((-t + 86'399'999) / 86'400'000);
  const std::int64_t rest = t - days * 86'400'000;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d, rest};
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

} // namespace

std::optional<std::int64_t> parse_months(std::string_view s) {
  if (s.size() < 3 || s.size() > 6 || s[0] != 'P' || (s.back() != 'M' && s.back() != 'Y'))
    return std::nullopt;
  std::int64_t n = 0;
  for (const char c : s.substr(1, s.size() - 2)) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (s.back() == 'Y') n *= 12;
  if (n <= 0 || n > 1200) return std::nullopt;
  return n;
}

std::int64_t add_months(std::int64_t t, std::int64_t months) {
  const Civil c = civil(t);
  const std::int64_t index = c.y * 12 + (c.m - 1) + months;
  const std::int64_t y = index >= 0 ? index / 12 : -((-index + 11) / 12);
  const auto m = static_cast<unsigned>(index - y * 12) + 1;
  const unsigned d = std::min(c.d, days_in_month(y, m));
  return days_from_civil(y, m, d) * 86'400'000 + c.ms_of_day;
}

std::int64_t months_periods(std::int64_t origin, std::int64_t t, std::int64_t months) {
  const Civil a = civil(origin), b = civil(t);
  const std::int64_t diff = (b.y - a.y) * 12 + (static_cast<std::int64_t>(b.m) - a.m);
  std::int64_t k = diff >= 0 ? diff / months : -((-diff + months - 1) / months);
  while (add_months(origin, k * months) > t)
    --k;
  while (add_months(origin, (k + 1) * months) <= t)
    ++k;
  return k;
}

std::string format_instant_ms(std::int64_t t) {
  std::int64_t days = t >= 0 ? t / 86'400'000 : -((-t + 86'399'999) / 86'400'000);
  std::int64_t rest = t - days * 86'400'000;
  // civil_from_days
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  if (y >= 0 && y <= 9999) {
    // Written by hand: an aggregation answer formats two bounds per period,
    // and snprintf was a good part of its time.
    std::string out = "0000-00-00T00:00:00.000Z";
    const auto put = [&out](std::size_t pos, std::int64_t v, int width) {
      for (int i = width - 1; i >= 0; --i, v /= 10)
        out[pos + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
    };
    put(0, y, 4);
    put(5, m, 2);
    put(8, d, 2);
    put(11, rest / 3'600'000, 2);
    put(14, rest / 60'000 % 60, 2);
    put(17, rest / 1000 % 60, 2);
    put(20, rest % 1000, 3);
    return out;
  }
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(rest / 3'600'000),
                static_cast<long long>(rest / 60'000 % 60),
                static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
  return buf;
}

std::string canonical_instant(std::string_view text) {
  // Most times arrive in the canonical form already.
  const bool canonical = text.size() == 24 && text[19] == '.' && text[23] == 'Z';
  if (canonical) return std::string(text);
  const auto ms = parse_instant_ms(text);
  return ms ? format_instant_ms(*ms) : std::string(text);
}

} // namespace context::temporal
