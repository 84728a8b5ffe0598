// Validates RDF documents against the DCAT-AP.de 2.0 SHACL shapes, offline.
//
//   node validate.mjs <shapes-dir> <imports-dir> <file>...
//
// Each file is parsed by its extension (.ttl Turtle, .rdf RDF/XML, .jsonld
// JSON-LD). As GovData's validator does after downloading the owl:imports,
// the FOAF, vCard and ORG ontologies are merged into the data graph, and an
// IRI in the namespace of a controlled vocabulary (EU authority tables,
// dcat-ap.de code lists) counts as a concept of that vocabulary, since the
// code lists are not available offline.
//
// Prints one JSON object: {"files": {file: {"triples", "violations": [...],
// "warnings": [...]}} (warnings and infos of the shapes), "isomorphic": bool} where isomorphic says whether all files
// hold the same triples (blank nodes aside). Exit code 0 when it ran.
import fs from 'node:fs';
import path from 'node:path';
import { Parser, Store, DataFactory } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { JsonLdParser } from 'jsonld-streaming-parser';
import SHACLValidator from 'rdf-validate-shacl';

const { namedNode, quad } = DataFactory;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const SH = 'http://www.w3.org/ns/shacl#';

// Namespaces of controlled vocabularies -> the concept scheme they belong to.
const VOCABULARIES = [
  'http://publications.europa.eu/resource/authority/data-theme/',
  'http://publications.europa.eu/resource/authority/frequency/',
  'http://publications.europa.eu/resource/authority/file-type/',
  'http://publications.europa.eu/resource/authority/language/',
  'http://publications.europa.eu/resource/authority/planned-availability/',
  'http://dcat-ap.de/def/licenses/',
  'http://dcat-ap.de/def/contributors/',
  'http://dcat-ap.de/def/politicalGeocoding/Level/',
  'http://dcat-ap.de/def/politicalGeocoding/municipalityKey/',
  'http://dcat-ap.de/def/politicalGeocoding/regionalKey/',
  'http://dcat-ap.de/def/politicalGeocoding/districtKey/',
  'http://dcat-ap.de/def/politicalGeocoding/stateKey/',
];

function parseStream(parser, text) {
  return new Promise((resolve, reject) => {
    const quads = [];
    parser.on('data', (q) => quads.push(q));
    parser.on('error', reject);
    parser.on('end', () => resolve(quads));
    parser.write(text);
    parser.end();
  });
}

async function parseFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  const base = 'http://localhost/';
  if (file.endsWith('.rdf')) return parseStream(new RdfXmlParser({ baseIRI: base }), text);
  if (file.endsWith('.jsonld')) return parseStream(new JsonLdParser({ baseIRI: base }), text);
  return new Parser({ baseIRI: base }).parse(text);
}

function vocabularyQuads(quads) {
  const extra = [];
  const seen = new Set();
  for (const q of quads) {
    if (q.object.termType !== 'NamedNode' || seen.has(q.object.value)) continue;
    const ns = VOCABULARIES.find((v) => q.object.value.startsWith(v));
    if (!ns) continue;
    seen.add(q.object.value);
    const scheme = namedNode(ns.slice(0, -1));
    extra.push(quad(q.object, namedNode(RDF_TYPE), namedNode(SKOS + 'Concept')));
    extra.push(quad(q.object, namedNode(SKOS + 'inScheme'), scheme));
    extra.push(quad(q.object, namedNode(SKOS + 'prefLabel'),
      DataFactory.literal(q.object.value.slice(ns.length))));
  }
  return extra;
}

// Blank-node-free canonical lines of a graph (blank nodes as _:b). The links
// between catalogue pages name the format of the page they are in
// (catalog.ttl?page=2), so that extension is left out.
function signature(quads) {
  const unformat = (s) => s.replace(/\/catalog\.(ttl|rdf|jsonld)\b/g, '/catalog.*');
  const term = (t) => (t.termType === 'BlankNode' ? '_:b'
    : t.termType === 'Literal' ? JSON.stringify([unformat(t.value), t.language, t.datatype?.value])
      : '<' + unformat(t.value) + '>');
  return quads.map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`).sort();
}

const [shapesDir, importsDir, ...files] = process.argv.slice(2);
const shapeQuads = [];
for (const f of fs.readdirSync(shapesDir).filter((f) => f.endsWith('.ttl')).sort())
  shapeQuads.push(...(await parseFile(path.join(shapesDir, f))));
const ontology = [];
for (const f of fs.readdirSync(importsDir).sort())
  ontology.push(...(await parseFile(path.join(importsDir, f))));

const result = { files: {}, isomorphic: true };
let first = null;
for (const file of files) {
  const quads = await parseFile(file);
  const sig = JSON.stringify(signature(quads));
  if (first === null) first = sig;
  else if (sig !== first) result.isomorphic = false;
  const data = new Store([...quads, ...ontology, ...vocabularyQuads(quads)]);
  const validator = new SHACLValidator(new Store(shapeQuads), {
    importGraph: async () => new Store(), // the imports are merged into the data above
  });
  const report = await validator.validate(data);
  const violations = [];
  const warnings = [];
  for (const r of report.results) {
    (r.severity?.value === SH + 'Violation' ? violations : warnings).push({
      focus: r.focusNode?.value,
      path: r.path?.value,
      value: r.value?.value,
      shape: r.sourceShape?.value,
      message: r.message.map((m) => m.value),
    });
  }
  result.files[file] = { triples: quads.length, violations, warnings };
}
console.log(JSON.stringify(result, null, 1));
