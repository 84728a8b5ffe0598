#include "core/edit_distance.hpp"

#include <gtest/gtest.h>

#include <string>

using core::edit_distance;

TEST(EditDistance, CountsEditsAndSwapsOfNeighbours) {
  EXPECT_EQ(edit_distance("mailand", "mailand", 2), 0);
  EXPECT_EQ(edit_distance("mailnad", "mailand", 2), 1); // swapped neighbours
  EXPECT_EQ(edit_distance("abcd", "acbd", 2), 1);
  EXPECT_EQ(edit_distance("marakesch", "marrakesch", 2), 1); // insertion
  EXPECT_EQ(edit_distance("barcelna", "barcelona", 2), 1);
  EXPECT_EQ(edit_distance("reisepas", "reisepass", 2), 1);
  EXPECT_EQ(edit_distance("hund", "hand", 2), 1); // substitution
  EXPECT_EQ(edit_distance("lisabonn", "lissabon", 2), 2);
  EXPECT_EQ(edit_distance("", "ab", 2), 2);
}

TEST(EditDistance, StopsAboveTheLimit) {
  EXPECT_EQ(edit_distance("paris", "london", 2), 3); // limit + 1
  EXPECT_EQ(edit_distance("a", "abcdef", 1), 2);     // lengths alone exceed the limit
  EXPECT_EQ(edit_distance("hnuf", "hund", 1), 2);
}

TEST(EditDistance, HandlesNamesLongerThanTheStackRows) {
  const std::string a(100, 'x');
  std::string b = a;
  b[50] = 'y';
  EXPECT_EQ(edit_distance(a, b, 2), 1);
  EXPECT_EQ(edit_distance(a + "zz", b, 2), 3);
}
