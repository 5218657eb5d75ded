"""``--committee-id`` of a committee the file holds no case of is refused in one sentence naming
the committees it does hold (it printed an empty 月报 and a 台账 of 0 件, as if that committee
had done nothing); the file's own id and no id keep working."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from desktop.core.reports.scope import own_committee_id
from desktop.core.store import Store


@pytest.fixture
def closed(store: Store) -> tuple[Path, str]:
    """The committee's file (closed: the command opens it) and its own committee id."""
    own = own_committee_id(store.db)
    store.close()
    assert store.path is not None
    return store.path, own


@given(
    wrong=st.text(alphabet="abc-0123456789中", min_size=1, max_size=12),
    which=st.sampled_from(["monthly", "register"]),
)
@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_an_unknown_committee_id_is_refused_naming_the_known_ones(
    closed: tuple[Path, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    wrong: str,
    which: str,
) -> None:
    path, own = closed
    if wrong == own:
        return
    out = tmp_path / ("x.xlsx" if which == "register" else "x.pdf")
    argv = {
        "monthly": ["report", "monthly", "--month", "2026-02", "-o", str(out)],
        "register": ["register", "-o", str(out)],
    }[which]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert main(["--db", str(path), *argv, "--committee-id", wrong]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and f"没有编号为“{wrong}”的调委会" in err
    assert f"星光村人民调解委员会 {own}" in err
    assert not out.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert main(["--db", str(path), *argv, "--committee-id", own]) == 0
    assert out.exists()
    out.unlink()
