"""Grading a class: the batch and its workers, the sandboxed kernel, answer keys, the gradebook."""
