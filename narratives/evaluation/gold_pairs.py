"""The pairs and events part of `narratives eval gold`.

For each gold article, its analysed claims go through a fresh `NarrativeIndex` (real
embedder and contradiction model), then:

* pairs: a gold pair is *found* when the two predicted claims matched to its gold claims
  form a pair with relation `contradicts` (order-free). `required_found` counts required
  pairs, `acceptable_found` the others in `pairs`, `forbidden_reported` the
  `forbidden_pairs` reported as contradicting; `contradicts_reported` is every
  contradicting pair the index reported for the article;
* events: purity of the predicted events over the matched gold claims' `event` labels
  (for each predicted event, the count of its most common gold event; summed, divided
  by the number of matched gold claims with an event label); `together`: for each gold
  event, how many of its matched claims the predicted event holding most of them has
  (`{"kharkiv-strike": {"claims": 9, "together": 9}}`: all in one event).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Callable, Sequence

from narratives.errors import ModelUnavailableError
from narratives.index.narrative_index import NarrativeIndex

IndexFactory = Callable[[], NarrativeIndex]


def default_index() -> NarrativeIndex:
    """The real index; without a trained contradiction model, structure-only pairing."""
    from narratives.composition import load_index, new_embedder

    try:
        return load_index()
    except ModelUnavailableError:
        return NarrativeIndex(embedder=new_embedder(), contradiction=None)


def _score_run(run: Any, index: NarrativeIndex) -> dict[str, Any]:
    index.add([run.analysis])
    predicted = {m.gold.id: m.claim.id for m in run.matches if m.claim is not None}
    contradicting = {frozenset((p.a, p.b)) for p in index.pairs.values() if p.relation == "contradicts"}

    def found(pair: dict[str, Any]) -> bool:
        a, b = predicted.get(pair["a"]), predicted.get(pair["b"])
        return a is not None and b is not None and frozenset((a, b)) in contradicting

    gold_pairs = run.gold.data.get("pairs", [])
    required = [p for p in gold_pairs if p.get("required")]
    forbidden = run.gold.data.get("forbidden_pairs", [])
    by_event: dict[str, Counter[str]] = defaultdict(Counter)
    for match in run.matches:
        if match.claim is not None and match.gold.event:
            by_event[index.claims[match.claim.id].event_id or ""][match.gold.event] += 1
    labelled = sum(sum(c.values()) for c in by_event.values())
    gold_events = sorted({g for c in by_event.values() for g in c})
    together = {
        g: {"claims": sum(c[g] for c in by_event.values()), "together": max(c[g] for c in by_event.values())}
        for g in gold_events
    }
    return {
        "together": together,
        "required_total": len(required),
        "required_found": sum(map(found, required)),
        "acceptable_found": sum(found(p) for p in gold_pairs if not p.get("required")),
        "forbidden_reported": sum(map(found, forbidden)),
        "contradicts_reported": len(contradicting),
        "missing_required": [f"{p['a']}-{p['b']}" for p in required if not found(p)],
        "reported_forbidden": [f"{p['a']}-{p['b']}" for p in forbidden if found(p)],
        "majority": sum(max(c.values()) for c in by_event.values()),
        "labelled": labelled,
        "predicted_events": len(by_event),
    }


def pair_report(runs: Sequence[Any], index_factory: IndexFactory = default_index) -> dict[str, Any]:
    """`{"pairs": {...}, "events": {"purity": x}, "pair_files": {name: details}}` for gold runs."""
    per_file = {run.gold.path.name: _score_run(run, index_factory()) for run in runs}
    keys = ("required_total", "required_found", "acceptable_found", "forbidden_reported", "contradicts_reported")
    pairs = {k: sum(f[k] for f in per_file.values()) for k in keys}
    labelled = sum(f["labelled"] for f in per_file.values())
    purity = round(sum(f["majority"] for f in per_file.values()) / labelled, 4) if labelled else 0.0
    together = {f"{name}:{g}": v for name, f in per_file.items() for g, v in f["together"].items()}
    return {"pairs": pairs, "events": {"purity": purity, "together": together}, "pair_files": per_file}


def pair_table(report: dict[str, Any]) -> str:
    p, e = report["pairs"], report["events"]
    lines = [
        f"pairs: required {p['required_found']}/{p['required_total']}  acceptable {p['acceptable_found']}  "
        f"forbidden reported {p['forbidden_reported']}  contradicts reported {p['contradicts_reported']}",
        f"events: purity {e['purity']:.3f}",
    ]
    for name, f in report["pair_files"].items():
        if f["missing_required"] or f["reported_forbidden"]:
            lines.append(f"  {name}: missing {f['missing_required']}  forbidden {f['reported_forbidden']}")
    return "\n".join(lines)
