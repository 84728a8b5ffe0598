// Reading a whole catalogue from files: the JSON export format
// ({"services": [...], "offices": [...]}), the reviewable data directory
// (data/musterstadt: offices.json + leistungen/*.json) and CSV.
// Problems are collected, never thrown, so that an import reports them all.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "catalog/codec.hpp"
#include "catalog/model.hpp"

namespace catalog {

// {"services": [...], "offices": [...]}; `source` names the input in errors.
CatalogData parse_catalog_json(std::string_view text, const std::string& source,
                               std::vector<ValidationError>& errors);

// A directory laid out like data/musterstadt.
CatalogData read_catalog_dir(const std::filesystem::path& dir,
                             std::vector<ValidationError>& errors);

// A .json export file or a data directory, by what `path` is.
CatalogData read_catalog(const std::filesystem::path& path, std::vector<ValidationError>& errors);

// CSV (RFC 4180, UTF-8, header row) of services and of offices. List and
// object fields are cells holding JSON. Every row is validated.
std::string services_to_csv(const std::vector<Service>& services);
std::string offices_to_csv(const std::vector<Office>& offices);
std::vector<Service> parse_services_csv(std::string_view text,
                                        std::vector<ValidationError>& errors);

// Splits CSV text into rows of cells (quotes, doubled quotes, CRLF or LF,
// newlines inside quotes). Returns false with a message on malformed input.
bool parse_csv(std::string_view text, std::vector<std::vector<std::string>>& rows,
               std::string& error);
// Appends one cell, quoted when needed.
void append_csv_cell(std::string& out, std::string_view cell);

} // namespace catalog
