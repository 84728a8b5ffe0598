"""A small, strict parser of the Prometheus text exposition format 0.0.4.

It accepts what the format allows and nothing else: `# HELP name text`,
`# TYPE name type` (once per family, before its samples), other `#` comments,
blank lines, and samples `name{label="value",...} value [timestamp]` with
float values (NaN, +Inf, -Inf included). A family's samples form one group;
a series (name + labels) appears once; histograms are checked for cumulative
buckets ending in le="+Inf" that equals _count, and for a _sum.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}
SAMPLE = re.compile(rf"^({NAME})(\{{.*\}})?[ \t]+(\S+)(?:[ \t]+(-?\d+))?$")
FLOAT = re.compile(r"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|Inf|inf|NaN)$")


class ParseError(ValueError):
    pass


@dataclass
class Sample:
    name: str
    labels: dict[str, str]
    value: float


@dataclass
class Family:
    name: str
    type: str = "untyped"
    help: str | None = None
    typed: bool = False
    samples: list[Sample] = field(default_factory=list)


def parse_labels(text: str, lineno: int) -> dict[str, str]:
    """Parses `{a="x",b="y"}` (a trailing comma is allowed)."""
    assert text[0] == "{" and text[-1] == "}"
    body, i, labels = text[1:-1], 0, {}
    while i < len(body):
        m = LABEL_NAME.match(body, i)
        if not m:
            raise ParseError(f"line {lineno}: bad label name at {body[i:]!r}")
        name = m.group(0)
        i = m.end()
        if body[i:i + 2] != '="':
            raise ParseError(f"line {lineno}: expected =\" after label {name}")
        i += 2
        value = []
        while True:
            if i >= len(body):
                raise ParseError(f"line {lineno}: unterminated value of label {name}")
            c = body[i]
            if c == "\\":
                esc = body[i + 1:i + 2]
                if esc not in ("\\", '"', "n"):
                    raise ParseError(f"line {lineno}: bad escape \\{esc} in label {name}")
                value.append("\n" if esc == "n" else esc)
                i += 2
            elif c == '"':
                i += 1
                break
            elif c == "\n":
                raise ParseError(f"line {lineno}: raw newline in label {name}")
            else:
                value.append(c)
                i += 1
        if name in labels:
            raise ParseError(f"line {lineno}: label {name} given twice")
        labels[name] = "".join(value)
        if i < len(body):
            if body[i] != ",":
                raise ParseError(f"line {lineno}: expected ',' after label {name}")
            i += 1
    return labels


def parse_value(text: str, lineno: int) -> float:
    if not FLOAT.match(text):
        raise ParseError(f"line {lineno}: value {text!r} is not a float")
    return float(text)


def family_of(sample_name: str, families: dict[str, Family]) -> str:
    for suffix in ("_bucket", "_sum", "_count", "_created"):
        base = sample_name[: -len(suffix)]
        if sample_name.endswith(suffix) and base in families and families[base].type in ("histogram", "summary"):
            return base
    return sample_name


def parse(text: str) -> dict[str, Family]:
    if text and not text.endswith("\n"):
        raise ParseError("the exposition does not end with a newline")
    families: dict[str, Family] = {}
    finished: set[str] = set()  # families whose group of lines has ended
    current: str | None = None
    seen_series: set[tuple] = set()

    def enter(name: str, lineno: int) -> Family:
        nonlocal current
        if name != current:
            if name in finished:
                raise ParseError(f"line {lineno}: lines of {name} are not one group")
            if current is not None:
                finished.add(current)
            current = name
        return families.setdefault(name, Family(name))

    for lineno, line in enumerate(text.split("\n")[:-1] if text else [], start=1):
        if line.strip() == "":
            continue
        if line.startswith("#"):
            parts = line.split(None, 3)
            if len(parts) >= 2 and parts[1] in ("HELP", "TYPE"):
                if len(parts) < 3 or not re.fullmatch(NAME, parts[2]):
                    raise ParseError(f"line {lineno}: malformed {parts[1]} line {line!r}")
                fam = enter(parts[2], lineno)
                rest = parts[3] if len(parts) > 3 else ""
                if parts[1] == "TYPE":
                    if rest not in TYPES:
                        raise ParseError(f"line {lineno}: unknown type {rest!r}")
                    if fam.samples or fam.typed:
                        raise ParseError(f"line {lineno}: TYPE of {fam.name} after its samples or twice")
                    fam.type = rest
                    fam.typed = True
                else:
                    if fam.help is not None:
                        raise ParseError(f"line {lineno}: HELP of {fam.name} twice")
                    fam.help = rest
            continue
        m = SAMPLE.match(line)
        if not m:
            raise ParseError(f"line {lineno}: not a sample line: {line!r}")
        name, label_text, value_text = m.group(1), m.group(2), m.group(3)
        labels = parse_labels(label_text, lineno) if label_text else {}
        value = parse_value(value_text, lineno)
        fam = enter(family_of(name, families), lineno)
        key = (name, tuple(sorted(labels.items())))
        if key in seen_series:
            raise ParseError(f"line {lineno}: series {name}{labels} given twice")
        seen_series.add(key)
        fam.samples.append(Sample(name, labels, value))

    for fam in families.values():
        if fam.type == "histogram":
            check_histogram(fam)
    return families


def check_histogram(fam: Family) -> None:
    groups: dict[tuple, dict] = {}
    for s in fam.samples:
        base = tuple(sorted((k, v) for k, v in s.labels.items() if k != "le"))
        g = groups.setdefault(base, {"buckets": [], "sum": None, "count": None})
        if s.name == fam.name + "_bucket":
            if "le" not in s.labels:
                raise ParseError(f"{fam.name}: bucket without le")
            g["buckets"].append((parse_value(s.labels["le"], 0), s.value))
        elif s.name == fam.name + "_sum":
            g["sum"] = s.value
        elif s.name == fam.name + "_count":
            g["count"] = s.value
        else:
            raise ParseError(f"{fam.name}: unexpected sample {s.name}")
    for base, g in groups.items():
        b = g["buckets"]
        if not b or not math.isinf(b[-1][0]):
            raise ParseError(f"{fam.name}{dict(base)}: no le=\"+Inf\" bucket last")
        if [le for le, _ in b] != sorted(le for le, _ in b):
            raise ParseError(f"{fam.name}{dict(base)}: buckets not in increasing le")
        if any(b[i][1] > b[i + 1][1] for i in range(len(b) - 1)):
            raise ParseError(f"{fam.name}{dict(base)}: bucket counts are not cumulative")
        if g["count"] is None or g["sum"] is None:
            raise ParseError(f"{fam.name}{dict(base)}: _count or _sum missing")
        if g["count"] != b[-1][1]:
            raise ParseError(f"{fam.name}{dict(base)}: _count {g['count']} != +Inf bucket {b[-1][1]}")
