"""A notebook reads and validates only its own module's bank."""

from __future__ import annotations

from course_lib.content import bank


def test_one_module_reads_one_file(monkeypatch):
    bank._load_file.cache_clear()
    bank._check_across.cache_clear()
    read = []
    real = bank.check_file

    def counting(path, kind):
        read.append(path.name)
        return real(path, kind)

    monkeypatch.setattr(bank, "check_file", counting)
    questions = bank.load_questions("m02")
    assert questions and {q.module for q in questions} == {"m02"}
    assert read == ["02_wave.yaml"]
    assert bank.get_question(questions[0].id) is questions[0]
    assert read == ["02_wave.yaml"]  # cached, and still only its own file


def test_all_banks_still_load_with_the_cross_file_check():
    bank._check_across.cache_clear()
    modules = {q.module for q in bank.load_questions()}
    assert {"m00", "m01", "m09"} <= modules
