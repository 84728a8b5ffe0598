// A small RDF graph (IRIs, blank nodes, literals with a datatype or a
// language) and its three serialisations: Turtle, RDF/XML and JSON-LD. Made
// for the DCAT-AP.de catalogue: graphs of a few thousand triples, written in
// the order they were added, subjects grouped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace opendata::rdf {

// One node or value.
struct Term {
  enum class Kind { iri, blank, literal } kind = Kind::iri;
  std::string value;    // the IRI, the blank node label, or the lexical form
  std::string datatype; // literal: datatype IRI (empty = xsd:string)
  std::string language; // literal: language tag ("de"), then no datatype

  bool operator==(const Term&) const = default;
};

Term iri(std::string value);
Term blank(std::string label); // label of [A-Za-z0-9]
Term literal(std::string value, std::string datatype = {});
Term text(std::string value, std::string language); // a language-tagged string

inline constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

struct Triple {
  Term subject;   // iri or blank
  Term predicate; // iri
  Term object;
};

// The triples and the prefixes used to abbreviate them.
class Graph {
public:
  // Declares prefix -> namespace ("dct" -> "http://purl.org/dc/terms/").
  void prefix(std::string name, std::string ns) { prefixes_.emplace_back(name, ns); }
  void add(Term subject, std::string_view predicate, Term object);
  // Adds the object only when its value is not empty.
  void add_if(const Term& subject, std::string_view predicate, Term object);

  const std::vector<std::pair<std::string, std::string>>& prefixes() const { return prefixes_; }
  const std::vector<Triple>& triples() const { return triples_; }
  // The full IRI of "dct:title" by the declared prefixes (unchanged otherwise).
  std::string expand(std::string_view name) const;

private:
  std::vector<std::pair<std::string, std::string>> prefixes_;
  std::vector<Triple> triples_;
};

std::string to_turtle(const Graph& graph);
std::string to_rdfxml(const Graph& graph);
std::string to_jsonld(const Graph& graph);

} // namespace opendata::rdf
