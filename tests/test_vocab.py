"""Vocabularies (``rules/*.toml``): every entry's examples behave; malformed files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.toml import ConfigError
from linter.vocab import Entry, load_vocabulary, read_vocabulary

VOCABULARY = load_vocabulary()
ENTRIES: list[tuple[str, int, Entry]] = [
    (name, index, entry)
    for name, entries in sorted(VOCABULARY.lists.items())
    for index, entry in enumerate(entries)
]


def test_vocabularies_are_loaded() -> None:
    assert ENTRIES, "no vocabulary entries found in rules/*.toml"


@pytest.mark.parametrize(
    ("name", "index", "entry"), ENTRIES, ids=[f"{name}[{index}]" for name, index, _ in ENTRIES]
)
def test_entry_examples(name: str, index: int, entry: Entry) -> None:
    wrong_misses = [text for text in entry.match if not entry.search(text)]
    wrong_hits = [text for text in entry.no_match if entry.search(text)]
    assert not wrong_misses, f"{name}[{index}] /{entry.source}/ should match {wrong_misses}"
    assert not wrong_hits, f"{name}[{index}] /{entry.source}/ should not match {wrong_hits}"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "extra.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_toml_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '# extra\n[[val_extra]]\npattern = 有所提升\nmatch = ["有所提升"]\n')
    with pytest.raises(ConfigError) as caught:
        read_vocabulary(str(path))
    error = caught.value
    assert error.path == str(path)
    assert error.line == 3
    assert str(error).startswith(f"{path}:3:")


def test_bad_regex_names_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '# extra vocabulary\n[[val_extra]]\npattern = "有所提升"\n\n[[val_extra]]\n'
        'pattern = "(持续|不断(提升"\nmatch = ["持续提升"]\n',
    )
    with pytest.raises(ConfigError) as caught:
        read_vocabulary(str(path))
    error = caught.value
    assert error.path == str(path)
    assert error.line == 6
    assert str(error).startswith(f"{path}:6:")
    assert "val_extra" in error.reason


def test_bad_extra_file_fails_when_loading_the_vocabulary(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[val_extra]]\npattern = "(unclosed"\n')
    with pytest.raises(ConfigError) as caught:
        load_vocabulary((str(path),))
    assert caught.value.path == str(path)
    assert caught.value.line == 2


def test_extra_file_extends_builtin_lists(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[val_vague]]\npattern = "渐入佳境"\nmatch = ["渐入佳境"]\n')
    vocabulary = load_vocabulary((str(path),))
    assert len(vocabulary.get("val_vague")) == len(VOCABULARY.get("val_vague")) + 1
    assert vocabulary.first("val_vague", "工作渐入佳境") is not None
