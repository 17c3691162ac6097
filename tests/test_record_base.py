"""Records whose ==, hash and repr are shared (genstudio.record_base) behave as the
methods @dataclass would have compiled for them."""

from __future__ import annotations

import dataclasses
import importlib
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from genstudio.record_base import FrozenRecord, Record

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Generated:
    name: str
    size: float = 0.0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)
    loose: int = field(default=0, hash=False)


@dataclass(frozen=True, repr=False, eq=False)
class Shared(FrozenRecord):
    name: str
    size: float = 0.0
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)
    loose: int = field(default=0, hash=False)


@dataclass
class MutableGenerated:
    name: str
    items: list[int] = field(default_factory=list)


@dataclass(repr=False, eq=False)
class MutableShared(Record):
    name: str
    items: list[int] = field(default_factory=list)


NAN = float("nan")
SAMPLES = [
    ("a", 1.0, ("x",), "n", "s", 1),
    ("a", 1.0, ("x",), "other note", "s", 1),  # differs only where not compared
    ("a", 1.0, ("x",), "n", "s", 2),  # compared, not hashed
    ("b", 2.5, (), "", "", 0),
    ("a", NAN, ("x",), "n", "s", 1),  # the same NaN object: equal inside a tuple
]


@pytest.mark.parametrize("left", SAMPLES)
@pytest.mark.parametrize("right", SAMPLES)
def test_frozen_records_compare_and_hash_as_generated(
    left: tuple[Any, ...], right: tuple[Any, ...]
) -> None:
    generated = Generated(*left) == Generated(*right)
    assert (Shared(*left) == Shared(*right)) is generated
    assert (Shared(*left) != Shared(*right)) is (not generated)
    assert (hash(Shared(*left)) == hash(Shared(*right))) is (
        hash(Generated(*left)) == hash(Generated(*right))
    )


@pytest.mark.parametrize("values", SAMPLES)
def test_repr_is_the_generated_one_with_its_own_name(values: tuple[Any, ...]) -> None:
    assert repr(Shared(*values)) == repr(Generated(*values)).replace("Generated(", "Shared(", 1)


def test_another_class_is_not_equal_and_mutable_records_are_unhashable() -> None:
    assert Shared("a").__eq__(Generated("a")) is NotImplemented
    assert Shared("a") != ("a", 0.0, (), "", "", 0)
    assert MutableShared("a", [1]) == MutableShared("a", [1])
    assert MutableShared("a", [1]) != MutableShared("a", [2])
    assert repr(MutableShared("a", [1])) == "MutableShared(name='a', items=[1])"
    with pytest.raises(TypeError):
        hash(MutableShared("a"))
    with pytest.raises(TypeError):
        hash(MutableGenerated("a"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        Shared("a").name = "b"  # type: ignore[misc]
    assert dataclasses.replace(Shared("a", 1.0), size=2.0) == Shared("a", 2.0)


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_shared_record_is_declared_so() -> None:
    """Declared without repr=False, eq=False, a record would compile its own again (and
    silently shadow these); frozen exactly when over FrozenRecord (hashable)."""
    for name in (
        "genstudio.api.catalog",
        "genstudio.api.request",
        "genstudio.settings.money",
        "genstudio.settings.preferences",
        "genstudio.tasks.account",
        "genstudio.tasks.pricing",
        "genstudio.tasks.query",
        "genstudio.ui.form.form_state",
    ):
        importlib.import_module(name)
    ours = {
        c
        for c in _subclasses(Record)
        if c.__module__.startswith("genstudio.") and c is not FrozenRecord
    }
    assert len(ours) >= 15
    for cls in ours:
        assert dataclasses.is_dataclass(cls), cls
        assert cls.__repr__ is Record.__repr__, cls
        assert cls.__eq__ is Record.__eq__, cls
        assert cls.__dataclass_params__.frozen is issubclass(cls, FrozenRecord), cls  # type: ignore[attr-defined]


def test_the_window_s_modules_compile_no_dataclass_methods() -> None:
    """What the window is painted with defines no dataclass whose __repr__ or __eq__
    @dataclass compiled: each is 0.3-0.5 ms of the start on Python 3.11."""
    probe = """
import dataclasses, sys
import genstudio.app, genstudio.window_start, genstudio.ui.window.main_window
import genstudio.tasks.account, genstudio.tasks.clients, genstudio.tasks.background
import genstudio.api.catalog, genstudio.demo, genstudio.single_instance

def compiled(method):  # made from text by exec: its code comes from "<string>"
    method = getattr(method, "__wrapped__", method)  # __repr__ guards recursion
    return getattr(getattr(method, "__code__", None), "co_filename", "") == "<string>"

print(sorted(
    f"{name}.{cls.__name__}"
    for name, module in list(sys.modules.items()) if name.startswith("genstudio")
    for cls in vars(module).values()
    if isinstance(cls, type) and cls.__module__ == name and dataclasses.is_dataclass(cls)
    and (compiled(cls.__repr__) or compiled(cls.__eq__))
))
"""
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == "[]"
