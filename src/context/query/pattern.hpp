// Regular expressions from clients (q's ~= and idPattern): compiled once per
// request, refused when they could take exponential time (nested
// quantifiers, back-references) or are too long, since std::regex has no
// time limit and the routes are public. Character classes ("[ab]+") serve
// where a repeated alternation ("(a|b)+") is refused.
#pragma once

#include <memory>
#include <regex>
#include <string_view>

namespace context::query {

// The compiled pattern (ECMAScript). Throws Problem{bad_request_data} for an
// invalid, too long (> 256 characters) or potentially catastrophic pattern.
std::shared_ptr<const std::regex> compile_pattern(std::string_view pattern);

// Searches text (at most 1,024 characters are searched; longer texts do not
// match). False when the regex engine gives up.
bool search(const std::regex& re, std::string_view text);

} // namespace context::query
