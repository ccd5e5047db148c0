"""bench/mutation_score.py reads mutmut's results per target and fails a target under the aim."""

from __future__ import annotations

import json

import mutation_score as ms  # bench/ is on the tests' path (conftest.py)


def _results(root, path, codes):
    meta = root / "mutants" / (path + ".meta")
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")


def test_a_target_under_the_aim_fails_and_names_its_survivors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    [path] = ms.TARGETS["read_as_data"]
    name = ms.module_glob(path)[:-1] + "x_f__mutmut_"
    # 8 killed, 1 timed out (caught), 1 survived, 1 reached by no test: 9 of 11 = 81.8 %
    _results(tmp_path, path, {**{f"{name}{n}": 1 for n in range(8)}, f"{name}8": 36,
                              f"{name}9": 0, f"{name}10": 33})
    assert ms.report(["read_as_data"]) == 1
    out = capsys.readouterr().out
    assert "9 of   11 killed ( 81.8 %" in out and "UNDER" in out
    assert f"survived: {name}9" in out and f"survived: {name}10" in out


def test_equivalent_mutants_leave_the_count_and_a_target_without_results_fails(
        tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    [path] = ms.TARGETS["read_as_data"]
    name = ms.module_glob(path)[:-1] + "x_f__mutmut_"
    monkeypatch.setattr(ms, "EQUIVALENT", {f"{name}1": "why"})
    _results(tmp_path, path, {f"{name}0": 1, f"{name}1": 0})
    assert ms.report(["read_as_data"]) == 0
    assert "1 of    1 killed (100.0 %, 1 equivalent left out) ok" in capsys.readouterr().out
    assert ms.report(["glossary"]) == 1
    assert "no results" in capsys.readouterr().out


def test_an_unknown_target_is_refused_with_the_list():
    assert ms.main(["nope"]) == 2
