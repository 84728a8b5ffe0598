// Uploaded files are recognised by their content, never by their name.
#include "opendata/detect.hpp"

#include <gtest/gtest.h>

namespace {

std::string type_of(std::string_view data) {
  std::string why;
  auto t = opendata::detect_file_type(data, why);
  return t ? t->format : "refused: " + why;
}

TEST(DetectFileType, RecognisesByContent) {
  EXPECT_EQ(type_of("%PDF-1.7\n..."), "PDF");
  EXPECT_EQ(type_of(std::string("PK\x03\x04", 4) + "...[Content_Types].xml...xl/workbook.xml"),
            "XLSX");
  EXPECT_EQ(type_of(R"({"type": "FeatureCollection", "features": []})"), "GEOJSON");
  EXPECT_EQ(type_of(R"([{"a": 1}])"), "JSON");
  EXPECT_EQ(type_of("\xEF\xBB\xBF{\"type\": \"Point\", \"coordinates\": [7, 51]}"), "GEOJSON");
  EXPECT_EQ(type_of("a,b\r\n1,2\r\n"), "CSV");
  EXPECT_EQ(type_of("a;b\n\"x;\"\"y\"\"\n z\";2"), "CSV"); // quoted separators, quotes, line ends
}

TEST(DetectFileType, RefusesEverythingElse) {
  for (std::string_view bad :
       {std::string_view(""), std::string_view("just one line"), std::string_view("a,b\n1,2,3\n"),
        std::string_view("a,b\n\"1,2\n"), std::string_view("{\"a\": "),
        std::string_view("\xff\xfe\x00\x01", 4), std::string_view("PK\x03\x04zip", 7),
        std::string_view("<html><body>hi</body></html>"), std::string_view("MZ\x90\x00", 4)})
    EXPECT_TRUE(type_of(bad).starts_with("refused")) << bad << " -> " << type_of(bad);
}

} // namespace
