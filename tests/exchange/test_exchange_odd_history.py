"""A received case whose 操作记录 holds odd entries still shows and prints. Kind: a history
entry's detail is the sender's text (case-line.schema.json: any string), and this program's
readers of the history — the case's timeline (操作记录 in the window), its documents
(documents/context.py: 登记人, the hand-off's date) and the printed 卷宗 — took it for a JSON
object: text that is not JSON made every one of them fail (``wusong render`` said 程序遇到了
意外情况), a number, a list or null made the timeline fail, and a 终止 entry's routes not a list
of words too. Generated details and entries go through the real export, signature and import
(inline and in the reading process); what is sent on stays the text as received."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from one_case_package import Sent, one_case_sent, township

from desktop.core import documents as docs
from desktop.core.documents.context import make_context
from desktop.core.exchange import import_packages, reading
from desktop.core.exchange.export import case_line
from desktop.core.store import audit
from desktop.core.timeline import case_timeline


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> Sent:
    return one_case_sent(tmp_path_factory.mktemp("odd"))


def _with(sent: Sent, entries: list[dict[str, Any]], path: Path) -> Path:
    """The case's own history and then ``entries``."""
    return sent.with_history(sent.line()["audit"] + entries, path)


_SCALAR = st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.text(max_size=6)
_VALUE = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=5,
)
_KEYS = st.sampled_from(
    ["step", "from", "to", "reason", "routes", "days", "form", "format", "name", "case_no"]
    + ["original_case_no", "facts", "accepted_on", "amount", "received_on", "filename", "x"]
)
_DETAIL = st.one_of(
    st.text(max_size=12),  # mostly not JSON at all
    _VALUE.map(json.dumps),  # JSON, often not an object
    st.dictionaries(_KEYS, _VALUE, max_size=4).map(lambda d: json.dumps(d, ensure_ascii=False)),
    st.just("[" * 3000 + "]" * 3000),  # JSON nested deeper than Python's parser goes
)
_ENTRY = st.fixed_dictionaries(
    {
        "at": st.sampled_from(["2026-10-30T10:00:00", "2026-10-31T11:30:00"]),
        "actor": st.sampled_from(["", "王调解"]),
        "entity": st.sampled_from(["case", "party", "term", "session", "外来"]),
        "action": st.sampled_from(
            ["create", "update", "delete", "import", "complete_step", "escalate"]
            + ["terminate", "extend", "attach", "document", "别的"]
        ),
        "detail": _DETAIL,
    }
)


@pytest.mark.parametrize("in_child", [False, True], ids=["inline", "child"])
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=st.lists(_ENTRY, min_size=1, max_size=5))
def test_a_received_history_with_odd_entries_shows_and_is_sent_on_as_received(
    sent: Sent,
    in_child: bool,
    tmp_path_factory: pytest.TempPathFactory,
    entries: list[dict[str, Any]],
) -> None:
    folder = tmp_path_factory.mktemp("t")
    with township(folder) as t, pytest.MonkeyPatch.context() as mp:
        if in_child:
            mp.setattr(reading, "INLINE_BELOW", 0)  # read in the reading process
        (report,) = import_packages(t, [_with(sent, entries, folder / "p.zip")])
        assert len(report.added) == 1
        cid = t.db.execute("SELECT id FROM cases").fetchone()[0]
        history = audit.history(t.db, cid)
        assert all(isinstance(e.detail, dict) for e in history)
        told = case_timeline(t, cid)
        assert len(told) == len(history) and all(item.text for item in told)
        context = make_context(t, cid)
        assert context.registrar is not None and context.received_on is not None
        # Sent on exactly as received: the texts, not what the timeline made of them.
        onward = [e["detail"] for e in case_line(t, cid)["audit"]]
        for e in entries:
            assert (e["detail"] or "{}") in onward


def test_a_case_whose_history_has_a_detail_that_is_not_json_prints(
    sent: Sent, tmp_path: Path
) -> None:
    """The whole 卷宗 (every document of the case) of such a case is printed; the entry is
    in the timeline with its text."""
    odd = {"at": "2026-10-31T09:00:00", "actor": "王", "entity": "case", "action": "update"}
    with township(tmp_path) as t:
        import_packages(t, [_with(sent, [{**odd, "detail": "改了调解地点"}], tmp_path / "p.zip")])
        cid = t.db.execute("SELECT id FROM cases").fetchone()[0]
        assert any("改了调解地点" in item.text for item in case_timeline(t, cid))
        out = tmp_path / "卷宗.pdf"
        docs.generate(t, cid, docs.DOSSIER, "pdf", out, refuse_unprintable=False)
        assert out.read_bytes().startswith(b"%PDF")
