#include "opendata/rdf.hpp"

#include <boost/json.hpp>

#include <cstdio>
#include <map>
#include <unordered_map>

#include "core/json.hpp"

namespace opendata::rdf {
namespace {

namespace json = boost::json;

// Subjects in order of first appearance, each with its triples' indexes.
std::vector<std::pair<Term, std::vector<std::size_t>>> by_subject(const Graph& g) {
  std::vector<std::pair<Term, std::vector<std::size_t>>> out;
  std::map<std::pair<int, std::string>, std::size_t> at;
  for (std::size_t i = 0; i < g.triples().size(); ++i) {
    const Term& s = g.triples()[i].subject;
    const auto key = std::make_pair(static_cast<int>(s.kind), s.value);
    auto it = at.find(key);
    if (it == at.end()) {
      it = at.emplace(key, out.size()).first;
      out.push_back({s, {}});
    }
    out[it->second].second.push_back(i);
  }
  return out;
}

void hex_escape(std::string& out, unsigned c, bool big) {
  char buffer[12];
  std::snprintf(buffer, sizeof buffer, big ? "\\U%08X" : "\\u%04X", c);
  out += buffer;
}

// Turtle: an IRI reference, with the characters IRIREF forbids escaped.
std::string turtle_iri(std::string_view iri) {
  std::string out = "<";
  for (unsigned char c : iri) {
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
        c == '^' || c == '`' || c == '\\')
      hex_escape(out, c, false);
    else
      out += static_cast<char>(c);
  }
  return out + ">";
}

std::string turtle_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20 || c == 0x7f)
        hex_escape(out, c, false);
      else
        out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// True for a local name that needs no escaping in a prefixed name (a
// conservative subset of PN_LOCAL) and in an XML element name.
bool simple_local(std::string_view local) {
  if (local.empty()) return false;
  const char first = local.front();
  if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z') || first == '_'))
    return false;
  for (char c : local)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-'))
      return false;
  return local.back() != '.';
}

// "dct:title" for a full IRI in a declared namespace with a simple local
// name; empty otherwise.
std::string compact(const Graph& g, std::string_view iri) {
  for (const auto& [name, ns] : g.prefixes())
    if (iri.size() > ns.size() && iri.starts_with(ns) && simple_local(iri.substr(ns.size())))
      return name + ":" + std::string(iri.substr(ns.size()));
  return {};
}

std::string turtle_term(const Graph& g, const Term& t) {
  switch (t.kind) {
  case Term::Kind::iri: {
    if (t.value == kRdfType) return "a";
    std::string c = compact(g, t.value);
    return c.empty() ? turtle_iri(t.value) : c;
  }
  case Term::Kind::blank: return "_:" + t.value;
  case Term::Kind::literal: {
    std::string out = turtle_string(t.value);
    if (!t.language.empty()) return out + "@" + t.language;
    if (!t.datatype.empty()) {
      std::string c = compact(g, t.datatype);
      out += "^^" + (c.empty() ? turtle_iri(t.datatype) : c);
    }
    return out;
  }
  }
  return {};
}

// XML text or attribute value; characters XML 1.0 cannot hold become U+FFFD.
std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\r': out += "&#13;"; break;
    default:
      if (c < 0x20 && c != '\n' && c != '\t')
        out += "\xEF\xBF\xBD";
      else
        out += static_cast<char>(c);
    }
  }
  return out;
}

// Splits a predicate IRI into namespace and an XML-safe local name.
std::pair<std::string, std::string> split_predicate(std::string_view iri) {
  for (std::size_t cut = 0; cut < iri.size(); ++cut)
    if (simple_local(iri.substr(cut)))
      return {std::string(iri.substr(0, cut)), std::string(iri.substr(cut))};
  return {std::string(iri), {}};
}

} // namespace

Term iri(std::string value) { return {Term::Kind::iri, std::move(value), {}, {}}; }
Term blank(std::string label) { return {Term::Kind::blank, std::move(label), {}, {}}; }
Term literal(std::string value, std::string datatype) {
  return {Term::Kind::literal, std::move(value), std::move(datatype), {}};
}
Term text(std::string value, std::string language) {
  return {Term::Kind::literal, std::move(value), {}, std::move(language)};
}

std::string Graph::expand(std::string_view name) const {
  const auto colon = name.find(':');
  if (colon != std::string_view::npos)
    for (const auto& [prefix, ns] : prefixes_)
      if (name.substr(0, colon) == prefix) return ns + std::string(name.substr(colon + 1));
  return std::string(name);
}

void Graph::add(Term subject, std::string_view predicate, Term object) {
  triples_.push_back({std::move(subject), iri(expand(predicate)), std::move(object)});
}

