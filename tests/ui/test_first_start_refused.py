"""The first-start form refused part-way can be corrected and sent again (kind: a refusal after
part of the new committee was saved — a mediator named twice in any spelling the roster counts
as one, a name or region with a line break or direction control). It saved the committee and
the first mediators one by one, so the corrected form was then refused for ever (名单里已经有
“王建平”了). Through the real dialog: after any refusal, nothing is saved, and the corrected
form makes the committee with exactly its roster."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.ui.first_start import FirstStartDialog

pytestmark = pytest.mark.ui

GOOD = "星光村人民调解委员会"
ROSTER = ["王建平", "沈美琴", "欧阳修文"]
BREAKS = st.sampled_from(["\n", "\t", "\x85", "\u2028", "\u202e", "\u2066"])


@st.composite
def refused_forms(draw: st.DrawFn) -> tuple[str, str, str]:
    """(name, region, mediators as typed) that the form refuses after it starts saving."""
    kind = draw(st.sampled_from(["twice", "name", "region"]))
    if kind == "twice":
        names = draw(st.lists(st.sampled_from(ROSTER), min_size=1, max_size=3, unique=True))
        again = draw(st.sampled_from(names))
        spelled = draw(st.sampled_from([again, f" {again}", again[0] + "\u3000" + again[1:]]))
        sep = draw(st.sampled_from(["、", "，", ","]))
        return GOOD, "", sep.join([*names, spelled])
    broken = draw(st.sampled_from(["星光村", "新埭镇"])) + draw(BREAKS) + "调委会"
    if kind == "name":
        return broken, "", "王建平"
    return GOOD, broken, "王建平"


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(form=refused_forms())
def test_a_refused_first_start_form_can_be_corrected_and_sent_again(
    qtbot,  # noqa: ANN001
    tmp_path_factory: pytest.TempPathFactory,
    form: tuple[str, str, str],
) -> None:
    dialog = FirstStartDialog(tmp_path_factory.mktemp("fs") / "new.sqlite")
    qtbot.addWidget(dialog)
    name, region, mediators = form
    dialog.name.setText(name)
    dialog.region.setText(region)
    dialog.mediators.setText(mediators)
    dialog.create_button.click()
    assert dialog.store is None and dialog.message.text().endswith("。"), dialog.message.text()
    opened = dialog._opened
    assert opened is not None and not opened.settings.initialised
    assert opened.settings.mediators(active_only=False) == []
    dialog.name.setText(GOOD)
    dialog.region.setText("浙江省平湖市新埭镇")
    dialog.mediators.setText("王建平、沈美琴")
    dialog.create_button.click()
    store = dialog.store
    assert store is not None, dialog.message.text()
    assert store.settings.committee().name == GOOD
    assert [m.name for m in store.settings.mediators()] == ["王建平", "沈美琴"]
    store.close()
