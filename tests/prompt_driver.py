"""Answering the window's modal prompts in tests through its one seam (desktop.ui.prompts.show),
as the mediator would, without patching Qt: each prompt is recorded and gets the next scripted
answer; a prompt nobody expected fails the test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.ui import prompts
from desktop.ui.prompts import Kind, Prompt

#: A scripted answer: a button label (for a choice), a path or list of paths (for a chooser),
#: None (cancelled), or a function of the prompt giving one of these.
Answer = str | Path | list[Path] | None | Callable[[Prompt], Any]


class Prompts:
    """The prompts shown so far (``asked``) and the answers still to give."""

    def __init__(self, answers: list[Answer]) -> None:
        self.answers = answers
        self.asked: list[Prompt] = []

    def __call__(self, _parent: object, prompt: Prompt) -> object:
        self.asked.append(prompt)
        if not self.answers:
            pytest.fail(f"unexpected prompt: {prompt.title} {prompt.text}")
        answer = self.answers.pop(0)
        if callable(answer):
            answer = answer(prompt)
        if prompt.kind is Kind.CHOICE:
            if answer is None:
                return prompt.escape
            assert answer in prompt.buttons, f"{answer!r} is not one of {prompt.buttons}"
            return prompt.buttons.index(str(answer))
        return answer

    @property
    def texts(self) -> list[str]:
        return [p.text for p in self.asked]


def answer_prompts(monkeypatch: pytest.MonkeyPatch, *answers: Answer) -> Prompts:
    """From now on every prompt gets the next of ``answers``; returns the recorder."""
    recorder = Prompts(list(answers))
    monkeypatch.setattr(prompts, "show", recorder)
    return recorder