void Graph::add_if(const Term& subject, std::string_view predicate, Term object) {
  if (!object.value.empty()) add(subject, predicate, std::move(object));
}

std::string to_turtle(const Graph& g) {
  std::string out;
  for (const auto& [name, ns] : g.prefixes())
    out += "@prefix " + name + ": " + turtle_iri(ns) + " .\n";
  for (const auto& [subject, indexes] : by_subject(g)) {
    out += "\n" + turtle_term(g, subject);
    std::string last_predicate;
    for (std::size_t n = 0; n < indexes.size(); ++n) {
      const Triple& t = g.triples()[indexes[n]];
      const std::string p = turtle_term(g, t.predicate);
      if (n > 0 && p == last_predicate) {
        out += " ,\n        " + turtle_term(g, t.object);
      } else {
        out += (n == 0 ? "\n    " : " ;\n    ") + p + " " + turtle_term(g, t.object);
      }
      last_predicate = p;
    }
    out += " .\n";
  }
  return out;
}

std::string to_rdfxml(const Graph& g) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF";
  bool has_rdf = false;
  for (const auto& [name, ns] : g.prefixes()) {
    if (name == "rdf") has_rdf = true;
    out += "\n    xmlns:" + name + "=\"" + xml_escape(ns) + "\"";
  }
  if (!has_rdf) out += "\n    xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"";
  out += ">\n";
  for (const auto& [subject, indexes] : by_subject(g)) {
    out += subject.kind == Term::Kind::blank
               ? "  <rdf:Description rdf:nodeID=\"" + xml_escape(subject.value) + "\">\n"
               : "  <rdf:Description rdf:about=\"" + xml_escape(subject.value) + "\">\n";
    for (std::size_t i : indexes) {
      const Triple& t = g.triples()[i];
      const auto [ns, local] = split_predicate(t.predicate.value);
      std::string name, declaration;
      for (const auto& [prefix, uri] : g.prefixes())
        if (uri == ns) name = prefix + ":" + local;
      if (name.empty()) { // a namespace without a prefix: declare it on the element
        name = "ns0:" + local;
        declaration = " xmlns:ns0=\"" + xml_escape(ns) + "\"";
      }
      out += "    <" + name + declaration;
      switch (t.object.kind) {
      case Term::Kind::iri:
        out += " rdf:resource=\"" + xml_escape(t.object.value) + "\"/>\n";
        break;
      case Term::Kind::blank:
        out += " rdf:nodeID=\"" + xml_escape(t.object.value) + "\"/>\n";
        break;
      case Term::Kind::literal:
        if (!t.object.language.empty())
          out += " xml:lang=\"" + xml_escape(t.object.language) + "\"";
        else if (!t.object.datatype.empty())
          out += " rdf:datatype=\"" + xml_escape(t.object.datatype) + "\"";
        out += ">" + xml_escape(t.object.value) + "</" + name + ">\n";
        break;
      }
    }
    out += "  </rdf:Description>\n";
  }
  return out + "</rdf:RDF>\n";
}

std::string to_jsonld(const Graph& g) {
  json::object context;
  for (const auto& [name, ns] : g.prefixes())
    context[name] = ns;
  json::array nodes;
  for (const auto& [subject, indexes] : by_subject(g)) {
    json::object node;
    node["@id"] = subject.kind == Term::Kind::blank ? "_:" + subject.value : subject.value;
    for (std::size_t i : indexes) {
      const Triple& t = g.triples()[i];
      if (t.predicate.value == kRdfType && t.object.kind == Term::Kind::iri) {
        if (!node["@type"].is_array()) node["@type"] = json::array();
        const std::string c = compact(g, t.object.value);
        node["@type"].as_array().push_back(json::string(c.empty() ? t.object.value : c));
        continue;
      }
      const std::string c = compact(g, t.predicate.value);
      json::value& values = node[c.empty() ? t.predicate.value : c];
      if (!values.is_array()) values = json::array();
      json::object v;
      switch (t.object.kind) {
      case Term::Kind::iri: v["@id"] = t.object.value; break;
      case Term::Kind::blank: v["@id"] = "_:" + t.object.value; break;
      case Term::Kind::literal:
        v["@value"] = t.object.value;
        if (!t.object.language.empty())
          v["@language"] = t.object.language;
        else if (!t.object.datatype.empty())
          v["@type"] = t.object.datatype;
        break;
      }
      values.as_array().push_back(std::move(v));
    }
    nodes.push_back(std::move(node));
  }
  return core::json::dump(
             json::object{{"@context", std::move(context)}, {"@graph", std::move(nodes)}}) +
         "\n";
}

} // namespace opendata::rdf
